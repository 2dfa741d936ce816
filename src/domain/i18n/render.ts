// Renders a language-neutral message in one locale. Pure: catalogues are data, no I/O.
// Templates name parameters as {name}; {name|cap} capitalizes the first letter, {name|decap} lowers
// it ("The debt ratio" → "the debt ratio"), {name|end} ends it as a sentence. Chinese text has no
// case, so cap/decap leave it as it is.
import { EN } from './catalogue.en';
import { ZH_CN } from './catalogue.zh-CN';
import type { Locale } from './locale';
import { isMsg, type Msg, type MsgParam } from './message';

export type Catalogue = Readonly<Record<string, string>>;

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en: EN, 'zh-CN': ZH_CN };

/** Keys the renderer implements itself (lists); they are in no catalogue. */
export const BUILT_IN_KEYS = ['list.and', 'list.or', 'list.sentences', 'list.concat'] as const;

const PLACEHOLDER = /\{([A-Za-z0-9_]+)((?:\|[a-z]+)*)\}/g;

/** The parameter names a template uses. */
export const placeholdersOf = (template: string): string[] =>
  [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();

const capitalize = (text: string): string =>
  text.length > 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;

const decapitalize = (text: string): string =>
  /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;

const endSentence = (text: string, locale: Locale): string => {
  if (locale === 'zh-CN') return /[。！？.!?]$/.test(text) ? text : `${text}。`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

const joinList = (items: string[], locale: Locale, conjunction: 'and' | 'or'): string => {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1);
  const last = items[items.length - 1] ?? '';
  if (locale === 'zh-CN') return `${head.join('、')}${conjunction === 'and' ? '和' : '或'}${last}`;
  return `${head.join(', ')} ${conjunction} ${last}`;
};

const renderParam = (value: MsgParam, locale: Locale): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return joinList(
      (value as readonly MsgParam[]).map((v) => renderParam(v, locale)),
      locale,
      'and',
    );
  return renderMsg(value as Msg, locale);
};

const itemsOf = (m: Msg, locale: Locale): string[] => {
  const items = m.params?.items;
  return Array.isArray(items)
    ? (items as readonly MsgParam[]).map((item) => renderParam(item, locale))
    : [];
};

/** A message in one locale; a key neither catalogue knows is shown as the key itself. */
export const renderMsg = (m: Msg, locale: Locale): string => {
  switch (m.key) {
    case 'list.and':
      return joinList(itemsOf(m, locale), locale, 'and');
    case 'list.or':
      return joinList(itemsOf(m, locale), locale, 'or');
    case 'list.concat':
      return itemsOf(m, locale).join('');
    case 'list.sentences':
      return [
        ...new Set(itemsOf(m, locale).map((text) => endSentence(capitalize(text), locale))),
      ].join(locale === 'zh-CN' ? '' : ' ');
    default:
      break;
  }
  const template = CATALOGUES[locale][m.key] ?? CATALOGUES.en[m.key];
  if (template === undefined) return m.key;
  const params = m.params ?? {};
  return template.replace(PLACEHOLDER, (whole, name: string, modifiers: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    let text = renderParam(value, locale);
    for (const modifier of modifiers.split('|').filter(Boolean)) {
      if (modifier === 'cap') text = capitalize(text);
      else if (modifier === 'decap') text = decapitalize(text);
      else if (modifier === 'end') text = endSentence(text, locale);
    }
    return text;
  });
};

/** A stored text: a message is rendered, a plain string (an older row) is shown as it was. */
export const renderText = (value: unknown, locale: Locale): string =>
  isMsg(value) ? renderMsg(value, locale) : typeof value === 'string' ? value : String(value);
