// The API's refusals shown with what to do instead, and the one way to send an intent: a form (or a
// dialog around one) with its key, a list the API answered, a labelled field, a select of codes.

import { intentKey } from '../api/client.js';
import { h, table } from './dom.js';
import { fieldErrorText, refusalText } from './refusals.js';
import { isDropped, pathTo, refresh, words, type Child, type Problem } from './shell.js';

const problemLines = (problem: Problem): string[] =>
  problem?.lines ?? problem?.errors?.map((error) => fieldErrorText(words, error)) ?? [];

/** What the API said no to, and what the caller may do instead. */
export function problemView(problem: Problem): HTMLElement {
  return h(
    'div',
    { role: 'alert', class: 'problem' },
    h('p', {}, h('strong', {}, words.t('refused')), ': ', refusalText(words, problem)),
    problemLines(problem).length ? h('ul', {}, ...problemLines(problem).map((line) => h('li', {}, line))) : null,
    problem?.allowedActions?.length
      ? h('p', {}, `${words.t('canInstead')}: `, problem.allowedActions.map((action) => words.code(action)).join(', '))
      : null,
    // Our side or the network failed: nothing was refused, so the page offers to read it again.
    (problem?.status ?? 0) >= 500
      ? h('p', {}, h('button', { type: 'button', onclick: refresh }, words.t('retry')))
      : null,
    // A refusal that opened a case for the operator names its claim: follow it there.
    problem?.claimId
      ? h('p', {}, h('a', { href: pathTo.claim(problem.claimId) }, `${words.t('claim')} ${problem.claimId}`))
      : null,
  );
}

/**
 * A form that sends one intent: one Idempotency-Key for as long as the form lives (a double click,
 * or sending again after a refusal, acts once at most), the button off while it is sent, and the
 * API's refusal shown in place. `fields` come before the outcome; `after` follows the button.
 */
export function intentForm<T>(
  label: string,
  send: (key: string) => Promise<{ data?: T; error?: unknown }>,
  done: (data: T) => void,
  fields: Child[],
  after: Child[] = [],
  accessibleName?: string,
): HTMLFormElement {
  const key = intentKey();
  const outcome = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', ...(accessibleName ? { 'aria-label': accessibleName } : {}) }, label);
  return h(
    'form',
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        send(key).then(
          ({ data, error }) => {
            if (data) return done(data);
            submit.disabled = false;
            outcome.replaceChildren(problemView(error as Problem));
          },
          (error: unknown) => {
            if (isDropped(error)) return;
            // No answer (the network, or the browser refused to read it): the API may have acted.
            // Sending again is safe: the same key, so it acts once at most.
            submit.disabled = false;
            outcome.replaceChildren(problemView({ said: words.t('notConfirmed') }));
          },
        );
      },
    },
    ...fields,
    outcome,
    h('p', {}, submit, ...after),
  );
}

/** A button that opens a dialog around an intent form, with its title and a close button. */
export function intentDialog(
  label: string,
  title: string,
  form: (close: Child[]) => HTMLFormElement,
): [HTMLButtonElement, HTMLDialogElement] {
  const dialog = h('dialog', { 'aria-label': title });
  dialog.append(form([' ', h('button', { type: 'button', onclick: () => dialog.close() }, words.t('close'))]));
  return [h('button', { type: 'button', onclick: () => dialog.showModal() }, label), dialog];
}

/**
 * A list the API answered: its table, a line saying it is empty, or the API's refusal. `items`
 * picks the list out of the answer; `row` gives each item's cells.
 */
export function listView<A, T>(
  answer: { data?: A; error?: unknown },
  items: (data: A) => T[],
  caption: string,
  headers: string[],
  row: (item: T) => Child[],
  empty: string,
): Child {
  if (!answer.data) return problemView(answer.error as Problem);
  const list = items(answer.data);
  return list.length === 0 ? h('p', {}, empty) : table(caption, headers, list.map(row));
}

/** A labelled field: the label's `for` names the control's id. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    'p',
    { class: 'field' },
    h('label', { for: control.id }, label),
    ' ',
    control,
    hint ? h('span', { class: 'hint' }, hint) : null,
  );
}

/** A select of codes, each shown as the reader says it. */
export function codeSelect(
  id: string,
  codes: readonly string[],
  options: { blank?: string; selected?: string } = {},
): HTMLSelectElement {
  return h(
    'select',
    { id, name: id },
    options.blank !== undefined ? h('option', { value: '' }, options.blank) : null,
    ...codes.map((code) =>
      h('option', { value: code, ...(code === options.selected ? { selected: true } : {}) }, words.code(code)),
    ),
  );
}
