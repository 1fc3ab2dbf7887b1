// What a bulk job is and where it stands: its counts with a progress line that says them, the
// notice, memo and lines it cancels (what the operator approves), and who decided, when and why.
// The operator's decision is asked for, never preselected; the seller may call a waiting job off.

import type { paths } from '../../api/schema.js';
import { facts, h } from '../dom.js';
import { writtenText } from './buyer-language.js';
import { intentForm } from '../forms.js';
import { client, refresh, words, type Child } from '../shell.js';

const DECIDED = { APPROVE: 'APPROVED', REFUSE: 'REFUSED', CANCEL: 'CANCEL', EXPIRE: 'EXPIRE' } as const;

/** Who did it: a person's role and id; the system by its role alone. */
export const who = (actor: { role: string; id: string }): string =>
  actor.role === 'system' || actor.id === actor.role ? words.code(actor.role) : `${words.code(actor.role)} ${actor.id}`;

type Job = paths['/bulk-cancellations/{bulkId}']['get']['responses']['200']['content']['application/json'];

export function jobFacts(job: Job): Child[] {
  const worked = job.done + job.failed;
  const decision = job.decision;
  return [
    facts(
      [words.t('status'), h('span', { 'data-announce': '' }, words.code(job.status)), 'bulk-status'],
      [words.t('lines'), String(job.total)],
      [words.t('done'), String(job.done), 'bulk-done'],
      [words.t('failed'), String(job.failed), 'bulk-failed'],
      [words.t('pending'), String(job.pending)],
      [words.t('createdAt'), words.time(job.createdAt)],
      job.notice && [words.t('noticeTitle'), job.notice.title, 'bulk-notice-title'],
      job.notice && [words.t('noticeBody'), job.notice.body, 'bulk-notice-body'],
      job.sellerMemo !== undefined && [words.t('memo'), job.sellerMemo, 'bulk-memo'],
      decision && [
        words.t('decision'),
        h(
          'span',
          {},
          `${words.code(DECIDED[decision.decision])}: ${who(decision.by)}, ${words.time(decision.at)}`,
          decision.reason ? ' (' : '',
          decision.reason ? writtenText(decision.reason) : '',
          decision.reason ? ')' : '',
        ),
        'bulk-decision',
      ],
    ),
    h(
      'p',
      { class: 'progress' },
      h('progress', { max: String(job.total), value: String(worked), 'aria-labelledby': 'bulk-progress' }),
      ' ',
      h(
        'span',
        { id: 'bulk-progress', 'data-testid': 'bulk-progress' },
        `${words.t('progress')}: ${worked} / ${job.total}`,
      ),
    ),
  ];
}

/** The operator lets a waiting job run, or refuses it with the reason the seller reads: chosen, never preselected. */
export function decisionForm(bulkId: string): HTMLFormElement {
  const choice = (value: 'APPROVE' | 'REFUSE') =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'radio', name: 'bulk-decision', value, required: true }),
      ' ',
      words.code(value),
    );
  const reason = h('textarea', {
    id: 'bulk-decision-reason',
    maxlength: '1000',
    'aria-describedby': 'bulk-decision-hint',
  });
  const chosen = (form: HTMLFormElement) =>
    (form.querySelector('input[name="bulk-decision"]:checked') as HTMLInputElement | null)?.value;
  const form: HTMLFormElement = intentForm(
    words.t('bulkDecideSubmit'),
    (key) => {
      const decision = chosen(form) as 'APPROVE' | 'REFUSE';
      return client().POST('/bulk-cancellations/{bulkId}/approval', {
        params: { path: { bulkId }, header: { 'idempotency-key': key } },
        body: { decision, ...(reason.value.trim() ? { reason: reason.value } : {}) },
      });
    },
    () => refresh(),
    [
      h('h2', {}, words.t('bulkDecide')),
      h(
        'fieldset',
        { onchange: () => (reason.required = chosen(form) === 'REFUSE') },
        h('legend', {}, words.t('resolution')),
        choice('APPROVE'),
        ' ',
        choice('REFUSE'),
      ),
      h('p', { class: 'field' }, h('label', { for: 'bulk-decision-reason' }, words.t('reason')), ' ', reason),
      h('p', { class: 'hint', id: 'bulk-decision-hint' }, words.t('refuseHint')),
    ],
  );
  return form;
}

export function callOffForm(bulkId: string): HTMLFormElement {
  return intentForm(
    words.t('bulkCallOff'),
    (key) =>
      client().POST('/bulk-cancellations/{bulkId}/cancellation', {
        params: { path: { bulkId }, header: { 'idempotency-key': key } },
      }),
    () => refresh(),
    [],
  );
}
