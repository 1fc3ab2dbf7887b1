// A return's steps in the console: the buyer asks (a reason, grouped by who is at fault, the fault
// said as the reason is picked), the seller approves with the return address or refuses with a
// reason the buyer reads, the buyer enters the parcel, the seller confirms its receipt (which
// refunds, or hands the case to the operator), and a refused buyer takes it to the operator.

import type { Schemas } from '../../api/client.js';
import {
  BUYER_FAULT_RETURN_REASONS,
  RECEIPT_OUTCOMES,
  returnFaultOf,
  SELLER_FAULT_RETURN_REASONS,
  type ReturnReason,
  type ReturnStep,
} from '../../../shared/domain/returns.js';
import { h } from '../dom.js';
import { codeSelect, field, intentDialog, intentForm } from '../forms.js';
import { client, refresh, session, toClaim, words, type Child } from '../shell.js';

type ClaimView = Schemas['ClaimView'];

const option = (code: string) => h('option', { value: code }, words.code(code));

/** The buyer's request (or an operator's on the buyer's behalf): the reason's fault shown as it is picked. */
export function returnRequestDialog(orderNo: string): Child[] {
  const reason = h(
    'select',
    { id: 'return-reason', name: 'return-reason', 'aria-describedby': 'return-fault' },
    h('optgroup', { label: words.t('sellerFaultReasons') }, ...SELLER_FAULT_RETURN_REASONS.map(option)),
    h('optgroup', { label: words.t('buyerFaultReasons') }, ...BUYER_FAULT_RETURN_REASONS.map(option)),
  );
  const fault = h('p', { class: 'hint', id: 'return-fault', 'data-testid': 'return-fault', 'aria-live': 'polite' });
  const sayFault = () => {
    const seller = returnFaultOf(reason.value as ReturnReason) === 'SELLER';
    fault.textContent = `${words.t('fault')}: ${words.t(seller ? 'sellerFaultReasons' : 'buyerFaultReasons')}`;
  };
  reason.addEventListener('change', sayFault);
  sayFault();
  const message = h('textarea', { id: 'return-message', maxlength: '1000' });
  const onBehalf = h('textarea', { id: 'return-on-behalf', required: true, maxlength: '1000' });
  const operator = session!.role === 'operator';
  return intentDialog(words.t('askToReturn'), words.t('returnTitle'), (close) =>
    intentForm(
      words.t('ask'),
      (key) =>
        client().POST('/orders/{orderNo}/returns', {
          params: { path: { orderNo }, header: { 'idempotency-key': key } },
          body: {
            reason: reason.value as ReturnReason,
            ...(message.value.trim() ? { message: message.value } : {}),
            ...(operator ? { onBehalfReason: onBehalf.value } : {}),
          },
        }),
      toClaim,
      [
        h('h2', {}, words.t('returnTitle')),
        field(words.t('reason'), reason),
        fault,
        field(words.t('message'), message),
        operator ? field(words.t('onBehalfReason'), onBehalf) : null,
      ],
      close,
    ),
  );
}

/** The seller's decision: approve with where and how to send it back, or refuse with a reason. */
function decisionDialogs(claimId: string): Child[] {
  const address = h('textarea', { id: 'return-address', required: true, maxlength: '500', rows: '2' });
  const instructions = h('textarea', { id: 'return-instructions', maxlength: '1000' });
  const why = h('textarea', {
    id: 'refusal-reason',
    required: true,
    maxlength: '1000',
    'aria-describedby': 'refusal-hint',
  });
  const decide = (key: string, body: Schemas['ReturnDecision']) =>
    client().POST('/claims/{claimId}/return-decision', {
      params: { path: { claimId }, header: { 'idempotency-key': key } },
      body,
    });
  return [
    ...intentDialog(words.t('approveReturn'), words.t('approveReturnTitle'), (close) =>
      intentForm(
        words.t('approveReturn'),
        (key) =>
          decide(key, {
            decision: 'APPROVE',
            returnAddress: address.value,
            ...(instructions.value.trim() ? { instructions: instructions.value } : {}),
          }),
        () => refresh(),
        [
          h('h2', {}, words.t('approveReturnTitle')),
          field(words.t('returnAddress'), address),
          field(words.t('instructions'), instructions),
        ],
        close,
      ),
    ),
    ' ',
    ...intentDialog(words.t('refuseReturn'), words.t('refuseReturnTitle'), (close) =>
      intentForm(
        words.t('refuseReturn'),
        (key) => decide(key, { decision: 'REFUSE', reason: why.value }),
        () => refresh(),
        [
          h('h2', {}, words.t('refuseReturnTitle')),
          h('p', { class: 'hint', id: 'refusal-hint' }, words.t('personalData')),
          field(words.t('refusalReason'), why),
        ],
        close,
      ),
    ),
  ];
}

/** The buyer enters the parcel on its way back. */
function shipmentForm(claimId: string): HTMLFormElement {
  const carrier = h('input', { id: 'return-carrier', required: true, maxlength: '64' });
  const tracking = h('input', { id: 'return-tracking-no', required: true, maxlength: '64', autocomplete: 'off' });
  return intentForm(
    words.t('shipBack'),
    (key) =>
      client().POST('/claims/{claimId}/return-shipment', {
        params: { path: { claimId }, header: { 'idempotency-key': key } },
        body: { carrier: carrier.value, trackingNo: tracking.value },
      }),
    () => refresh(),
    [
      h('h2', {}, words.t('shipBackTitle')),
      field(words.t('carrier'), carrier),
      field(words.t('trackingNumber'), tracking),
    ],
  );
}

/** The seller confirms receipt (the refund runs) or says it is missing or not as described (the operator decides). */
function receiptDialog(claimId: string): Child[] {
  const outcome = codeSelect('receipt-outcome', RECEIPT_OUTCOMES);
  const note = h('textarea', { id: 'receipt-note', maxlength: '1000' });
  return intentDialog(words.t('confirmReceipt'), words.t('confirmReceipt'), (close) =>
    intentForm(
      words.t('confirmReceipt'),
      (key) =>
        client().POST('/claims/{claimId}/return-receipt', {
          params: { path: { claimId }, header: { 'idempotency-key': key } },
          body: {
            outcome: outcome.value as (typeof RECEIPT_OUTCOMES)[number],
            ...(note.value.trim() ? { note: note.value } : {}),
          },
        }),
      () => refresh(),
      [
        h('h2', {}, words.t('confirmReceipt')),
        h('p', { class: 'hint' }, words.t('receiptHint')),
        field(words.t('outcome'), outcome),
        field(words.t('note'), note),
      ],
      close,
    ),
  );
}

/** The buyer takes a refused return, or an answer it does not accept, to the operator. */
export function escalateForm(claimId: string): HTMLFormElement {
  return intentForm(
    words.t('escalate'),
    (key) =>
      client().POST('/claims/{claimId}/escalation', {
        params: { path: { claimId }, header: { 'idempotency-key': key } },
        body: {},
      }),
    () => refresh(),
    [h('p', { class: 'hint' }, words.t('escalateHint'))],
  );
}

/** The return's step its reader takes now. */
export function returnSteps(claim: ClaimView, steps: string[]): Child[] {
  const step = steps[0] as ReturnStep;
  if (step === 'DECIDE') return decisionDialogs(claim.claimId);
  if (step === 'SHIP_BACK') return [shipmentForm(claim.claimId)];
  if (step === 'CONFIRM_RECEIPT') return receiptDialog(claim.claimId);
  return [escalateForm(claim.claimId)];
}
