// The two languages of the product and how a request's Accept-Language picks one (RFC 9110 §12.5.4).
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** zh, zh-Hans, zh-CN, zh-Hans-CN (and zh-SG) read Simplified Chinese; en and en-* English. */
const localeOfTag = (tag: string): Locale | '*' | null => {
  const lower = tag.toLowerCase();
  if (lower === '*') return '*';
  if (lower === 'zh' || lower === 'zh-cn' || lower === 'zh-sg' || lower.startsWith('zh-hans'))
    return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
};

/**
 * The locale an Accept-Language header asks for: of the tags we have (Simplified Chinese, English),
 * the one with the highest q (the first of equals); q=0 excludes; `*` takes the fallback. A header
 * naming only other languages (fr, zh-TW) reads English; absent, empty or unreadable: the fallback.
 */
export const negotiateLocale = (header: unknown, fallback: Locale): Locale => {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (typeof text !== 'string' || text.trim() === '') return fallback;
  let best: { locale: Locale; q: number } | null = null;
  let named = false;
  for (const part of text.split(',').slice(0, 32)) {
    const [rawTag = '', ...attributes] = part.trim().split(';');
    const tag = rawTag.trim();
    if (!/^(\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)$/.test(tag)) continue;
    let q = 1;
    for (const attribute of attributes) {
      const match = /^\s*q\s*=\s*([01](\.\d{0,3})?)\s*$/i.exec(attribute);
      if (match) q = Math.min(1, Number(match[1]));
    }
    named = true;
    if (!(q > 0)) continue;
    const found = localeOfTag(tag);
    if (found === null) continue;
    const locale = found === '*' ? fallback : found;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? (named ? 'en' : fallback);
};
