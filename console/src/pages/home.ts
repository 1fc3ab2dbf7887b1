// The first page after signing in. The seller's dashboard: the counts QSM shows, each leading to
// the orders or claims behind it (as many rows there as the count says). The operator's queue:
// what waits on the operator, with the page where each is acted on (claims that need them, bulk
// cancellations awaiting approval, sellers' inquiries waiting for an answer), and the withdrawals
// the bank has not answered, each settled in place.

import { h } from '../dom.js';
import { listView, problemView } from '../forms.js';
import { client, hashQuery, linkTo, show, words, type Child } from '../shell.js';
import { settleForm } from './balance.js';
import { inquiriesTable } from './inquiries.js';
import type { WordKey } from '../i18n.js';

/** A count, and the page that lists what it counts: as many rows there as the count here. */
function tile(label: WordKey, count: number, href: string): HTMLElement {
  const figure = h('span', { class: 'count' }, String(count));
  return h('li', { class: 'tile' }, h('a', { href }, figure, h('span', {}, words.t(label))));
}

export async function dashboardPage(): Promise<void> {
  const [orders, claims] = await Promise.all([
    client().GET('/orders/summary', {}),
    client().GET('/claims/summary', {}),
  ]);
  if (!orders.data || !claims.data) return show(words.t('dashboard'), problemView(orders.error ?? claims.error));
  const o = orders.data;
  const c = claims.data;
  const sinceDay = words.marketDay(c.lastTwoWeeks.since);
  show(
    words.t('dashboard'),
    h('h2', {}, words.t('ordersNow')),
    h(
      'ul',
      { class: 'tiles' },
      tile('awaitingPayment', o.awaitingPayment, '#/orders?status=PROCESSING'),
      tile('newOrders', o.new, '#/orders?status=NEW'),
      tile('preparingOrders', o.preparing, '#/orders?status=PREPARING'),
      tile('shippingRequested', o.shippingRequested, '#/orders?status=UNSHIPPED'),
      tile('delayedOrders', o.delayed, '#/orders?status=DELAYED'),
      tile('cancelRequested', o.cancelRequested, '#/orders?status=CANCEL_REQUESTED'),
    ),
    h('h2', {}, words.t('claimsTwoWeeks')),
    h(
      'ul',
      { class: 'tiles' },
      // Each count is what its list shows: one status, requested since the same marketplace day.
      tile(
        'cancelRequestedTwoWeeks',
        c.lastTwoWeeks.cancelRequested,
        `#/claims?status=AWAITING_APPROVAL&type=BUYER_CANCEL&from=${sinceDay}`,
      ),
      tile('claimsInProgress', c.lastTwoWeeks.inProgress, `#/claims?status=IN_PROGRESS&from=${sinceDay}`),
    ),
    // The returns tab (반품) and the non-receipt tab (미수취): each count is its list (a status, and for a return
    // request, which waits AWAITING_APPROVAL as a cancel request does, its type too).
    h('h2', {}, words.t('returnsTwoWeeks')),
    h(
      'ul',
      { class: 'tiles' },
      tile(
        'returnRequested',
        c.lastTwoWeeks.returnRequested,
        `#/claims?status=AWAITING_APPROVAL&type=RETURN&from=${sinceDay}`,
      ),
      tile('returnApproved', c.lastTwoWeeks.returnApproved, `#/claims?status=AWAITING_RETURN&from=${sinceDay}`),
      tile('returnInTransit', c.lastTwoWeeks.returnInTransit, `#/claims?status=RETURN_IN_TRANSIT&from=${sinceDay}`),
    ),
    h('h2', {}, words.t('nonReceiptTwoWeeks')),
    h(
      'ul',
      { class: 'tiles' },
      tile('nonReceiptReported', c.lastTwoWeeks.nonReceiptReported, `#/claims?status=AWAITING_SELLER&from=${sinceDay}`),
      tile('nonReceiptAnswered', c.lastTwoWeeks.nonReceiptAnswered, `#/claims?status=ANSWERED&from=${sinceDay}`),
    ),
    // Counts of all time sit under their own heading, not under "the last two weeks".
    h('h2', {}, words.t('needsYouNow')),
    h(
      'ul',
      { class: 'tiles' },
      tile('claimsDelayed', c.delayed, '#/claims?delayed=true'),
      tile('bulkAwaiting', c.bulkAwaitingApproval, '#/bulk?status=AWAITING_APPROVAL'),
    ),
    h('p', { class: 'hint' }, words.t('delayedHint')),
    h('h2', {}, words.t('standing')),
    h(
      'ul',
      { class: 'tiles' },
      tile('sellerFaultOrders', c.standing.sellerFaultOrders, '#/claims?record=sellerFaultOrders'),
      tile('cancelledWhileDelayed', c.standing.cancelledWhileDelayed, '#/claims?record=cancelledWhileDelayed'),
      tile('refundedForDelay', c.standing.refundedForDelay, '#/claims?record=refundedForDelay'),
    ),
    h('p', { class: 'hint' }, words.t('standingHint')),
  );
}

export async function queuePage(): Promise<void> {
  const [claims, bulks, withdrawals, inquiries] = await Promise.all([
    client().GET('/claims', { params: { query: { status: 'NEEDS_OPERATOR', limit: 100 } } }),
    client().GET('/bulk-cancellations', { params: { query: { status: 'AWAITING_APPROVAL', limit: 100 } } }),
    client().GET('/withdrawals', {
      params: { query: { limit: 100, cursor: hashQuery().get('withdrawals') || undefined } },
    }),
    client().GET('/inquiries', { params: { query: { status: 'OPEN', limit: 100 } } }),
  ]);
  // Each list shows its first 100; where more wait, a link says so and leads to the rest.
  const more = (nextCursor: string | null | undefined, href: string): Child =>
    nextCursor ? h('p', {}, h('a', { href }, words.t('moreWaiting'))) : null;
  const section = (title: string, ...content: Child[]): HTMLElement => h('section', {}, h('h2', {}, title), ...content);
  const nothing = words.t('nothingWaits');
  show(
    words.t('queue'),
    section(
      words.t('claimsForOperator'),
      listView(
        claims,
        (data) => data.claims,
        words.t('claimsForOperator'),
        [words.t('claim'), words.t('orders'), words.t('type'), words.t('reason'), words.t('requestedAt')],
        (claim) => [
          linkTo.claim(claim.claimId),
          claim.orderNos.join(', '),
          words.code(claim.type),
          words.code(claim.reason),
          words.time(claim.requestedAt),
        ],
        nothing,
      ),
      more(
        claims.data?.nextCursor,
        `#/claims?status=NEEDS_OPERATOR&cursor=${encodeURIComponent(claims.data?.nextCursor ?? '')}`,
      ),
    ),
    section(
      words.t('bulkForOperator'),
      listView(
        bulks,
        (data) => data.bulkCancellations,
        words.t('bulkForOperator'),
        [words.t('bulkJob'), words.t('seller'), words.t('lines'), words.t('createdAt')],
        (job) => [linkTo.bulk(job.bulkId), job.sellerId, String(job.total), words.time(job.createdAt)],
        nothing,
      ),
      more(
        bulks.data?.nextCursor,
        `#/bulk?status=AWAITING_APPROVAL&cursor=${encodeURIComponent(bulks.data?.nextCursor ?? '')}`,
      ),
    ),
    section(
      words.t('inquiriesForOperator'),
      inquiriesTable(inquiries, words.t('inquiriesForOperator'), nothing),
      more(inquiries.data?.nextCursor, '#/inquiries?status=OPEN'),
    ),
    section(
      words.t('withdrawalsForOperator'),
      listView(
        withdrawals,
        (data) => data.withdrawals,
        words.t('withdrawalsForOperator'),
        [words.t('buyer'), words.t('amount'), words.t('bankName'), words.t('requestedAt'), ''],
        (w) => [
          h('a', { href: `#/balance?buyerId=${encodeURIComponent(w.buyerId)}` }, w.buyerId),
          words.money(w.amount),
          w.bankAccount.bankName,
          words.time(w.requestedAt),
          settleForm(w),
        ],
        nothing,
      ),
      more(
        withdrawals.data?.nextCursor,
        `#/queue?withdrawals=${encodeURIComponent(withdrawals.data?.nextCursor ?? '')}`,
      ),
    ),
  );
}
