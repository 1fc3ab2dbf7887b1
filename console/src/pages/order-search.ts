// The seller's order screen's search (dates, status, several order or cart numbers at once), and
// what a search by numbers did not find: the API leaves an unknown number out, the page names it.

import { checkPeriod, dayField } from '../dates.js';
import { h } from '../dom.js';
import { codeSelect, field } from '../forms.js';
import { goWith, words, type Child } from '../shell.js';

export const ORDER_STATUSES = [
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
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Every order not yet shipped (the dashboard's 配送要請): the console asks for each of these. */
export const UNSHIPPED: OrderStatus[] = ['PROCESSING', 'NEW', 'PREPARING', 'DELAYED'];
export const DATE_TYPES = ['ORDERED', 'PAID', 'SHIPPED'] as const;

/** The guide's order screen: a period of one kind of date, a status, and one thing to look for. */
export function searchForm(query: URLSearchParams): HTMLFormElement {
  const status = codeSelect('search-status', [...ORDER_STATUSES, 'UNSHIPPED'], {
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
  const [fromField, from] = dayField('search-from', words.t('from'), query.get('from') ?? '');
  const [toField, to] = dayField('search-to', words.t('to'), query.get('to') ?? '');
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
  const list = (control: HTMLTextAreaElement) => numbersIn(control.value).join(',');
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!checkPeriod(from, to, toField)) return;
        goWith('#/orders', {
          status: status.value,
          dateType: dateType.value === 'ORDERED' ? undefined : dateType.value,
          from: from(),
          to: to(),
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
    fromField,
    toField,
    field(words.t('orderNumbers'), orderNos),
    field(words.t('cartNumbers'), cartNos),
    h('p', { class: 'hint', id: 'order-nos-hint' }, words.t('orderNumbersHint')),
    field(words.t('itemCode'), itemCode),
    field(words.t('buyerId'), buyerId),
    field(words.t('trackingNumber'), trackingNumber),
    h('p', {}, h('button', { type: 'submit' }, words.t('search'))),
  );
}

const numbersIn = (text: string): string[] => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

/**
 * The numbers searched for that no order of the answer has (unknown, not the caller's, or outside
 * the other filters), said above the results. Only from a whole answer: with a next page, a number
 * may be on it.
 */
export function notFoundNote(
  query: URLSearchParams,
  orders: { orderNo: string; cartNo: string }[] | undefined,
  nextCursor: string | null | undefined,
): Child {
  if (!orders || nextCursor || query.get('cursor')) return null;
  const missing = [
    ...numbersIn(query.get('orderNo') ?? '').filter((no) => !orders.some((order) => order.orderNo === no)),
    ...numbersIn(query.get('cartNo') ?? '').filter((no) => !orders.some((order) => order.cartNo === no)),
  ];
  if (missing.length === 0) return null;
  return h(
    'p',
    { role: 'status', class: 'warning', 'data-testid': 'not-found' },
    `${words.t('numbersNotFound')} (${missing.length}): ${missing.join(', ')}`,
  );
}
