// A non-receipt's steps in the console: the buyer reports a shipped order not received; the seller
// answers with proof, a re-shipment (its new tracking required) or a full refund; the buyer accepts
// the answer or takes it to the operator.

import type { Schemas } from '../../api/client.js';
import { NON_RECEIPT_ANSWERS, type NonReceiptAnswer } from '../../../shared/domain/non-receipt.js';
import { h } from '../dom.js';
import { codeSelect, field, intentDialog, intentForm } from '../forms.js';
import { client, refresh, session, toClaim, words, type Child } from '../shell.js';
import { escalateForm } from './return-actions.js';

type ClaimView = Schemas['ClaimView'];

/** The buyer's report (or an operator's on the buyer's behalf). */
export function nonReceiptReportDialog(orderNo: string): Child[] {
  const message = h('textarea', { id: 'non-receipt-message', maxlength: '1000' });
  const onBehalf = h('textarea', { id: 'non-receipt-on-behalf', required: true, maxlength: '1000' });
  const operator = session!.role === 'operator';
  return intentDialog(words.t('reportNonReceipt'), words.t('nonReceiptTitle'), (close) =>
    intentForm(
      words.t('report'),
      (key) =>
        client().POST('/orders/{orderNo}/non-receipt', {
          params: { path: { orderNo }, header: { 'idempotency-key': key } },
          body: {
            ...(message.value.trim() ? { message: message.value } : {}),
            ...(operator ? { onBehalfReason: onBehalf.value } : {}),
          },
        }),
      toClaim,
      [
        h('h2', {}, words.t('nonReceiptTitle')),
        field(words.t('message'), message),
        operator ? field(words.t('onBehalfReason'), onBehalf) : null,
      ],
      close,
    ),
  );
}

/** The seller's answer: a re-shipment needs its carrier and tracking number, which the form asks for first. */
function answerDialog(claimId: string): Child[] {
  const answer = codeSelect('non-receipt-answer', NON_RECEIPT_ANSWERS);
  const carrier = h('input', { id: 'answer-carrier', maxlength: '64', 'aria-describedby': 'answer-tracking-hint' });
  const tracking = h('input', { id: 'answer-tracking-no', maxlength: '64', autocomplete: 'off' });
  const note = h('textarea', { id: 'answer-note', maxlength: '1000', 'aria-describedby': 'answer-personal-data' });
  // What the browser's check left on the tracking fields (native.ts) goes with the choice that needed them.
  const judge = () => {
    for (const input of [carrier, tracking]) {
      input.required = answer.value === 'RESHIPPED';
      input.setCustomValidity('');
    }
  };
  answer.addEventListener('change', judge);
  judge();
  const given = (input: HTMLInputElement) => (input.value.trim() ? input.value.trim() : undefined);
  return intentDialog(words.t('answerNonReceipt'), words.t('answerNonReceipt'), (close) =>
    intentForm(
      words.t('sendAnswer'),
      (key) =>
        client().POST('/claims/{claimId}/non-receipt-answer', {
          params: { path: { claimId }, header: { 'idempotency-key': key } },
          body: {
            answer: answer.value as NonReceiptAnswer,
            ...(given(carrier) ? { carrier: given(carrier) } : {}),
            ...(given(tracking) ? { trackingNo: given(tracking) } : {}),
            ...(note.value.trim() ? { note: note.value } : {}),
          },
        }),
      () => refresh(),
      [
        h('h2', {}, words.t('answerNonReceipt')),
        h('p', { class: 'hint' }, words.t('answerHint')),
        field(words.t('answerKind'), answer),
        h('p', { class: 'hint', id: 'answer-tracking-hint' }, words.t('trackingHint')),
        field(words.t('carrier'), carrier),
        field(words.t('trackingNumber'), tracking),
        h('p', { class: 'hint', id: 'answer-personal-data' }, words.t('personalData')),
        field(words.t('note'), note),
      ],
      close,
    ),
  );
}

/** The buyer accepts the seller's proof or re-shipment: the report ends, nothing refunded. */
function acceptForm(claimId: string): HTMLFormElement {
  return intentForm(
    words.t('acceptAnswer'),
    (key) =>
      client().POST('/claims/{claimId}/non-receipt-acceptance', {
        params: { path: { claimId }, header: { 'idempotency-key': key } },
        body: {},
      }),
    () => refresh(),
    [h('p', { class: 'hint' }, words.t('acceptHint'))],
  );
}

/** The non-receipt's steps its reader takes now. */
export function nonReceiptSteps(claim: ClaimView, steps: string[]): Child[] {
  if (steps.includes('ANSWER')) return answerDialog(claim.claimId);
  return [
    steps.includes('ACCEPT') ? acceptForm(claim.claimId) : null,
    steps.includes('ESCALATE') ? escalateForm(claim.claimId) : null,
  ];
}
