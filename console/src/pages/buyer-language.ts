// Where a seller writes to a buyer (a notice, a memo, a message), which language the buyer reads:
// the order's country decides it (JP Japanese, KR Korean, else English), as it decides the
// notices' own words. A text that looks written in another language is said before it is sent
// (the API keeps it as written and answers MEMO_LANGUAGE afterwards).

import { scriptLanguage } from '../../../shared/domain/memo-language.js';
import { languageFor } from '../../../shared/domain/notices.js';
import { h } from '../dom.js';
import { words } from '../shell.js';

/** The country and the language, as the reader names them: 韓国（韓国語）. */
export function countryAndLanguage(country: string): string {
  const locale = words.language === 'ja' ? 'ja-JP' : words.language === 'ko' ? 'ko-KR' : 'en-US';
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const name = (() => {
    try {
      return countries.of(country) ?? country;
    } catch {
      return country;
    }
  })();
  const open = words.language === 'ja' ? '（' : ' (';
  const close = words.language === 'ja' ? '）' : ')';
  return `${name}${open}${languages.of(languageFor(country))}${close}`;
}

/**
 * The line above a form to the buyer, and a warning kept up to date as the seller types: `texts`
 * are the fields the buyer reads. Returns the note and the warning's live region.
 */
export function buyerLanguageNote(
  country: string,
  id: string,
  texts: (HTMLInputElement | HTMLTextAreaElement)[],
): HTMLElement[] {
  const expected = languageFor(country);
  const reader = countryAndLanguage(country);
  const note = h(
    'p',
    { class: 'hint', id: `${id}-buyer-language`, 'data-testid': 'buyer-language' },
    `${words.t('buyerCountry')}: ${reader}. ${words.t('writeIn')}`,
  );
  const warning = h('p', { role: 'status', class: 'warning', 'data-testid': 'language-warning' });
  const check = () => {
    const off = texts.some((text) => {
      const written = scriptLanguage(text.value);
      return written !== undefined && written !== expected;
    });
    warning.textContent = off ? `${words.t('notInBuyerLanguage')} (${reader})` : '';
  };
  for (const text of texts) text.addEventListener('input', check);
  return [note, warning];
}

/** Text a person wrote (a reason, a message), marked with the language it looks written in. */
export function writtenText(text: string): HTMLElement {
  const language = scriptLanguage(text);
  return h('span', language && language !== words.language ? { lang: language } : {}, text);
}
