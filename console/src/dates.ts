// A calendar day typed in the chosen language's way (ja 2026/12/07, ko 2026. 12. 07., en 12/07/2026),
// not the browser's: an <input type="date"> shows and checks its day in the browser's locale. The
// field says its form by an example, takes any separator (and YYYY-MM-DD in every language), and
// says what is wrong in the reader's words.

import { h } from './dom.js';
import { words } from './shell.js';

type Part = 'year' | 'month' | 'day';

function numeric(): Intl.DateTimeFormat {
  const locale = words.language === 'ja' ? 'ja-JP' : words.language === 'ko' ? 'ko-KR' : 'en-US';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
}

/** YYYY-MM-DD as the reader writes it. */
export function dayAsWritten(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? numeric().format(new Date(`${iso}T00:00:00Z`)) : iso;
}

/** A day as typed → YYYY-MM-DD; '' for nothing typed; undefined for no such day. */
export function dayTyped(text: string): string | undefined {
  const groups = text.trim().match(/\d+/g);
  if (!groups) return text.trim() ? undefined : '';
  if (groups.length !== 3) return undefined;
  // In the language's order, unless the year comes first (YYYY-MM-DD, which every reader may use).
  const order: Part[] =
    groups[0]!.length === 4
      ? ['year', 'month', 'day']
      : numeric()
          .formatToParts(new Date(0))
          .map((part) => part.type)
          .filter((type): type is Part => type === 'year' || type === 'month' || type === 'day');
  const at = (part: Part) => Number(groups[order.indexOf(part)]);
  const [year, month, day] = [at('year'), at('month'), at('day')];
  if (String(year).length !== 4) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A labelled text field for one day, with its example: `day()` reads it as YYYY-MM-DD ('' when left
 * empty). A day that is not one is refused as typed, by the form's own check, in the reader's words.
 */
export function dayField(id: string, label: string, iso: string): [HTMLElement, () => string] {
  const example = numeric().format(new Date());
  const input = h('input', {
    id,
    name: id,
    autocomplete: 'off',
    maxlength: '20',
    value: iso ? dayAsWritten(iso) : '',
    'aria-describedby': `${id}-hint`,
  });
  // After native.ts's listeners (on the document, capturing) have cleared the last message: on each
  // keystroke, and again when the field is left (its change event).
  const judge = () => input.setCustomValidity(dayTyped(input.value) === undefined ? words.t('notADay') : '');
  input.addEventListener('input', judge);
  input.addEventListener('change', judge);
  const field = h(
    'p',
    { class: 'field' },
    h('label', { for: id }, label),
    ' ',
    input,
    ' ',
    h('span', { class: 'hint', id: `${id}-hint` }, `${words.t('dayExample')} ${example}`),
  );
  return [field, () => dayTyped(input.value) ?? ''];
}

/** Two day fields as a period: refused when it ends before it begins. Call before the form is sent. */
export function checkPeriod(from: () => string, to: () => string, toField: HTMLElement): boolean {
  const input = toField.querySelector('input')!;
  const wrong = Boolean(from() && to() && from() > to());
  input.setCustomValidity(wrong ? words.t('toBeforeFrom') : '');
  if (wrong) input.reportValidity();
  return !wrong;
}
