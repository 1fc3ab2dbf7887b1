// The claim grid (the guide's filters: status, the delayed flag), the claim page that follows a
// claim under way until it settles, a return's or non-receipt's next step, and the operator's
// resolution of a claim that needs them.

import { facts, h, table } from '../dom.js';
import { timelineTable } from './timeline.js';
import { resolution } from './resolution.js';
import { afterDeliveryFacts, afterDeliverySteps, refundAmount } from './after-delivery.js';
import { RECORD_LINES, recordPage, type RecordLine } from './record.js';
import { checkPeriod, dayField } from '../dates.js';
import { codeSelect, field, listView, problemView } from '../forms.js';
import { client, drawAgainIn, goWith, hashQuery, linkTo, nextPageLink, session, show, words } from '../shell.js';

export const CLAIM_STATUSES = [
  'REQUESTED',
  'AWAITING_APPROVAL',
  'IN_PROGRESS',
  'NEEDS_OPERATOR',
  'COMPLETED',
  'WITHDRAWN',
  'FAILED',
  // A return's waits (반품), then a non-receipt's (미수취).
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'REFUSED',
  'AWAITING_SELLER',
  'ANSWERED',
] as const;
type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The claim types the grid filters by: a return request apart from a cancel request, both AWAITING_APPROVAL. */
const CLAIM_TYPES = ['SELLER_CANCEL', 'SELLER_REFUND', 'BUYER_CANCEL', 'RETURN', 'NON_RECEIPT'] as const;
type ClaimType = (typeof CLAIM_TYPES)[number];
/** A claim in these states waits on someone, or is over: the page stops following it. */
const SETTLED: string[] = [
  'COMPLETED',
  'WITHDRAWN',
  'FAILED',
  'NEEDS_OPERATOR',
  'AWAITING_APPROVAL',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'REFUSED',
  'AWAITING_SELLER',
  'ANSWERED',
];

/** The grid's filters as the API takes them, from the page's address. */
function filtersOf(query: URLSearchParams) {
  const given = (name: string) => query.get(name) || undefined;
  return {
    status: given('status') as ClaimStatus | undefined,
    type: given('type') as ClaimType | undefined,
    delayed: query.get('delayed') === 'true' ? ('true' as const) : undefined,
    orderNo: given('orderNo'),
    from: given('from'),
    to: given('to'),
  };
}

function filterForm(query: URLSearchParams): HTMLFormElement {
  const status = codeSelect('claim-status-filter', CLAIM_STATUSES, {
    blank: words.t('any'),
    selected: query.get('status') ?? '',
  });
  const type = codeSelect('claim-type-filter', CLAIM_TYPES, {
    blank: words.t('any'),
    selected: query.get('type') ?? '',
  });
  const delayed = h('input', {
    id: 'claim-delayed-filter',
    type: 'checkbox',
    ...(query.get('delayed') === 'true' ? { checked: true } : {}),
  });
  const orderNo = h('input', { id: 'claim-order-filter', maxlength: '64', value: query.get('orderNo') ?? '' });
  const [fromField, from] = dayField('claim-from-filter', words.t('requestedFrom'), query.get('from') ?? '');
  const [toField, to] = dayField('claim-to-filter', words.t('requestedTo'), query.get('to') ?? '');
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!checkPeriod(from, to, toField)) return;
        const delayedOnly = delayed.checked ? 'true' : undefined;
        goWith('#/claims', {
          status: status.value,
          type: type.value,
          delayed: delayedOnly,
          orderNo: orderNo.value.trim(),
          from: from(),
          to: to(),
        });
      },
    },
    field(words.t('status'), status),
    field(words.t('type'), type),
    field(words.t('delayedOnly'), delayed),
    field(words.t('orderNumber'), orderNo),
    fromField,
    toField,
    h('p', {}, h('button', { type: 'submit' }, words.t('search'))),
  );
}

/**
 * The guide's Excel button: the grid's current filter as one CSV file. The API answers it in
 * parts of 1,000 rows; each part is kept as it comes (a Blob of parts, which the browser may keep
 * on disk), never parsed or joined into one string.
 */
function exportButton(query: URLSearchParams): HTMLElement {
  const progress = h('span', { role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      id: 'claims-export',
      onclick: async () => {
        button.disabled = true;
        progress.textContent = words.t('exporting');
        const parts: string[] = [];
        let cursor: string | undefined;
        let rows = 0;
        do {
          const { data, error, response } = await client().GET('/claims/export', {
            params: { query: { ...filtersOf(query), cursor } },
            parseAs: 'text',
          });
          if (data === undefined) {
            button.disabled = false;
            progress.replaceChildren(problemView(error));
            return;
          }
          parts.push(data);
          rows += data.split('\r\n').length - (cursor ? 1 : 2);
          progress.textContent = `${words.t('exporting')} ${rows}`;
          cursor = response.headers.get('x-next-cursor') ?? undefined;
        } while (cursor);
        // Reading an answer as text drops its byte-order mark; the file gets it back, for spreadsheets.
        const file = new Blob(['\uFEFF', ...parts], { type: 'text/csv' });
        const link = h('a', { href: URL.createObjectURL(file), download: 'claims.csv' }, 'claims.csv');
        progress.replaceChildren(`${rows} ${words.t('exported')}: `, link);
        link.click();
        button.disabled = false;
      },
    },
    words.t('exportCsv'),
  );
  return h('p', {}, button, ' ', progress);
}

export async function claimsPage(): Promise<void> {
  const query = hashQuery();
  const record = query.get('record') as RecordLine | null;
  if (record && RECORD_LINES.includes(record)) return recordPage(record);
  const answer = await client().GET('/claims', {
    params: { query: { limit: 50, ...filtersOf(query), cursor: query.get('cursor') || undefined } },
  });
  const columns = [
    'claim',
    'orders',
    'cart',
    'item',
    'type',
    'reason',
    'status',
    'delayed',
    'orderedAt',
    'shipBy',
    'requestedAt',
  ] as const;
  show(
    words.t('claims'),
    filterForm(query),
    exportButton(query),
    listView(
      answer,
      (data) => data.claims,
      words.t('searchResults'),
      columns.map((column) => words.t(column)),
      (claim) => [
        linkTo.claim(claim.claimId),
        h('span', {}, ...claim.orderNos.flatMap((orderNo, i) => [i ? ', ' : '', linkTo.order(orderNo)])),
        claim.cartNo,
        claim.item ? `${claim.item.code} ${claim.item.name}` : '',
        words.code(claim.type),
        words.code(claim.reason),
        words.code(claim.status),
        claim.delayed ? h('strong', { class: 'flag' }, words.t('delayed')) : '',
        claim.orderedAt ? words.time(claim.orderedAt) : '',
        claim.shippedAt
          ? words.time(claim.shippedAt)
          : claim.expectedShipDate
            ? words.date(claim.expectedShipDate)
            : '',
        words.time(claim.requestedAt),
      ],
      words.t('noClaims'),
    ),
    nextPageLink('#/claims', answer.data?.nextCursor),
  );
}

export async function claimPage(claimId: string): Promise<void> {
  const { data: claim, error } = await client().GET('/claims/{claimId}', { params: { path: { claimId } } });
  if (!claim) return show(`${words.t('claim')} ${claimId}`, problemView(error));
  show(
    `${words.t('claim')} ${claimId}`,
    facts(
      [words.t('status'), words.code(claim.status), 'claim-status'],
      [words.t('type'), words.code(claim.type)],
      [words.t('reason'), words.code(claim.reason)],
      claim.delayed && [words.t('delayed'), h('strong', { class: 'flag' }, words.t('delayedHint'))],
      claim.sellerMemo && [words.t('memo'), claim.sellerMemo],
      claim.buyerMessage && [words.t('message'), claim.buyerMessage],
      // The API's cause is English (a provider's words): other readers get its code's words.
      claim.failure && [
        words.t('failure'),
        words.language === 'en' ? (claim.failure.cause ?? claim.failure.error) : words.code(claim.failure.error),
      ],
    ),
    afterDeliveryFacts(claim),
    ...afterDeliverySteps(claim),
    claim.status === 'NEEDS_OPERATOR' && session!.role !== 'operator'
      ? h('p', { class: 'outcome', 'data-testid': 'claim-outcome' }, words.t('handedToOperator'))
      : null,
    ...(session!.role === 'operator' && claim.status === 'NEEDS_OPERATOR' ? resolution(claim) : []),
    table(
      words.t('orders'),
      [
        words.t('order'),
        words.t('status'),
        words.t('total'),
        words.t('shippedAt'),
        words.t('carrier'),
        words.t('trackingNumber'),
      ],
      claim.orders.map((order) => [
        linkTo.order(order.orderNo),
        words.code(order.status),
        words.money(order.total),
        order.shippedAt ? words.time(order.shippedAt) : '',
        order.shipment?.carrier ?? '',
        order.shipment?.trackingNumber ?? '',
      ]),
    ),
    table(
      words.t('refunds'),
      [words.t('method'), words.t('amount'), words.t('status')],
      claim.refunds.map((refund) => [words.code(refund.method), refundAmount(refund), words.code(refund.status)]),
    ),
    timelineTable(claim.timeline),
  );
  // A claim under way is followed until it settles, or until it waits on someone (the seller's decision).
  if (!SETTLED.includes(claim.status)) drawAgainIn(1000);
}
