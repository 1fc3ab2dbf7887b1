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
document.addEventListener('input', (event) => (event.target as HTMLInputElement).setCustomValidity?.(''), true);
document.addEventListener('change', (event) => (event.target as HTMLInputElement).setCustomValidity?.(''), true);

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
