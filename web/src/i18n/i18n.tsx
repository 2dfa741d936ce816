import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { LABELS, LOCALES, MESSAGES, type Locale, type MessageKey } from './messages';

const STORAGE_KEY = 'ladder.locale';
/** Dates are shown in China time whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export const detectLocale = (stored: string | null, languages: readonly string[]): Locale => {
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
};

const readStored = (): string | null => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export type I18n = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** The name of an API code (state, event, tier, role, kind), or the code itself. */
  label: (code: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
};

export const makeI18n = (locale: Locale, setLocale: (l: Locale) => void = () => {}): I18n => {
  const messages = MESSAGES[locale];
  const labels = LABELS[locale];
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const dateFormat = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    locale,
    setLocale,
    t: (key, vars) =>
      messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`)),
    // Roles may come with a level ("reviewer:city"): both parts are named.
    label: (code) =>
      !code
        ? '—'
        : (labels[code] ??
          (code.includes(':')
            ? code
                .split(':')
                .map((part) => labels[part] ?? part)
                .join('·')
            : code)),
    dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—'),
    // A plain calendar date (YYYY-MM-DD) has no zone: show it as it is written.
    date: (iso) =>
      !iso ? '—' : /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : dateFormat.format(new Date(iso)),
  };
};

const I18nContext = createContext<I18n>(makeI18n('en'));

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [locale, setLocaleState] = useState<Locale>(() =>
    detectLocale(readStored(), navigator.languages ?? [navigator.language]),
  );
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage: the switch still holds for this page.
    }
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    currentLocale = locale;
  }, [locale]);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  currentLocale = locale;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
};

export const I18nTestProvider = ({ locale, children }: { locale: Locale; children: ReactNode }) => (
  <I18nContext.Provider value={makeI18n(locale)}>{children}</I18nContext.Provider>
);

/** The language the API client asks for (Accept-Language). */
let currentLocale: Locale = 'zh-CN';
export const apiLocale = (): Locale => currentLocale;

export const useI18n = (): I18n => useContext(I18nContext);
