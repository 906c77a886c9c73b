import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { EVENT_TYPE_ZH, MESSAGES, MessageKey } from './messages';

export type Lang = 'zh-CN' | 'en';

let current: Lang = sessionStorage.getItem('ledger.lang') === 'en' ? 'en' : 'zh-CN';

/** The language the API is asked to answer in (Accept-Language). */
export const currentLang = (): Lang => current;

export const translate = (lang: Lang, key: MessageKey | string): string => {
  const pair = (MESSAGES as Record<string, readonly [string, string]>)[key];
  return pair ? pair[lang === 'en' ? 1 : 0] : key;
};

/** A status from the API in the reader's language; an unknown one as the API wrote it. */
export const statusText = (lang: Lang, status: string): string =>
  Object.hasOwn(MESSAGES, `status.${status}`) ? translate(lang, `status.${status}`) : status;

/** A programme id (`seat`, `siteLease`, …) by its name in the reader's language. */
export const programmeText = (lang: Lang, programme: string): string =>
  Object.hasOwn(MESSAGES, `programme.${programme}`)
    ? translate(lang, `programme.${programme}`)
    : programme;

/** An event type in Chinese, or as the log names it under the English switch (or when unknown). */
export const eventTypeText = (lang: Lang, type: string): string =>
  lang === 'en' ? type : Object.hasOwn(EVENT_TYPE_ZH, type) ? EVENT_TYPE_ZH[type]! : type;

interface I18n {
  lang: Lang;
  t: (key: MessageKey | string) => string;
  toggle: () => void;
}

const Context = createContext<I18n>({
  lang: current,
  t: (key) => translate(current, key),
  toggle: () => undefined,
});

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(current);
  const toggle = useCallback(() => {
    current = current === 'en' ? 'zh-CN' : 'en';
    sessionStorage.setItem('ledger.lang', current === 'en' ? 'en' : 'zh');
    document.documentElement.lang = current;
    setLang(current);
  }, []);
  const value = useMemo(
    () => ({ lang, t: (key: MessageKey | string) => translate(lang, key), toggle }),
    [lang, toggle],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useI18n = () => useContext(Context);
