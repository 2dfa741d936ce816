// Renders a JSON answer in one language (pure). The HTTP edge runs it on every answer before it is
// serialized (shared/i18n/localize.ts). The domain and the database hold language-neutral messages
// (key + params); here they become words.
//   - `detail` / `band` / `reason` holding a message → the words, and the message beside them
//     (`detailCode`, `bandCode`, `reasonCode`);
//   - `reasons` holding messages → the words, and `reasonCodes` (a plain older sentence becomes
//     { key: 'text.plain', params: { text } });
//   - an assessment's dimension, indicator or condition (`key` + `met`/`points`/`indicators`) gets
//     its rule's `name`;
//   - a problem (type urn:sme-ladder:problem:…) gets its `title` in the language; its `code` stays.
//   - an audit event (`hash` + `prevHash`) keeps its `data` exactly as stored, so its hash still
//     verifies; the same data in words is beside it as `localizedData` (when it holds messages).
// Plain strings (rows written before messages existed, user text) pass through as they are.
import type { Locale } from './locale';
import { isMsg, msg, type Msg } from './message';
import { BUILT_IN_KEYS, CATALOGUES, renderMsg } from './render';

const PROBLEM_TYPE_PREFIX = 'urn:sme-ladder:problem:';
const BUILT_IN = new Set<string>(BUILT_IN_KEYS);

/** A message the catalogues know (user data shaped like { key } is left alone). */
const isKnownMsg = (value: unknown): value is Msg =>
  isMsg(value) && (value.key in CATALOGUES.en || BUILT_IN.has(value.key));

const MSG_FIELDS: Readonly<Record<string, string>> = {
  detail: 'detailCode',
  band: 'bandCode',
  reason: 'reasonCode',
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const isRulePart = (value: Record<string, unknown>): boolean =>
  typeof value.key === 'string' &&
  (typeof value.met === 'boolean' ||
    typeof value.points === 'number' ||
    Array.isArray(value.indicators));

const localizeObject = (
  value: Record<string, unknown>,
  locale: Locale,
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  // An audit event's data is covered by its hash: shown as stored, its words beside it.
  const chained = typeof value.hash === 'string' && typeof value.prevHash === 'string';
  for (const [field, item] of Object.entries(value)) {
    if (chained && field === 'data') {
      out.data = item;
      const words = localizeBody(item, locale);
      if (JSON.stringify(words) !== JSON.stringify(item)) out.localizedData = words;
      continue;
    }
    const codeField = MSG_FIELDS[field];
    if (codeField && isKnownMsg(item)) {
      out[field] = renderMsg(item, locale);
      out[codeField] = item;
      continue;
    }
    if (field === 'reasons' && Array.isArray(item) && item.some(isKnownMsg)) {
      const reasons: readonly unknown[] = item;
      out.reasons = reasons.map((r) => (isKnownMsg(r) ? renderMsg(r, locale) : r));
      out.reasonCodes = reasons.map((r) =>
        isKnownMsg(r) ? r : msg('text.plain', { text: typeof r === 'string' ? r : String(r) }),
      );
      continue;
    }
    out[field] = localizeBody(item, locale);
  }
  if (isRulePart(value) && out.name === undefined) {
    const key = `rule.${String(value.key)}`;
    if (key in CATALOGUES.en) out.name = renderMsg({ key }, locale);
  }
  if (
    typeof value.type === 'string' &&
    value.type.startsWith(PROBLEM_TYPE_PREFIX) &&
    typeof value.code === 'string'
  ) {
    const titleKey = `problem.title.${value.code}`;
    if (titleKey in CATALOGUES.en) out.title = renderMsg({ key: titleKey }, locale);
  }
  return out;
};

// A frozen value cannot change, so its rendering in a locale is computed once (stored JSON that is
// read often, e.g. an application's assessment, is handed out frozen and shared). The rendering is
// frozen too, all the way down: it is shared by every answer that includes it (and the reply
// serializer keeps the text of frozen values).
const RENDERED: Readonly<Record<Locale, WeakMap<object, unknown>>> = {
  en: new WeakMap(),
  'zh-CN': new WeakMap(),
};

const freezeAll = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const item of Object.values(value)) freezeAll(item);
  return Object.freeze(value);
};

const localizeValue = (value: unknown, locale: Locale): unknown => {
  if (Array.isArray(value)) return value.map((item) => localizeBody(item, locale));
  if (isPlainObject(value)) return localizeObject(value, locale);
  return value;
};

/** A JSON answer with every message rendered in `locale` (a new value; the input is not changed). */
export const localizeBody = (value: unknown, locale: Locale): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  if (!Object.isFrozen(value)) return localizeValue(value, locale);
  const memo = RENDERED[locale];
  if (memo.has(value)) return memo.get(value);
  const rendered = freezeAll(localizeValue(value, locale));
  memo.set(value, rendered);
  return rendered;
};
