// The browser's own texts follow the browser, not the chosen language: its validation messages
// and the file picker's button are said here in the reader's words instead.

import { h } from './dom.js';
import type { WordKey } from './i18n.js';
import { words } from './shell.js';

/**
 * The browser's own checks (a required field left empty, a pattern not met) speak the console's
 * language, not the browser's: each says why in the reader's words, and is cleared when edited.
 */
function validityInOurWords(event: Event): void {
  const control = event.target as HTMLInputElement;
  const { validity } = control;
  if (validity.customError) return;
  const why: WordKey | undefined = validity.valueMissing
    ? 'valueMissing'
    : validity.patternMismatch || validity.typeMismatch
      ? 'patternMismatch'
      : validity.tooLong
        ? 'tooLong'
        : validity.rangeOverflow || validity.rangeUnderflow || validity.stepMismatch
          ? 'outOfRange'
          : validity.badInput
            ? 'badInput'
            : undefined;
  if (why) control.setCustomValidity(words.t(why));
}
document.addEventListener('invalid', validityInOurWords, true);
/**
 * A changed control is judged afresh. A radio's group is one control: the message set on each of its
 * buttons when the group was found empty goes from all of them, or the form stays invalid for ever.
 */
function judgeAfresh(event: Event): void {
  const control = event.target as HTMLInputElement;
  const group =
    control.type === 'radio' && control.form && control.name
      ? [...control.form.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(control.name)}"]`)]
      : [control];
  for (const each of group) each.setCustomValidity?.('');
}
document.addEventListener('input', judgeAfresh, true);
document.addEventListener('change', judgeAfresh, true);

/**
 * A file input whose button and "no file" say it in the reader's language (the browser's own
 * follow the browser): the input is kept (keyboard, screen readers), its own texts hidden.
 */
export function fileInput(id: string, accept: string): [HTMLInputElement, HTMLElement] {
  const chosen = h('span', { class: 'hint', id: `${id}-chosen` }, words.t('noFile'));
  const input = h('input', {
    id,
    type: 'file',
    accept,
    class: 'file',
    'aria-describedby': `${id}-chosen`,
    onchange: () => {
      chosen.textContent = input.files?.[0]?.name ?? words.t('noFile');
    },
  });
  return [input, h('span', {}, h('label', { for: id, class: 'button' }, words.t('chooseFile')), ' ', chosen)];
}
