// The order search (dates, status, several order numbers at once, as the seller's order screen
// does) and the order page: status, claims, refunds, messages and the timeline, with what the
// caller may do now.

import { facts, h, table } from '../dom.js';
import { codeSelect, field, listView, problemView } from '../forms.js';
import { client, goWith, hashQuery, linkTo, nextPageLink, pathTo, session, show, words } from '../shell.js';
import { countryAndLanguage } from './buyer-language.js';
import { checkBox, checkedMessageDialog, messageDialog, messagesTable } from './messages.js';
import { orderActions } from './order-actions.js';
import { timelineTable } from './timeline.js';

const ORDER_STATUSES = [
  'PROCESSING',
  'NEW',
  'PREPARING',
  'DELAYED',
  'IN_TRANSIT',
  'DELIVERED',
  'CANCEL_REQUESTED',
  'CANCELLED',
  'RETURNED',
] as const;
type OrderStatus = (typeof ORDER_STATUSES)[number];

const DATE_TYPES = ['ORDERED', 'PAID', 'SHIPPED'] as const;

/** The guide's order screen: a period of one kind of date, a status, and one thing to look for. */
function searchForm(query: URLSearchParams): HTMLFormElement {
  const status = codeSelect('search-status', ORDER_STATUSES, {
    blank: words.t('any'),
    selected: query.get('status') ?? '',
  });
  const chosen = query.get('dateType') ?? 'ORDERED';
  const dateType = h(
    'select',
    { id: 'search-date-type', name: 'dateType' },
    ...DATE_TYPES.map((type) =>
      h('option', { value: type, ...(type === chosen ? { selected: true } : {}) }, words.t(`date${type}`)),
    ),
  );
  const from = h('input', { id: 'search-from', type: 'date', value: query.get('from') ?? '' });
  const to = h('input', { id: 'search-to', type: 'date', value: query.get('to') ?? '' });
  const several = (id: string, name: string) =>
    h(
      'textarea',
      { id, rows: '2', 'aria-describedby': 'order-nos-hint' },
      query.get(name)?.split(',').join('\n') ?? '',
    );
  const orderNos = several('search-order-nos', 'orderNo');
  const cartNos = several('search-cart-nos', 'cartNo');
  const one = (id: string, name: string) => h('input', { id, maxlength: '64', value: query.get(name) ?? '' });
  const itemCode = one('search-item-code', 'itemCode');
  const buyerId = one('search-buyer-id', 'buyerId');
  const trackingNumber = one('search-tracking-number', 'trackingNumber');
  const list = (control: HTMLTextAreaElement) =>
    control.value
      .split(/[\s,]+/)
      .filter(Boolean)
      .join(',');
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        goWith('#/orders', {
          status: status.value,
          dateType: dateType.value === 'ORDERED' ? undefined : dateType.value,
          from: from.value,
          to: to.value,
          orderNo: list(orderNos),
          cartNo: list(cartNos),
          itemCode: itemCode.value.trim(),
          buyerId: buyerId.value.trim(),
          trackingNumber: trackingNumber.value.trim(),
        });
      },
    },
    field(words.t('status'), status),
    field(words.t('dateType'), dateType),
    field(words.t('from'), from),
    field(words.t('to'), to),
    field(words.t('orderNumbers'), orderNos),
    field(words.t('cartNumbers'), cartNos),
    h('p', { class: 'hint', id: 'order-nos-hint' }, words.t('orderNumbersHint')),
    field(words.t('itemCode'), itemCode),
    field(words.t('buyerId'), buyerId),
    field(words.t('trackingNumber'), trackingNumber),
    h('p', {}, h('button', { type: 'submit' }, words.t('search'))),
  );
}

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

export async function ordersPage(): Promise<void> {
  if (session!.role === 'buyer') return myOrdersPage(session!.id);
  const query = hashQuery();
  const given = (name: string) => query.get(name) || undefined;
  const seller = session!.role === 'seller';
  const answer = await client().GET('/orders', {
    params: {
      query: {
        limit: 50,
        status: given('status') as OrderStatus | undefined,
        dateType: given('dateType') as (typeof DATE_TYPES)[number] | undefined,
        ...{ from: given('from'), to: given('to'), orderNo: given('orderNo'), cartNo: given('cartNo') },
        ...{
          itemCode: given('itemCode'),
          buyerId: given('buyerId'),
          trackingNumber: given('trackingNumber'),
          cursor: given('cursor'),
        },
      },
    },
  });
  show(
    words.t('orders'),
    searchForm(query),
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
    ...orderActions(order),
    ...(session!.role === 'seller' ? messageDialog(order) : []),
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
        words.money(refund.amount),
        words.code(refund.status),
      ]),
    ),
    messagesTable(order),
    timelineTable(order.timeline),
  );
}
