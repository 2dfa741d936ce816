// Language-neutral messages: a catalogue key and its parameters. The domain returns these; the HTTP
// edge renders them in the language a request asks for (see render.ts and the catalogues).

/** A parameter: a plain value shown as is, a nested message, or a list of them. */
export type MsgParam = string | number | boolean | Msg | readonly MsgParam[];

export type Msg = {
  readonly key: string;
  readonly params?: Readonly<Record<string, MsgParam>>;
};

export const msg = (key: string, params?: Record<string, MsgParam>): Msg =>
  params && Object.keys(params).length > 0 ? { key, params } : { key };

/** A list rendered "a, b and c" / "a、b和c". */
export const andList = (items: readonly MsgParam[]): Msg => msg('list.and', { items });
/** A list rendered "a, b or c" / "a、b或c". */
export const orList = (items: readonly MsgParam[]): Msg => msg('list.or', { items });
/** Texts as sentences: each capitalized and ended, duplicates dropped, joined. */
export const sentenceList = (items: readonly MsgParam[]): Msg => msg('list.sentences', { items });
/** Several messages one after the other, with nothing between them. */
export const concat = (...items: readonly MsgParam[]): Msg => msg('list.concat', { items });

const MSG_FIELDS = new Set(['key', 'params']);

/** A value shaped as a message (an object with a string `key` and, optionally, `params`, nothing else). */
export const isMsg = (value: unknown): value is Msg => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.key !== 'string') return false;
  if (!Object.keys(record).every((k) => MSG_FIELDS.has(k))) return false;
  return (
    record.params === undefined || (typeof record.params === 'object' && record.params !== null)
  );
};
