// Which change is which event (docs/EVENTS.md): one event per change of status, none for a write
// that changes no status, and the same change always the same id.
import { describe, expect, it } from 'vitest';
import { bulkEvents, integrationEvents } from '../../../../shared/app/changes/integration-events.js';
import { numbered } from '../../../../shared/app/ports/change-set.js';
import type { Write } from '../../../../shared/app/ports/claim-store.js';
import type { BulkCancellation } from '../../../../shared/domain/bulk.js';
import type { Claim, ClaimStatus } from '../../../../shared/domain/claim.js';
import { testData } from '../../../contract/claim-store/support.js';

const d = testData();
const types = (writes: Write[]) => integrationEvents(writes).map((e) => e.type);
const claimMove = (claim: Claim, from: ClaimStatus | null, status: ClaimStatus): Write => ({
  entity: 'claim',
  value: { ...claim, status },
  from,
});

describe('integration events', () => {
  const claim = d.claim();

  it('a claim: requested when opened (and awaiting approval if it opens so); each later status its own event', () => {
    expect(types([claimMove(claim, null, 'REQUESTED')])).toEqual(['claim.requested']);
    expect(types([claimMove(claim, null, 'AWAITING_APPROVAL')])).toEqual([
      'claim.requested',
      'claim.awaiting-approval',
    ]);
    // An order the seller may not cancel (a coupon): the claim opens needing the operator.
    expect(types([claimMove(claim, null, 'NEEDS_OPERATOR')])).toEqual(['claim.requested', 'claim.needs-operator']);
    expect(types([claimMove(claim, 'AWAITING_APPROVAL', 'IN_PROGRESS')])).toEqual(['claim.approved']);
    expect(types([claimMove(claim, 'NEEDS_OPERATOR', 'IN_PROGRESS')])).toEqual(['claim.resumed']);
    expect(types([claimMove(claim, 'REQUESTED', 'IN_PROGRESS')])).toEqual([]);
    expect(types([claimMove(claim, 'AWAITING_APPROVAL', 'WITHDRAWN')])).toEqual(['claim.withdrawn']);
    expect(types([claimMove(claim, 'IN_PROGRESS', 'NEEDS_OPERATOR')])).toEqual(['claim.needs-operator']);
    expect(types([claimMove(claim, 'IN_PROGRESS', 'COMPLETED')])).toEqual(['claim.completed']);
    expect(types([claimMove(claim, 'IN_PROGRESS', 'FAILED')])).toEqual(['claim.failed']);
    expect(types([claimMove(claim, 'IN_PROGRESS', 'IN_PROGRESS')])).toEqual([]);
  });

  it('a return: approved, shipped back, received (its refund runs), or refused; each once', () => {
    const aReturn = { ...claim, type: 'RETURN' as const };
    expect(types([claimMove(aReturn, 'AWAITING_APPROVAL', 'AWAITING_RETURN')])).toEqual(['claim.return-approved']);
    expect(types([claimMove(aReturn, 'AWAITING_RETURN', 'RETURN_IN_TRANSIT')])).toEqual(['claim.return-shipped']);
    expect(types([claimMove(aReturn, 'RETURN_IN_TRANSIT', 'IN_PROGRESS')])).toEqual(['claim.return-received']);
    expect(types([claimMove(aReturn, 'AWAITING_APPROVAL', 'REFUSED')])).toEqual(['claim.refused']);
    expect(types([claimMove(aReturn, 'REFUSED', 'NEEDS_OPERATOR')])).toEqual(['claim.needs-operator']);
  });

  it('a non-receipt: reported, answered (or refunded by the seller), accepted or escalated; each once', () => {
    const report = { ...claim, type: 'NON_RECEIPT' as const };
    expect(types([claimMove(report, null, 'AWAITING_SELLER')])).toEqual([
      'claim.requested',
      'claim.non-receipt-reported',
    ]);
    expect(types([claimMove(report, 'AWAITING_SELLER', 'ANSWERED')])).toEqual(['claim.non-receipt-answered']);
    expect(types([claimMove(report, 'AWAITING_SELLER', 'IN_PROGRESS')])).toEqual(['claim.non-receipt-answered']);
    expect(types([claimMove(report, 'ANSWERED', 'COMPLETED')])).toEqual(['claim.completed']);
    expect(types([claimMove(report, 'ANSWERED', 'NEEDS_OPERATOR')])).toEqual(['claim.needs-operator']);
  });

  it('an order: cancelled or returned, once; other statuses are the claims’ events', () => {
    const order = d.order({ version: 2, claimIds: ['C-1'] });
    expect(types([{ entity: 'order', value: { ...order, status: 'CANCELLED' }, from: 'PREPARING' }])).toEqual([
      'order.cancelled',
    ]);
    expect(types([{ entity: 'order', value: { ...order, status: 'RETURNED' }, from: 'IN_TRANSIT' }])).toEqual([
      'order.returned',
    ]);
    expect(types([{ entity: 'order', value: { ...order, status: 'CANCELLED' }, from: 'CANCELLED' }])).toEqual([]);
    expect(types([{ entity: 'order', value: { ...order, status: 'CANCEL_REQUESTED' }, from: 'NEW' }])).toEqual([]);
  });

  it(
    'a refund: pending, completed or failed as its status becomes; a balance refund is completed and credited at ' +
      'once',
    () => {
      const refund = d.refund('O-1');
      expect(types([{ entity: 'refund', value: refund, from: null }])).toEqual(['refund.pending']);
      expect(
        types([
          { entity: 'refund', value: { ...refund, status: 'COMPLETED', method: 'BALANCE_CREDIT' }, from: null },
          { entity: 'ledger', value: d.entry(3200) },
        ]),
      ).toEqual(['refund.completed', 'balance.credited']);
      expect(
        types([{ entity: 'refund', value: { ...refund, version: 1, status: 'FAILED' }, from: 'PENDING' }]),
      ).toEqual(['refund.failed']);
      // An operator's retry: pending again, as another version.
      const [retried] = integrationEvents([
        { entity: 'refund', value: { ...refund, version: 2, status: 'PENDING' }, from: 'FAILED' },
      ]);
      expect(retried).toMatchObject({ type: 'refund.pending', id: `refund.pending:${refund.refundId}:3` });
    },
  );

  it('withdrawals: completed or failed; a debit or a reversal is no credit', () => {
    const withdrawal = d.withdrawal(500);
    expect(
      types([
        { entity: 'withdrawal', value: withdrawal, from: null },
        { entity: 'ledger', value: d.entry(-500, { kind: 'WITHDRAWAL' }) },
      ]),
    ).toEqual([]);
    expect(types([{ entity: 'withdrawal', value: { ...withdrawal, status: 'COMPLETED' }, from: 'PENDING' }])).toEqual([
      'withdrawal.completed',
    ]);
    expect(
      types([
        { entity: 'withdrawal', value: { ...withdrawal, status: 'FAILED' }, from: 'PENDING' },
        { entity: 'ledger', value: d.entry(500, { kind: 'WITHDRAWAL_REVERSAL' }) },
      ]),
    ).toEqual(['withdrawal.failed']);
  });

  it('a bulk job: submitted with the status it starts in, then each change of status', () => {
    const job = {
      bulkId: 'BC-1',
      sellerId: 'S-1',
      status: 'AWAITING_APPROVAL',
      updatedAt: '2026-11-29T00:00:00.000Z',
      version: 0,
    } as BulkCancellation;
    expect(bulkEvents(job, null).map((e) => e.type)).toEqual([
      'bulk-cancellation.submitted',
      'bulk-cancellation.awaiting-approval',
    ]);
    expect(bulkEvents({ ...job, status: 'RUNNING', version: 1 }, 'AWAITING_APPROVAL').map((e) => e.type)).toEqual([
      'bulk-cancellation.running',
    ]);
    expect(bulkEvents({ ...job, status: 'RUNNING', version: 2 }, 'RUNNING')).toEqual([]);
    expect(bulkEvents({ ...job, status: 'COMPLETED_WITH_FAILURES', version: 5 }, 'RUNNING')).toMatchObject([
      { type: 'bulk-cancellation.finished', data: { status: 'COMPLETED_WITH_FAILURES', version: 6 } },
    ]);
  });

  it(
    'the id is the change’s: the same writes give the same ids; the sequence goes on from the partition’s ' + 'last',
    () => {
      const writes: Write[] = [claimMove(claim, 'IN_PROGRESS', 'COMPLETED')];
      expect(integrationEvents(writes).map((e) => e.id)).toEqual(integrationEvents(writes).map((e) => e.id));
      expect(integrationEvents(writes)[0]!.id).toBe(`claim.completed:${claim.claimId}:1`);
      const two = [...integrationEvents([claimMove(claim, null, 'AWAITING_APPROVAL')])];
      expect(numbered(two, () => 41).map((e) => e.sequence)).toEqual(['0000000042', '0000000043']);
    },
  );

  it('no personal data: ids, statuses and versions only', () => {
    const order = d.order({
      recipient: { name: '山田花子', address: '千葉県船橋市西浦1-2-3', phone: '090-1234-5678' },
      version: 1,
    });
    const events = integrationEvents([
      { entity: 'order', value: { ...order, status: 'CANCELLED' }, from: 'NEW' },
      claimMove({ ...claim, sellerMemo: '山田様へ' }, 'IN_PROGRESS', 'COMPLETED'),
    ]);
    const text = JSON.stringify(events);
    for (const secret of ['山田', '千葉', '090', 'hanako@example.jp', '抹茶']) expect(text).not.toContain(secret);
  });
});
