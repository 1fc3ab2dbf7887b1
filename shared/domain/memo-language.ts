// The seller memo is read by the buyer (My Qoo10), so it should be in the order country's
// language (docs/DOMAIN.md, "Notices"). A memo in another language is not refused — a seller may have reasons —
// but the answer says so.

import { languageFor, type Language } from './notices.js';

const NAMES: Record<Language, string> = { ja: 'Japanese', ko: 'Korean', en: 'English' };

/** The language a text is written in, by its script; undefined when it has no letters to tell by. */
export function scriptLanguage(text: string): Language | undefined {
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text)) return 'ja';
  if (/\p{Script=Latin}/u.test(text)) return 'en';
  return undefined;
}

export interface AnswerWarning {
  code: 'MEMO_LANGUAGE';
  detail: string;
}

/** A warning when the memo is not in the language of the buyer's country; none when it is, or cannot be told. */
export function memoLanguageWarning(memo: string | undefined, country: string): AnswerWarning | undefined {
  if (!memo) return undefined;
  const expected = languageFor(country);
  const written = scriptLanguage(memo);
  if (!written || written === expected) return undefined;
  return {
    code: 'MEMO_LANGUAGE',
    detail:
      `The buyer's order is from ${country}, where the memo is read in ${NAMES[expected]}; this memo looks ` +
      `${NAMES[written]}. It was kept as written.`,
  };
}
