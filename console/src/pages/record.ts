// The seller's record (the dashboard's standing, all time, counted in orders), as a list of the
// orders it counts: every order of a completed seller-fault claim; of those, the ones cancelled
// while DELAYED, and the ones refunded after shipping. The API counts them as claims complete;
// the list is read from the completed claims, page after page, by the same rule (domain/claim.ts's
// standingOf), so the tile and its list agree.

import type { paths } from '../../api/schema.js';
import { h, table } from '../dom.js';
import { problemView } from '../forms.js';
import { client, linkTo, show, words } from '../shell.js';

export const RECORD_LINES = ['sellerFaultOrders', 'cancelledWhileDelayed', 'refundedForDelay'] as const;
export type RecordLine = (typeof RECORD_LINES)[number];

type ClaimRow = paths['/claims']['get']['responses'][200]['content']['application/json']['claims'][number];

/** The orders of this claim that count on this line of the record. */
function counted(claim: ClaimRow, line: RecordLine): string[] {
  if (claim.fault !== 'SELLER') return [];
  const refund = claim.type === 'SELLER_REFUND';
  if (line === 'sellerFaultOrders') return claim.orderNos;
  if (line === 'refundedForDelay') return refund ? claim.orderNos : [];
  return refund ? [] : claim.delayedOrders;
}

export async function recordPage(line: RecordLine): Promise<void> {
  const claims: ClaimRow[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client().GET('/claims', {
      params: { query: { status: 'COMPLETED', limit: 100, cursor } },
    });
    if (!data) return show(words.t(line), problemView(error));
    claims.push(...data.claims);
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  const rows = claims.flatMap((claim) => counted(claim, line).map((orderNo) => ({ orderNo, claim })));
  show(
    words.t(line),
    h('p', { class: 'hint' }, words.t('standingHint')),
    rows.length === 0
      ? h('p', {}, words.t('noOrders'))
      : table(
          words.t(line),
          [words.t('order'), words.t('claim'), words.t('type'), words.t('reason'), words.t('requestedAt')],
          rows.map(({ orderNo, claim }) => [
            linkTo.order(orderNo),
            linkTo.claim(claim.claimId),
            words.code(claim.type),
            words.code(claim.reason),
            words.time(claim.requestedAt),
          ]),
        ),
  );
}
