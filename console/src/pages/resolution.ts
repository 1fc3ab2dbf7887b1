// The operator's way out of a claim that needs them: complete it (run again, failed refunds
// retried) or close it, with the reason the record keeps; a return or non-receipt taken to them
// refunded (charged to the seller) or closed, after a confirm step; and a card refund the provider settled
// outside the protocol, recorded under the provider's reference after a confirm step that says
// what is recorded and that nothing is sent to the provider.

import type { Schemas } from '../../api/client.js';
import { h, table } from '../dom.js';
import { codeSelect, field, intentDialog, intentForm } from '../forms.js';
import { client, refresh, words, type Child } from '../shell.js';

type ClaimView = Schemas['ClaimView'];

function resolutionForm(claimId: string): HTMLFormElement {
  const action = codeSelect('resolution-action', ['COMPLETE', 'CLOSE']);
  const reason = h('textarea', { id: 'resolution-reason', required: true, maxlength: '1000' });
  return intentForm(
    words.t('submit'),
    (key) =>
      client().POST('/claims/{claimId}/resolution', {
        params: { path: { claimId }, header: { 'idempotency-key': key } },
        body: { action: action.value as 'COMPLETE', reason: reason.value },
      }),
    () => refresh(),
    [h('h2', {}, words.t('resolve')), field(words.t('resolution'), action), field(words.t('resolveReason'), reason)],
  );
}

/** SETTLED_OUTSIDE: the card refunds not completed are recorded as the provider made them. */
function settledOutsideDialog(claimId: string, unsettled: ClaimView['refunds']): Child[] {
  const reference = h('input', { id: 'settled-reference', required: true, maxlength: '64', autocomplete: 'off' });
  const reason = h('textarea', { id: 'settled-reason', required: true, maxlength: '1000' });
  const confirmed = h('input', { id: 'settled-confirm', type: 'checkbox', required: true });
  return intentDialog(words.t('settleOutside'), words.t('settleOutside'), (close) =>
    intentForm(
      words.t('recordSettled'),
      (key) =>
        client().POST('/claims/{claimId}/resolution', {
          params: { path: { claimId }, header: { 'idempotency-key': key } },
          body: { action: 'SETTLED_OUTSIDE', reason: reason.value, reference: reference.value.trim() },
        }),
      () => refresh(),
      [
        h('h2', {}, words.t('settleOutside')),
        h('p', { class: 'hint', id: 'settled-hint' }, words.t('settleOutsideHint')),
        table(
          words.t('refundsToSettle'),
          [words.t('method'), words.t('amount'), words.t('status')],
          unsettled.map((refund) => [words.code(refund.method), words.money(refund.amount), words.code(refund.status)]),
        ),
        field(words.t('providerReference'), reference),
        field(words.t('resolveReason'), reason),
        h('p', { class: 'field' }, confirmed, ' ', h('label', { for: 'settled-confirm' }, words.t('confirmSettled'))),
      ],
      close,
    ),
  );
}

/**
 * A return or a non-receipt taken to the operator: refund the buyer (charged to the seller: the claim
 * completes, counted on the seller's record) or close it (nothing refunded). A confirm step says
 * what the buyer gets back before the decision is sent.
 */
function escalatedDialog(claim: ClaimView): Child[] {
  const action = h(
    'select',
    { id: 'decision-action', name: 'decision-action' },
    h('option', { value: 'COMPLETE' }, words.t('refundToSeller')),
    h('option', { value: 'CLOSE' }, words.t('closeNoRefund')),
  );
  const reason = h('textarea', { id: 'decision-reason', required: true, maxlength: '1000' });
  const confirmed = h('input', { id: 'decision-confirm', type: 'checkbox', required: true });
  const paid = claim.orders.reduce((sum, order) => sum + order.total.amount, 0);
  const deducted = claim.type === 'RETURN' && claim.fault === 'BUYER' ? `; ${words.t('shippingDeducted')}` : '';
  return intentDialog(words.t('decideEscalated'), words.t('decideEscalatedTitle'), (close) =>
    intentForm(
      words.t('bulkDecideSubmit'),
      (key) =>
        client().POST('/claims/{claimId}/resolution', {
          params: { path: { claimId: claim.claimId }, header: { 'idempotency-key': key } },
          body: { action: action.value as 'COMPLETE' | 'CLOSE', reason: reason.value },
        }),
      () => refresh(),
      [
        h('h2', {}, words.t('decideEscalatedTitle')),
        h(
          'p',
          { class: 'preview', 'data-testid': 'decision-preview' },
          `${words.t('refundPreview')}: `,
          h('strong', {}, words.money({ amount: paid, currency: 'JPY' })),
          ` (${words.t('allPaid')}${deducted})`,
        ),
        field(words.t('decision'), action),
        field(words.t('resolveReason'), reason),
        h('p', { class: 'field' }, confirmed, ' ', h('label', { for: 'decision-confirm' }, words.t('confirmDecision'))),
      ],
      close,
    ),
  );
}

/** What the operator may do with a claim that needs them. */
export function resolution(claim: ClaimView): Child[] {
  const unsettled = claim.refunds.filter(
    (refund) => refund.method === 'CARD_AUTHORIZATION_CANCEL' && refund.status !== 'COMPLETED',
  );
  const afterDelivery = claim.type === 'RETURN' || claim.type === 'NON_RECEIPT';
  return [
    afterDelivery
      ? h('section', { class: 'actions', 'aria-label': words.t('actions') }, ...escalatedDialog(claim))
      : resolutionForm(claim.claimId),
    unsettled.length ? h('section', { class: 'actions' }, ...settledOutsideDialog(claim.claimId, unsettled)) : null,
  ];
}
