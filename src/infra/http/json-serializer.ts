// The reply serializer of every JSON answer: JSON.stringify, except that a frozen object (stored
// JSON handed out shared and frozen, and its rendering in a language: infra/persistence/frozen-json.ts,
// domain/i18n/localize-body.ts) is serialized once and its text reused. An application's
// assessment is most of its answer (~8 KB of ~10 KB) and does not change between its transitions,
// so an answer then costs the stringifying of what did change only.
//
// The text is exactly JSON.stringify's: the same members in the same order (own enumerable string
// keys), undefined, functions and symbols left out of objects and null in arrays, toJSON honoured.
// A frozen value must be frozen all the way down for its text to stay true; the values frozen here
// are (deepFreeze, and the renderings of localize-body).

const TEXT = new WeakMap<object, string>();

/** How deep into plain (unfrozen) objects and arrays the serializer looks for frozen members. */
const MAX_DEPTH = 3;

const hasToJson = (value: object): boolean =>
  typeof (value as { toJSON?: unknown }).toJSON === 'function';

const textOf = (value: unknown, depth: number): string | undefined => {
  if (typeof value !== 'object' || value === null || hasToJson(value)) {
    return JSON.stringify(value);
  }
  if (Object.isFrozen(value)) {
    let text = TEXT.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      TEXT.set(value, text);
    }
    return text;
  }
  if (depth >= MAX_DEPTH) return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => textOf(item, depth + 1) ?? 'null');
    return `[${items.join(',')}]`;
  }
  const members: string[] = [];
  for (const key of Object.keys(value)) {
    const text = textOf((value as Record<string, unknown>)[key], depth + 1);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
};

/** The JSON text of an answer's body (what JSON.stringify gives, frozen parts reused). */
export const serializeJson = (payload: unknown): string => textOf(payload, 0) ?? 'null';
