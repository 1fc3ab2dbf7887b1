// The claim grid (the guide's filters: status, the delayed flag), the claim page that follows a
// claim under way until it settles, and the operator's resolution of a claim that needs them.

import { facts, h, table } from '../dom.js';
import { client, codeSelect, drawAgainIn, field, goWith, hashQuery, intentForm, linkTo, listView, nextPageLink, problemView, refresh, session, show, words } from '../shell.js';

export const CLAIM_STATUSES = ['REQUESTED', 'AWAITING_APPROVAL', 'IN_PROGRESS', 'NEEDS_OPERATOR', 'COMPLETED', 'WITHDRAWN', 'FAILED'] as const;
type ClaimStatus = (typeof CLAIM_STATUSES)[number];
/** A claim in these states waits on someone, or is over: the page stops following it. */
const SETTLED: string[] = ['COMPLETED', 'WITHDRAWN', 'FAILED', 'NEEDS_OPERATOR', 'AWAITING_APPROVAL'];

function filterForm(query: URLSearchParams): HTMLFormElement {
  const status = codeSelect('claim-status-filter', CLAIM_STATUSES, { blank: words.t('any'), selected: query.get('status') ?? '' });
  const delayed = h('input', { id: 'claim-delayed-filter', type: 'checkbox', ...(query.get('delayed') === 'true' ? { checked: true } : {}) });
  return h(
    'form',
    { class: 'search', role: 'search', onsubmit: (event: Event) => {
      event.preventDefault();
      goWith('#/claims', { status: status.value, delayed: delayed.checked ? 'true' : undefined });
    } },
    field(words.t('status'), status),
    field(words.t('delayedOnly'), delayed),
    h('p', {}, h('button', { type: 'submit' }, words.t('search'))),
  );
}

export async function claimsPage(): Promise<void> {
  const query = hashQuery();
  const answer = await client().GET('/claims', {
    params: { query: { limit: 50, status: (query.get('status') || undefined) as ClaimStatus | undefined, delayed: query.get('delayed') === 'true' ? 'true' : undefined, cursor: query.get('cursor') || undefined } },
  });
  show(
    words.t('claims'),
    filterForm(query),
    listView(
      answer,
      (data) => data.claims,
      words.t('searchResults'),
      [words.t('claim'), words.t('orders'), words.t('type'), words.t('reason'), words.t('status'), words.t('delayed'), words.t('requestedAt')],
      (claim) => [
        linkTo.claim(claim.claimId),
        h('span', {}, ...claim.orderNos.flatMap((orderNo, i) => [i ? ', ' : '', linkTo.order(orderNo)])),
        words.code(claim.type),
        words.code(claim.reason),
        words.code(claim.status),
        claim.delayed ? h('strong', { class: 'flag' }, words.t('delayed')) : '',
        words.time(claim.requestedAt),
      ],
      words.t('noClaims'),
    ),
    nextPageLink('#/claims', answer.data?.nextCursor),
  );
}

/** The operator completes or closes a claim that needs them, with the reason the record keeps. */
function resolutionForm(claimId: string): HTMLFormElement {
  const action = codeSelect('resolution-action', ['COMPLETE', 'CLOSE']);
  const reason = h('textarea', { id: 'resolution-reason', required: true, maxlength: '1000' });
  return intentForm(
    words.t('submit'),
    (key) => client().POST('/claims/{claimId}/resolution', { params: { path: { claimId }, header: { 'idempotency-key': key } }, body: { action: action.value as 'COMPLETE', reason: reason.value } }),
    () => refresh(),
    [h('h2', {}, words.t('resolve')), field(words.t('resolution'), action), field(words.t('resolveReason'), reason)],
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
      claim.failure && [words.t('failure'), claim.failure.cause ?? claim.failure.error],
    ),
    session!.role === 'operator' && claim.status === 'NEEDS_OPERATOR' ? resolutionForm(claimId) : null,
    table(words.t('orders'), [words.t('order'), words.t('status'), words.t('total')], claim.orders.map((order) => [linkTo.order(order.orderNo), words.code(order.status), words.money(order.total)])),
    table(words.t('refunds'), [words.t('method'), words.t('amount'), words.t('status')], claim.refunds.map((refund) => [words.code(refund.method), words.money(refund.amount), words.code(refund.status)])),
    table(words.t('timeline'), [words.t('when'), words.t('event')], claim.timeline.map((event) => [words.time(event.at), words.code(event.type)])),
  );
  // A claim under way is followed until it settles, or until it waits on someone (the seller's decision).
  if (!SETTLED.includes(claim.status)) drawAgainIn(1000);
}
