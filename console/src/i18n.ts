// The console's words in Japanese, Korean and English (the guide's sellers are Korean, selling in
// Japan), and money and dates formatted for the reader's locale.

import { CODES } from './codes.js';
import { WORDS, type WordKey } from './words.js';

export type { WordKey };
export type Language = 'ja' | 'ko' | 'en';
export const LANGUAGES: Language[] = ['ja', 'ko', 'en'];
const LOCALE: Record<Language, string> = { ja: 'ja-JP', ko: 'ko-KR', en: 'en-US' };

export interface Words {
  language: Language;
  t(key: WordKey): string;
  /** A status, reason or method as the reader says it; the code itself if there is no word for it. */
  code(code: string): string;
  money(money: { amount: number; currency: string }): string;
  time(iso: string): string;
  /** A calendar day (YYYY-MM-DD), as the reader writes it. */
  date(isoDate: string): string;
  /** The marketplace's calendar day (Japan) of an instant, YYYY-MM-DD: what the API's day filters take. */
  marketDay(iso: string): string;
}

export function wordsFor(language: Language): Words {
  const locale = LOCALE[language];
  const moneyFormat = (currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const marketDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' });
  return {
    language,
    t: (key) => WORDS[key][language],
    code: (code) => CODES[code]?.[language] ?? code,
    money: (money) => moneyFormat(money.currency).format(money.amount),
    time: (iso) => timeFormat.format(new Date(iso)),
    date: (isoDate) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`)),
    marketDay: (iso) => marketDayFormat.format(new Date(iso)),
  };
}
