// The order grid (its search form, and what a search by numbers did not find, in order-search.ts)
// and the order page: status, claims, refunds, messages and the timeline, with what the caller may
// do now.

import { facts, h, table } from '../dom.js';
import { listView, problemView } from '../forms.js';
import { client, hashQuery, linkTo, nextPageLink, pathTo, session, show, words, type Child } from '../shell.js';
import { countryAndLanguage } from './buyer-language.js';
import { checkBox, checkedMessageDialog, messageDialog, messagesTable } from './messages.js';
import { orderActions } from './order-actions.js';
import { pendingAfterDelivery, refundAmount } from './after-delivery.js';
import { type DATE_TYPES, notFoundNote, searchForm, UNSHIPPED, type OrderStatus } from './order-search.js';
import { timelineTable } from './timeline.js';

/** Or straight to an order by its number. */
function openOrderForm(): HTMLFormElement {
  const orderNo = h('input', { id: 'order-no', name: 'orderNo', required: true, maxlength: '64' });
  return h(
    'form',
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        location.hash = pathTo.order(orderNo.value.trim());
      },
    },
    h('label', { for: 'order-no' }, words.t('openOrder')),
    ' ',
    orderNo,
    ' ',
    h('button', { type: 'submit' }, words.t('open')),
  );
}

/** The buyer's own orders, newest first; each opens to cancel, ask to cancel or withdraw. */
async function myOrdersPage(buyerId: string): Promise<void> {
  const answer = await client().GET('/buyers/{buyerId}/orders', {
    params: { path: { buyerId }, query: { limit: 20, cursor: hashQuery().get('cursor') || undefined } },
  });
  show(
    words.t('myOrders'),
    listView(
      answer,
      (data) => data.orders,
      words.t('myOrders'),
      [words.t('order'), words.t('item'), words.t('total'), words.t('status'), words.t('orderedAt')],
      (order) => [
        linkTo.order(order.orderNo),
        order.item.name,
        words.money(order.total),
        words.code(order.status),
        words.time(order.orderedAt),
      ],
      words.t('noOrders'),
    ),
    nextPageLink('#/orders', answer.data?.nextCursor),
    openOrderForm(),
  );
}

/**
 * The search, as the page's address says it. UNSHIPPED (the dashboard's 配送要請) is each unshipped
 * status asked for in turn, one list, newest first; where one has more, a link leads to that status.
 */
async function searchOrders(query: URLSearchParams) {
  const given = (name: string) => query.get(name) || undefined;
  const ask = (status: OrderStatus | undefined, cursor?: string) =>
    client().GET('/orders', {
      params: {
        query: {
          // Numbers asked for fit one page (100 at most), so the numbers not found are known.
          limit: given('orderNo') || given('cartNo') ? 100 : 50,
          status,
          dateType: given('dateType') as (typeof DATE_TYPES)[number] | undefined,
          ...{ from: given('from'), to: given('to'), orderNo: given('orderNo'), cartNo: given('cartNo') },
          ...{ itemCode: given('itemCode'), buyerId: given('buyerId'), trackingNumber: given('trackingNumber') },
          cursor,
        },
      },
    });
  if (query.get('status') !== 'UNSHIPPED') {
    return { answer: await ask(given('status') as OrderStatus | undefined, given('cursor')), more: [] as Child[] };
  }
  const answers = await Promise.all(UNSHIPPED.map((status) => ask(status)));
  const failed = answers.find((answer) => !answer.data);
  if (failed) return { answer: failed, more: [] as Child[] };
  const orders = answers
    .flatMap((answer) => answer.data!.orders)
    .sort((a, b) => b.orderedAt.localeCompare(a.orderedAt));
  const more = UNSHIPPED.filter((_, i) => answers[i]!.data!.nextCursor).map((status) => {
    const rest = new URLSearchParams(query);
    rest.set('status', status);
    return h('p', {}, h('a', { href: `#/orders?${rest.toString()}` }, `${words.t('nextPage')}: ${words.code(status)}`));
  });
  return { answer: { data: { orders, nextCursor: null }, error: undefined }, more };
}

export async function ordersPage(): Promise<void> {
  if (session!.role === 'buyer') return myOrdersPage(session!.id);
  const query = hashQuery();
  const seller = session!.role === 'seller';
  const { answer, more } = await searchOrders(query);
  show(
    words.t('orders'),
    searchForm(query),
    notFoundNote(query, answer.data?.orders, answer.data?.nextCursor),
    listView(
      answer,
      (data) => data.orders,
      words.t('searchResults'),
      [
        ...(seller ? [words.t('check')] : []),
        words.t('order'),
        words.t('item'),
        words.t('buyer'),
        words.t('country'),
      ].concat([words.t('total'), words.t('status'), words.t('shipBy'), words.t('orderedAt')]),
      (order) => [
        ...(seller ? [checkBox(order.orderNo)] : []),
        linkTo.order(order.orderNo),
        order.item.name,
        order.buyer.id,
        countryAndLanguage(order.buyer.country),
        words.money(order.total),
        words.code(order.status),
        order.expectedShipDate ? words.date(order.expectedShipDate) : '',
        words.time(order.orderedAt),
      ],
      words.t('noOrders'),
    ),
    seller && answer.data?.orders.length ? h('div', { class: 'actions' }, ...checkedMessageDialog()) : null,
    nextPageLink('#/orders', answer.data?.nextCursor),
    ...more,
  );
}

export async function orderPage(orderNo: string): Promise<void> {
  const { data: order, error } = await client().GET('/orders/{orderNo}', { params: { path: { orderNo } } });
  if (!order) return show(`${words.t('order')} ${orderNo}`, problemView(error));
  // A pending request: what the buyer asked and why, on the page where the seller decides.
  const pending = order.claimInProgress
    ? (await client().GET('/claims/{claimId}', { params: { path: { claimId: order.claimInProgress } } })).data
    : undefined;
  show(
    `${words.t('order')} ${orderNo}`,
    facts(
      [words.t('status'), words.code(order.status), 'order-status'],
      [words.t('item'), `${order.item.name} × ${order.item.quantity}`],
      [words.t('total'), words.money(order.total)],
      [words.t('method'), words.code(order.payment.method)],
      [words.t('buyer'), order.buyer.id],
      [words.t('country'), countryAndLanguage(order.buyer.country), 'buyer-country'],
      order.coupon && [
        words.t('coupon'),
        `${order.coupon.code}${order.coupon.sellerCancellable ? '' : ` (${words.t('operatorOnly')})`}`,
      ],
      [words.t('orderedAt'), words.time(order.orderedAt)],
      order.paidAt && [words.t('paidAt'), words.time(order.paidAt)],
      order.cancelledUnpaid && [words.t('status'), words.t('cancelledUnpaid')],
      order.expectedShipDate && [words.t('shipBy'), words.date(order.expectedShipDate)],
      order.shippedAt && [words.t('shippedAt'), words.time(order.shippedAt)],
      order.shipment?.carrier && [words.t('carrier'), order.shipment.carrier],
      order.shipment?.trackingNumber && [words.t('trackingNumber'), order.shipment.trackingNumber],
      order.deliveredAt && [words.t('deliveredAt'), words.time(order.deliveredAt)],
    ),
    pending?.type === 'BUYER_CANCEL'
      ? h(
          'section',
          { 'aria-labelledby': 'buyer-request' },
          h('h2', { id: 'buyer-request' }, words.t('buyerRequest')),
          facts(
            [words.t('reason'), words.code(pending.reason), 'request-reason'],
            [words.t('buyerMessage'), pending.buyerMessage ?? '—', 'request-message'],
            [words.t('requestedAt'), words.time(pending.requestedAt)],
          ),
        )
      : null,
    pendingAfterDelivery(pending),
    ...orderActions(order),
    ...(session!.role === 'seller' ? messageDialog(order) : []),
    session!.role === 'seller'
      ? h('p', {}, h('a', { href: `#/inquiries?orderNo=${encodeURIComponent(orderNo)}` }, words.t('askAboutOrder')))
      : null,
    table(
      words.t('claims'),
      [
        words.t('claim'),
        words.t('type'),
        words.t('status'),
        words.t('reason'),
        words.t('requestedAt'),
        words.t('memoOfSeller'),
      ],
      order.claims.map((claim) => [
        linkTo.claim(claim.claimId),
        words.code(claim.type),
        words.code(claim.status),
        words.code(claim.reason),
        words.time(claim.requestedAt),
        claim.sellerMemo ?? '',
      ]),
    ),
    table(
      words.t('refunds'),
      [words.t('method'), words.t('amount'), words.t('status')],
      order.refunds.map((refund) => [
        `${words.code(refund.method)}${refund.latePayment ? ` (${words.t('latePayment')})` : ''}`,
        refundAmount(refund),
        words.code(refund.status),
      ]),
    ),
    messagesTable(order),
    timelineTable(order.timeline),
  );
}
