// Inquiries to the operator (the guide's "Qoo10에 문의하기"): a seller files one about its orders or
// a bulk job, or asks anything; both sides follow it as a thread; the operator answers, the seller
// replies, and either closes it with a last word. Buyers have none (the API's inquiries are between
// sellers and the operator).

import type { Schemas } from '../../api/client.js';
import { facts, h, table } from '../dom.js';
import { codeSelect, field, intentForm, listView, problemView } from '../forms.js';
import {
  client,
  goWith,
  hashQuery,
  linkTo,
  nextPageLink,
  refresh,
  session,
  show,
  words,
  type Child,
} from '../shell.js';
import { writtenText } from './buyer-language.js';

const CATEGORIES = [
  'ORDER_NOT_CANCELLABLE',
  'WITHDRAWAL_FOR_BUYER',
  'REQUEST_FOR_BUYER',
  'REFUND_NOT_RECEIVED',
  'BULK_NOTICE',
  'OTHER',
] as const;
type Category = (typeof CATEGORIES)[number];
/** These may name no order (the API's rule, said by the form before sending). */
const WITHOUT_ORDERS: Category[] = ['BULK_NOTICE', 'OTHER'];
const STATUSES = ['OPEN', 'ANSWERED', 'CLOSED'] as const;

export const pathToInquiry = (inquiryId: string): string => `#/inquiries/${encodeURIComponent(inquiryId)}`;
export const linkToInquiry = (inquiryId: string): HTMLElement => h('a', { href: pathToInquiry(inquiryId) }, inquiryId);

/** The seller asks the operator: what about, a subject, the details, its orders (or its bulk job). */
function newInquiryForm(orderNos: string): HTMLFormElement {
  const category = codeSelect('inquiry-category', CATEGORIES, {
    selected: orderNos ? 'ORDER_NOT_CANCELLABLE' : 'OTHER',
  });
  const subject = h('input', { id: 'inquiry-subject', required: true, maxlength: '200' });
  const details = h('textarea', { id: 'inquiry-details', required: true, maxlength: '4000', rows: '5' });
  const orders = h(
    'textarea',
    { id: 'inquiry-orders', rows: '2', 'aria-describedby': 'inquiry-orders-hint' },
    orderNos.split(',').join('\n'),
  );
  const bulkId = h('input', { id: 'inquiry-bulk', maxlength: '64', autocomplete: 'off' });
  // The orders are needed unless the category may name none: the form's own check says so first.
  // A message the browser's check left on the orders (native.ts) goes with the choice that needed them.
  const judge = () => {
    orders.required = !WITHOUT_ORDERS.includes(category.value as Category);
    orders.setCustomValidity('');
  };
  category.addEventListener('change', judge);
  judge();
  const numbers = () => [...new Set(orders.value.split(/[\s,]+/).filter(Boolean))];
  return intentForm(
    words.t('fileInquiry'),
    (key) =>
      client().POST('/inquiries', {
        params: { header: { 'idempotency-key': key } },
        body: {
          category: category.value as Category,
          subject: subject.value,
          details: details.value,
          ...(numbers().length ? { orderNos: numbers() } : {}),
          ...(category.value === 'BULK_NOTICE' && bulkId.value.trim() ? { bulkId: bulkId.value.trim() } : {}),
        },
      }),
    (filed) => {
      location.hash = pathToInquiry(filed.inquiryId);
    },
    [
      h('h2', { id: 'new-inquiry' }, words.t('newInquiry')),
      field(words.t('inquiryCategory'), category),
      field(words.t('subject'), subject),
      field(words.t('inquiryDetails'), details),
      field(words.t('inquiryOrders'), orders),
      h('p', { class: 'hint', id: 'inquiry-orders-hint' }, words.t('inquiryOrdersHint')),
      field(words.t('inquiryBulk'), bulkId),
      h('p', { class: 'hint' }, words.t('personalData')),
    ],
  );
}

function statusFilter(query: URLSearchParams): HTMLFormElement {
  const status = codeSelect('inquiry-status-filter', STATUSES, {
    blank: words.t('any'),
    selected: query.get('status') ?? '',
  });
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        goWith('#/inquiries', { status: status.value });
      },
    },
    field(words.t('status'), status),
    h('p', {}, h('button', { type: 'submit' }, words.t('search'))),
  );
}

/** A list of inquiries: the seller's own, or (operator) every seller's; the queue's too. */
export function inquiriesTable(
  answer: { data?: { inquiries: Schemas['InquirySummary'][] }; error?: unknown },
  caption: string,
  empty: string,
): Child {
  const operator = session!.role === 'operator';
  return listView(
    answer,
    (data) => data.inquiries,
    caption,
    [
      words.t('inquiry'),
      words.t('status'),
      words.t('inquiryCategory'),
      words.t('subject'),
      ...(operator ? [words.t('seller')] : []),
      words.t('orders'),
      words.t('lastEntryAt'),
    ],
    (inquiry) => [
      linkToInquiry(inquiry.inquiryId),
      words.code(inquiry.status),
      words.code(inquiry.category),
      writtenText(inquiry.subject),
      ...(operator ? [inquiry.sellerId] : []),
      inquiry.orderNos.join(', '),
      words.time(inquiry.lastEntryAt),
    ],
    empty,
  );
}

export async function inquiriesPage(): Promise<void> {
  const query = hashQuery();
  const answer = await client().GET('/inquiries', {
    params: {
      query: {
        limit: 50,
        status: (query.get('status') || undefined) as (typeof STATUSES)[number] | undefined,
        cursor: query.get('cursor') || undefined,
      },
    },
  });
  const seller = session!.role === 'seller';
  show(
    words.t('inquiries'),
    // From an order's page the seller comes to ask about it: the form comes first, with the order.
    seller && query.get('orderNo') ? newInquiryForm(query.get('orderNo')!) : null,
    statusFilter(query),
    inquiriesTable(answer, words.t('inquiries'), words.t('noInquiries')),
    nextPageLink('#/inquiries', answer.data?.nextCursor),
    seller && !query.get('orderNo') ? newInquiryForm('') : null,
  );
}

/** One entry of the thread: who, what kind, when, and what was said or done. */
function entryView(entry: Schemas['Inquiry']['history'][number]): HTMLElement {
  return h(
    'li',
    { class: 'entry' },
    h(
      'p',
      { class: 'entry-head' },
      h('strong', {}, words.code(entry.kind)),
      ` · ${words.code(entry.by.role)} ${entry.by.id} · `,
      h('time', { datetime: entry.at }, words.time(entry.at)),
    ),
    entry.text ? h('p', { class: 'entry-text' }, writtenText(entry.text)) : null,
    // What the operator did through the API, as the API records it (English: marked so).
    entry.action ? h('p', { lang: 'en' }, `${entry.action.route}: ${entry.action.outcome}`) : null,
  );
}

/** The operator answers, the seller replies; either may make it the last word. */
function entryForm(inquiryId: string, allowed: string[]): HTMLFormElement {
  const operator = allowed.includes('ANSWER');
  const text = h('textarea', { id: 'inquiry-entry', required: true, maxlength: '4000', rows: '4' });
  const close = h('input', { id: 'inquiry-close', type: 'checkbox' });
  return intentForm(
    words.t(operator ? 'sendAnswer' : 'sendReply'),
    (key) =>
      client().POST('/inquiries/{inquiryId}/entries', {
        params: { path: { inquiryId }, header: { 'idempotency-key': key } },
        body: { text: text.value, close: close.checked },
      }),
    () => refresh(),
    [
      h('h2', {}, words.t(operator ? 'answer' : 'reply')),
      field(words.t(operator ? 'answer' : 'reply'), text),
      allowed.includes('CLOSE')
        ? h('p', { class: 'field' }, close, ' ', h('label', { for: 'inquiry-close' }, words.t('closeWithIt')))
        : null,
    ],
  );
}

export async function inquiryPage(inquiryId: string): Promise<void> {
  const title = `${words.t('inquiry')} ${inquiryId}`;
  const { data: inquiry, error } = await client().GET('/inquiries/{inquiryId}', {
    params: { path: { inquiryId } },
  });
  if (!inquiry) return show(title, problemView(error));
  const writes = inquiry.allowedActions.includes('ANSWER') || inquiry.allowedActions.includes('REPLY');
  show(
    title,
    facts(
      [words.t('status'), words.code(inquiry.status), 'inquiry-status'],
      [words.t('inquiryCategory'), words.code(inquiry.category)],
      [words.t('subject'), writtenText(inquiry.subject)],
      session!.role === 'operator' && [words.t('seller'), inquiry.sellerId],
      inquiry.bulkId && [words.t('bulkJob'), linkTo.bulk(inquiry.bulkId)],
      [words.t('createdAt'), words.time(inquiry.createdAt)],
    ),
    inquiry.orders.length
      ? table(
          words.t('orders'),
          [words.t('order'), words.t('status'), words.t('claimNow')],
          inquiry.orders.map((order) => [
            linkTo.order(order.orderNo),
            order.status ? words.code(order.status) : '—',
            order.claimInProgress ? linkTo.claim(order.claimInProgress) : '',
          ]),
        )
      : null,
    h('h2', { id: 'thread' }, words.t('thread')),
    h('ol', { class: 'thread', 'aria-labelledby': 'thread' }, ...inquiry.history.map(entryView)),
    writes ? entryForm(inquiryId, inquiry.allowedActions) : null,
    inquiry.status === 'CLOSED' ? h('p', { class: 'outcome' }, words.t('inquiryClosed')) : null,
  );
}
