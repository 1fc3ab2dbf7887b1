// The order search (dates, status, several order numbers at once, as the seller's order screen
// does) and the order page: status, claims, refunds, messages and the timeline, with what the
// caller may do now.

import { facts, h, table } from '../dom.js';
import { client, codeSelect, field, goWith, hashQuery, linkTo, listView, nextPageLink, pathTo, problemView, session, show, words } from '../shell.js';
import { orderActions } from './order-actions.js';

const ORDER_STATUSES = ['PROCESSING', 'NEW', 'PREPARING', 'DELAYED', 'IN_TRANSIT', 'DELIVERED', 'CANCEL_REQUESTED', 'CANCELLED', 'RETURNED'] as const;
type OrderStatus = (typeof ORDER_STATUSES)[number];

function searchForm(query: URLSearchParams): HTMLFormElement {
  const status = codeSelect('search-status', ORDER_STATUSES, { blank: words.t('any'), selected: query.get('status') ?? '' });
  const from = h('input', { id: 'search-from', type: 'date', value: query.get('from') ?? '' });
  const to = h('input', { id: 'search-to', type: 'date', value: query.get('to') ?? '' });
  const orderNos = h('textarea', { id: 'search-order-nos', rows: '2', 'aria-describedby': 'order-nos-hint' }, query.get('orderNo')?.split(',').join('\n') ?? '');
  return h(
    'form',
    { class: 'search', role: 'search', onsubmit: (event: Event) => {
      event.preventDefault();
      const numbers = orderNos.value.split(/[\s,]+/).filter(Boolean);
      goWith('#/orders', { status: status.value, from: from.value, to: to.value, orderNo: numbers.join(',') });
    } },
    field(words.t('status'), status),
    field(words.t('from'), from),
    field(words.t('to'), to),
    field(words.t('orderNumbers'), orderNos),
    h('p', { class: 'hint', id: 'order-nos-hint' }, words.t('orderNumbersHint')),
    h('p', {}, h('button', { type: 'submit' }, words.t('search'))),
  );
}

/** Or straight to an order by its number. */
function openOrderForm(): HTMLFormElement {
  const orderNo = h('input', { id: 'order-no', name: 'orderNo', required: true, maxlength: '64' });
  return h(
    'form',
    { onsubmit: (event: Event) => {
      event.preventDefault();
      location.hash = pathTo.order(orderNo.value.trim());
    } },
    h('label', { for: 'order-no' }, words.t('openOrder')), ' ', orderNo, ' ', h('button', { type: 'submit' }, words.t('open')),
  );
}

/** The buyer's own orders, newest first; each opens to cancel, ask to cancel or withdraw. */
async function myOrdersPage(buyerId: string): Promise<void> {
  const answer = await client().GET('/buyers/{buyerId}/orders', { params: { path: { buyerId }, query: { limit: 20, cursor: hashQuery().get('cursor') || undefined } } });
  show(
    words.t('myOrders'),
    listView(answer, (data) => data.orders, words.t('myOrders'), [words.t('order'), words.t('item'), words.t('total'), words.t('status'), words.t('orderedAt')], (order) => [linkTo.order(order.orderNo), order.item.name, words.money(order.total), words.code(order.status), words.time(order.orderedAt)], words.t('noOrders')),
    nextPageLink('#/orders', answer.data?.nextCursor),
    openOrderForm(),
  );
}

export async function ordersPage(): Promise<void> {
  if (session!.role === 'buyer') return myOrdersPage(session!.id);
  const query = hashQuery();
  const answer = await client().GET('/orders', {
    params: { query: { limit: 50, status: (query.get('status') || undefined) as OrderStatus | undefined, from: query.get('from') || undefined, to: query.get('to') || undefined, orderNo: query.get('orderNo') || undefined, cursor: query.get('cursor') || undefined } },
  });
  show(
    words.t('orders'),
    searchForm(query),
    listView(
      answer,
      (data) => data.orders,
      words.t('searchResults'),
      [words.t('order'), words.t('item'), words.t('total'), words.t('status'), words.t('shipBy'), words.t('orderedAt')],
      (order) => [linkTo.order(order.orderNo), order.item.name, words.money(order.total), words.code(order.status), order.expectedShipDate ? words.date(order.expectedShipDate) : '', words.time(order.orderedAt)],
      words.t('noOrders'),
    ),
    nextPageLink('#/orders', answer.data?.nextCursor),
  );
}

export async function orderPage(orderNo: string): Promise<void> {
  const { data: order, error } = await client().GET('/orders/{orderNo}', { params: { path: { orderNo } } });
  if (!order) return show(`${words.t('order')} ${orderNo}`, problemView(error));
  show(
    `${words.t('order')} ${orderNo}`,
    facts(
      [words.t('status'), words.code(order.status), 'order-status'],
      [words.t('item'), `${order.item.name} × ${order.item.quantity}`],
      [words.t('total'), words.money(order.total)],
      [words.t('method'), words.code(order.payment.method)],
      [words.t('orderedAt'), words.time(order.orderedAt)],
      order.expectedShipDate && [words.t('shipBy'), words.date(order.expectedShipDate)],
    ),
    ...orderActions(order),
    table(words.t('claims'), [words.t('claim'), words.t('type'), words.t('status'), words.t('reason'), words.t('requestedAt')], order.claims.map((claim) => [linkTo.claim(claim.claimId), words.code(claim.type), words.code(claim.status), words.code(claim.reason), words.time(claim.requestedAt)])),
    table(words.t('refunds'), [words.t('method'), words.t('amount'), words.t('status')], order.refunds.map((refund) => [words.code(refund.method), words.money(refund.amount), words.code(refund.status)])),
    table(words.t('messages'), [words.t('when'), words.t('noticeTitle'), words.t('sent')], order.messages.map((message) => [words.time(message.createdAt), message.title, words.t(message.messageSent ? 'yes' : 'no')])),
    table(words.t('timeline'), [words.t('when'), words.t('event')], order.timeline.map((event) => [words.time(event.at), words.code(event.type)])),
  );
}
