// What the caller may do with an order now, as the order's allowedActions say: the seller cancels
// before shipping or refunds after it (the notice to the buyer written first, the rules explained
// before sending), approves a buyer's request; the buyer asks to cancel or withdraws the request,
// asks to return a delivered order or reports one not received.

import type { Schemas } from '../../api/client.js';
import { h } from '../dom.js';
import type { Problem } from '../refusals.js';
import { codeSelect, field, intentDialog, intentForm } from '../forms.js';
import { client, refresh, session, toClaim, words, type Child } from '../shell.js';
import { buyerLanguageNote } from './buyer-language.js';
import { nonReceiptReportDialog } from './non-receipt-actions.js';
import { returnRequestDialog } from './return-actions.js';

export function orderActions(order: Schemas['OrderView']): Child[] {
  const can = (action: string) => order.allowedActions.includes(action);
  const actions: Child[] = [];
  // A fresh element for each dialog: a node lives in one place.
  const preview = () => refundPreview(order.refundPreview);
  if (can('SELLER_CANCEL')) actions.push(...sellerClaimDialog(order, 'cancel', preview()));
  if (can('SELLER_REFUND')) actions.push(...sellerClaimDialog(order, 'refund', preview()));
  if (can('BUYER_CANCEL')) actions.push(...requestDialog(order.orderNo, preview()));
  if (can('APPROVE_CANCEL_REQUEST') && order.claimInProgress)
    actions.push(...approveDialog(order, order.claimInProgress, preview()));
  if (can('WITHDRAW_CANCEL_REQUEST') && order.claimInProgress && session!.role !== 'seller')
    actions.push(withdrawForm(order.claimInProgress));
  // After shipping: a return once delivered, a parcel that did not arrive (the buyer, or the operator for it).
  if (can('REQUEST_RETURN')) actions.push(...returnRequestDialog(order.orderNo));
  if (can('REPORT_NON_RECEIPT')) actions.push(...nonReceiptReportDialog(order.orderNo));
  return actions.length ? [h('section', { class: 'actions', 'aria-label': words.t('actions') }, ...actions)] : [];
}

/** What the buyer gets back, said before anything is sent: all that was paid, and how; nothing if unpaid. */
function refundPreview(preview: Schemas['OrderView']['refundPreview']): HTMLElement {
  if (!preview.paid)
    return h(
      'p',
      { class: 'preview' },
      `${words.t('refundPreview')}: `,
      h('strong', {}, words.t('notPaidNothingBack')),
    );
  const how = ` (${words.code(preview.method)}; ${words.t('allPaid')})`;
  return h(
    'p',
    { class: 'preview' },
    `${words.t('refundPreview')}: `,
    h('strong', {}, words.money(preview.amount)),
    how,
  );
}

/**
 * The seller's cancellation before shipping, or refund after it (SHIPPING_DELAY only): the notice
 * to the buyer is written first, with the personal-data guard and the reason rules said up front.
 */
function sellerClaimDialog(order: Schemas['OrderView'], kind: 'cancel' | 'refund', preview: HTMLElement): Child[] {
  const { orderNo } = order;
  const reasons = kind === 'cancel' ? ['OUT_OF_STOCK', 'SHIPPING_DELAY', 'UNDELIVERABLE_AREA'] : ['SHIPPING_DELAY'];
  const reason = codeSelect(`${kind}-reason`, reasons);
  const memo = h('textarea', { id: `${kind}-memo`, required: true, maxlength: '1000' });
  const noticeTitle = h('input', { id: `${kind}-notice-title`, required: true, maxlength: '100' });
  const noticeBody = h('textarea', {
    id: `${kind}-notice-body`,
    required: true,
    maxlength: '2000',
    'aria-describedby': `${kind}-personal-data`,
  });
  const title = words.t(kind === 'cancel' ? 'cancelTitle' : 'refundTitle');
  const send = (key: string) => {
    const body = {
      reason: reason.value as 'SHIPPING_DELAY',
      sellerMemo: memo.value,
      notice: { title: noticeTitle.value, body: noticeBody.value },
    };
    const params = { path: { orderNo }, header: { 'idempotency-key': key } };
    return (
      kind === 'cancel'
        ? client().POST('/orders/{orderNo}/cancellations', { params, body })
        : client().POST('/orders/{orderNo}/refunds', { params, body })
    ).then(handedOver);
  };
  const operatorCancels = order.coupon && !order.coupon.sellerCancellable;
  return intentDialog(words.t(kind === 'cancel' ? 'cancel' : 'refund'), title, (close) =>
    intentForm(
      words.t('send'),
      send,
      toClaim,
      [
        h('h2', {}, title),
        // An order only the operator may cancel says so before the seller writes anything.
        operatorCancels
          ? h(
              'p',
              { class: 'path', 'data-testid': 'operator-path' },
              `${words.t('coupon')} ${order.coupon!.code}: ${words.t('operatorCancels')}`,
            )
          : null,
        preview,
        ...buyerLanguageNote(order.buyer.country, kind, [noticeTitle, noticeBody, memo]),
        h('p', { class: 'hint' }, words.t(kind === 'cancel' ? 'reasonRule' : 'refundRule')),
        field(words.t('reason'), reason),
        h('p', { class: 'hint', id: `${kind}-personal-data` }, words.t('personalData')),
        field(words.t('noticeTitle'), noticeTitle),
        field(words.t('noticeBody'), noticeBody),
        field(words.t('memo'), memo),
      ],
      close,
    ),
  );
}

/** The buyer's request: at once for a NEW order, waiting for the seller for a PREPARING one. */
function requestDialog(orderNo: string, preview: HTMLElement): Child[] {
  const reason = codeSelect('buyer-reason', ['BUYER_CHANGED_MIND', 'OPTION_CHANGE']);
  const message = h('textarea', { id: 'buyer-message', maxlength: '1000' });
  const onBehalf = h('textarea', { id: 'on-behalf-reason', required: true, maxlength: '1000' });
  const operator = session!.role === 'operator';
  return intentDialog(words.t('askToCancel'), words.t('askTitle'), (close) =>
    intentForm(
      words.t('ask'),
      (key) =>
        client().POST('/orders/{orderNo}/cancel-requests', {
          params: { path: { orderNo }, header: { 'idempotency-key': key } },
          body: {
            reason: reason.value as 'BUYER_CHANGED_MIND',
            ...(message.value.trim() ? { message: message.value } : {}),
            ...(operator ? { onBehalfReason: onBehalf.value } : {}),
          },
        }),
      toClaim,
      [
        h('h2', {}, words.t('askTitle')),
        preview,
        field(words.t('reason'), reason),
        field(words.t('message'), message),
        operator ? field(words.t('onBehalfReason'), onBehalf) : null,
      ],
      close,
    ),
  );
}

/**
 * A case the seller may not cancel (a coupon's terms): the API opened it for the operator and
 * answers 422 SELLER_CANNOT_CANCEL with its claim. That is the outcome asked for, not an error:
 * the seller follows the claim, which says the operator has it.
 */
function handedOver<T>(answer: { data?: T; error?: unknown }): { data?: T | { claimId: string }; error?: unknown } {
  const problem = answer.error as Problem | undefined;
  return problem?.rule === 'SELLER_CANNOT_CANCEL' && problem.claimId ? { data: { claimId: problem.claimId } } : answer;
}

/**
 * The seller approves a buyer's request: a confirm step that says what the buyer asked (on the
 * order page above) and what is refunded, with a memo the buyer reads if it likes.
 */
function approveDialog(order: Schemas['OrderView'], claimId: string, preview: HTMLElement): Child[] {
  const memo = h('textarea', { id: 'approval-memo', maxlength: '1000', 'aria-describedby': 'approval-personal-data' });
  return intentDialog(words.t('approve'), words.t('approveTitle'), (close) =>
    intentForm(
      words.t('approveAndRefund'),
      (key) =>
        client()
          .POST('/claims/{claimId}/approval', {
            params: { path: { claimId }, header: { 'idempotency-key': key } },
            body: memo.value.trim() ? { sellerMemo: memo.value } : {},
          })
          .then(handedOver),
      toClaim,
      [
        h('h2', {}, words.t('approveTitle')),
        preview,
        ...buyerLanguageNote(order.buyer.country, 'approval', [memo]),
        h('p', { class: 'hint', id: 'approval-personal-data' }, words.t('personalData')),
        field(words.t('memo'), memo),
      ],
      close,
    ),
  );
}

/** The buyer withdraws its pending request (the order goes back to PREPARING); an operator gives the reason. */
function withdrawForm(claimId: string): HTMLFormElement {
  const reason = h('textarea', { id: 'withdrawal-reason', required: true, maxlength: '1000' });
  const operator = session!.role === 'operator';
  return intentForm(
    words.t('withdraw'),
    (key) =>
      client().POST('/claims/{claimId}/withdrawal', {
        params: { path: { claimId }, header: { 'idempotency-key': key } },
        body: operator ? { reason: reason.value } : {},
      }),
    () => refresh(),
    [h('p', { class: 'hint' }, words.t('withdrawHint')), operator ? field(words.t('resolveReason'), reason) : null],
  );
}
