// GET /claims/{claimId}: the claim with its orders, refunds, messages and timeline, as its reader may see them.
import { describe, expect, it } from 'vitest';
import { viewClaim } from '../../../../shared/app/claims/view-claim.js';
import { NotFoundError } from '../../../../shared/app/common/errors.js';
import type { TimelineEvent } from '../../../../shared/app/ports/claim-store.js';
import { seedClaim, seedOrder, world } from '../../../support/worlds.js';
import {
  BUYER,
  NOW,
  OPERATOR,
  OTHER_BUYER,
  OTHER_SELLER,
  SELLER,
  caught,
  seedMessage,
} from '../../../support/world-ledger.js';
import { seedRequest } from '../../../support/world-claims.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

/**
 * A cart cancellation of two convenience-store orders that went to the operator: a notice whose
 * e-mail SES refused, a refund the provider refused, an operator's alert and resolution, and events
 * of this claim and of another.
 */
async function handedOver() {
  const w = world();
  const { order, claim } = await seedClaim(w.store, {
    status: 'NEEDS_OPERATOR',
    applied: true,
    order: {
      payment: { method: 'CONVENIENCE_STORE' },
      recipient: { name: '山田花子', address: '東京都渋谷区1-2-3' },
      expectedShipDate: '2026-11-27',
      status: 'PREPARING',
    },
    claim: {
      scope: 'CART',
      excluded: [{ orderNo: 'X-OTHER', reason: 'Another buyer’s order: cancel it on its own, with its own notice.' }],
      failure: { error: 'PaymentDeclined', cause: 'gateway: merchant account suspended' },
      operatorAlert: { why: 'A refund failed.', status: 'SENT', attempts: 1, sentAt: '2026-11-25T00:40:00.000Z' },
      resolutions: [
        {
          action: 'COMPLETE',
          reason: 'Seller confirmed the refund by phone.',
          by: { role: 'operator', id: 'OP-7' },
          at: '2026-11-25T00:45:00.000Z',
        },
      ],
    },
  });
  const notice = await seedMessage(w.store, order, {
    email: 'FAILED',
    emailError: 'SES MessageRejected: Email address is not verified.',
  });
  const other = await seedMessage(w.store, order, {
    category: 'SHIPPING',
    title: 'Shipping soon',
    body: 'Your tea ships soon.',
  }); // not this claim's
  const stored = (await w.store.getClaim(claim.claimId))!;
  await w.store.commit(
    changeOf([{ entity: 'claim', value: { ...stored, noticeMessageId: notice.messageId }, from: stored.status }]),
  );
  const refund = [...w.store.refunds.values()][0]!;
  await w.store.commit(
    changeOf([
      {
        entity: 'refund',
        value: {
          ...refund,
          status: 'FAILED',
          failure: { error: 'PaymentDeclined', cause: 'gateway: merchant account suspended' },
        },
        from: 'PENDING',
      },
    ]),
  );
  const events: TimelineEvent[] = [
    {
      orderNo: order.orderNo,
      at: '2026-11-25T00:20:00.000Z',
      type: 'REFUND_FAILED',
      actor: { role: 'system', id: 'settle-claim' },
      claimId: claim.claimId,
      detail: 'gateway: merchant account suspended',
    },
    {
      orderNo: order.orderNo,
      at: '2026-11-25T00:00:00.000Z',
      type: 'CLAIM_OPENED',
      actor: { role: 'seller', id: 'S-1' },
      claimId: claim.claimId,
      detail: 'OUT_OF_STOCK',
    },
    {
      orderNo: order.orderNo,
      at: '2026-11-25T00:10:00.000Z',
      type: 'CANCELLED',
      actor: { role: 'system', id: 'settle-claim' },
      claimId: claim.claimId,
    },
    {
      orderNo: order.orderNo,
      at: '2026-11-24T00:00:00.000Z',
      type: 'SHIP_DATE_SET',
      actor: { role: 'seller', id: 'S-1' },
      detail: 'PREPARING',
    }, // not the claim's
  ];
  await w.store.commit(changeOf(events.map((value) => ({ entity: 'event' as const, value }))));
  return { ...w, order, claim: (await w.store.getClaim(claim.claimId))!, notice, other };
}

describe('the claim view', () => {
  it(
    'the seller sees the claim, its orders in detail, its notice’s counts, the refund with fee and failure, SES’s ' +
      'words, and the claim’s own timeline in order',
    async () => {
      const { store, order, claim, notice } = await handedOver();

      const view = await viewClaim(store, SELLER, claim.claimId, NOW);

      expect(view).toMatchObject({
        claimId: claim.claimId,
        type: 'SELLER_CANCEL',
        status: 'NEEDS_OPERATOR',
        reason: 'OUT_OF_STOCK',
        fault: 'SELLER',
        delayed: false,
        sellerMemo: '在庫切れ',
        orderNos: [order.orderNo],
        excluded: [{ orderNo: 'X-OTHER', reason: expect.any(String) }],
        failure: { error: 'PaymentDeclined', cause: 'gateway: merchant account suspended' },
        resolutions: [expect.objectContaining({ action: 'COMPLETE', reason: 'Seller confirmed the refund by phone.' })],
        notice: { messages: { sent: 1, failed: 0 }, emails: { sent: 0, failed: 1 } },
      });
      expect(view).not.toHaveProperty('operatorAlert');
      expect(view).not.toHaveProperty('version');
      expect(view.orders).toEqual([
        {
          orderNo: order.orderNo,
          cartNo: order.cartNo,
          orderedAt: order.orderedAt,
          status: 'CANCELLED',
          item: order.item,
          country: 'JP',
          total: { amount: 3200, currency: 'JPY' },
          payment: { method: 'CONVENIENCE_STORE' },
          buyer: { id: 'B-1', email: 'hanako@example.jp' },
          recipient: { name: '山田花子', address: '東京都渋谷区1-2-3' },
          expectedShipDate: '2026-11-27',
          shippedAt: null,
          shipment: null,
          deliveredAt: null,
        },
      ]);
      expect(view.refunds).toEqual([
        expect.objectContaining({
          status: 'FAILED',
          fee: { amount: 108, currency: 'JPY', chargedTo: 'SELLER' },
          failure: { error: 'PaymentDeclined', cause: 'gateway: merchant account suspended' },
        }),
      ]);
      expect(view.messages).toEqual([
        expect.objectContaining({
          messageId: notice.messageId,
          emailError: 'SES MessageRejected: Email address is not verified.',
        }),
      ]);
      expect(view.timeline.map((e) => e.type)).toEqual(['CLAIM_OPENED', 'CANCELLED', 'REFUND_FAILED']);
    },
  );

  it('the operator also sees the alert that told them', async () => {
    const { store, claim } = await handedOver();

    const view = await viewClaim(store, OPERATOR, claim.claimId, NOW);

    expect(view.operatorAlert).toEqual({
      why: 'A refund failed.',
      status: 'SENT',
      attempts: 1,
      sentAt: '2026-11-25T00:40:00.000Z',
    });
    expect(view).toHaveProperty('resolutions', [expect.objectContaining({ action: 'COMPLETE' })]);
  });

  it(
    'the buyer sees what happened, never the seller’s fee, SES’s or the provider’s words, the operator’s decisions ' +
      'or the orders left out',
    async () => {
      const { store, claim, notice } = await handedOver();

      const view = await viewClaim(store, BUYER, claim.claimId, NOW);

      expect(view.failure).toEqual({ error: 'PaymentDeclined' });
      expect(view).not.toHaveProperty('resolutions');
      expect(view).not.toHaveProperty('operatorAlert');
      expect(view.excluded).toEqual([]);
      expect(view.refunds).toHaveLength(1);
      expect(view.refunds[0]).not.toHaveProperty('fee');
      expect(view.refunds[0]!.failure).toEqual({ error: 'PaymentDeclined' });
      expect(view.messages).toEqual([expect.objectContaining({ messageId: notice.messageId, email: 'FAILED' })]);
      expect(view.messages[0]).not.toHaveProperty('emailError');
      expect(view.notice).toEqual({ messages: { sent: 1, failed: 0 }, emails: { sent: 0, failed: 1 } });
      expect(view.timeline).toEqual([
        expect.objectContaining({ type: 'CLAIM_OPENED', actor: { role: 'seller', id: 'seller' } }),
        expect.objectContaining({ type: 'CANCELLED', actor: { role: 'system', id: 'system' } }),
      ]);
      expect(view.timeline[0]).not.toHaveProperty('detail');
      const text = JSON.stringify(view);
      for (const hidden of ['merchant account suspended', 'MessageRejected', 'Seller confirmed', 'X-OTHER', 'OP-7'])
        expect(text).not.toContain(hidden);
    },
  );

  it(
    'a buyer learns that an operator filed or withdrew its request, never which operator; the seller and the ' +
      'operator see who',
    async () => {
      const { store } = world();
      const operator = { role: 'operator', id: 'OP-STAFF-7' };
      const { claim } = await seedRequest(store, { claim: { requestedBy: operator } });
      const withdrawal = { by: operator, reason: 'The buyer asked by phone.', at: NOW.toISOString() };
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...claim, status: 'WITHDRAWN', withdrawal }, from: claim.status }]),
      );

      const forBuyer = await viewClaim(store, BUYER, claim.claimId, NOW);
      expect(forBuyer.requestedBy).toEqual({ role: 'operator', id: 'operator' });
      expect(forBuyer.withdrawal?.by).toEqual({ role: 'operator', id: 'operator' });
      expect(JSON.stringify(forBuyer)).not.toContain('OP-STAFF-7');
      for (const reader of [SELLER, OPERATOR])
        expect((await viewClaim(store, reader, claim.claimId, NOW)).requestedBy).toEqual(operator);
    },
  );

  it('a cart claim shows every order it covers, with each refund', async () => {
    const { store } = world();
    const { order, claim } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true, claim: { scope: 'CART' } });
    const second = await seedOrder(store, { cartNo: order.cartNo, status: 'CANCELLED', claimIds: [claim.claimId] });
    await store.commit(
      changeOf([
        { entity: 'claim', value: { ...claim, orderNos: [order.orderNo, second.orderNo] }, from: claim.status },
        {
          entity: 'refund',
          value: {
            ...[...store.refunds.values()][0]!,
            refundId: `${claim.claimId}.${second.orderNo}`,
            orderNo: second.orderNo,
            version: 0,
          },
          from: null,
        },
      ]),
    );

    for (const reader of [SELLER, BUYER]) {
      const view = await viewClaim(store, reader, claim.claimId, NOW);
      expect(view.orderNos).toEqual([order.orderNo, second.orderNo]);
      expect(view.orders.map((o) => o.orderNo)).toEqual([order.orderNo, second.orderNo]);
      expect(view.refunds.map((r) => r.orderNo)).toEqual([order.orderNo, second.orderNo]);
    }
  });

  it('delayed while open past 4 days or once flagged; a closed claim is never delayed', async () => {
    const { store } = world();
    const open = (
      await seedClaim(store, { status: 'AWAITING_APPROVAL', claim: { requestedAt: '2026-11-20T00:00:00.000Z' } })
    ).claim;
    const flagged = (
      await seedClaim(store, { status: 'AWAITING_APPROVAL', claim: { delayedAt: '2026-11-25T00:00:00.000Z' } })
    ).claim;
    const closed = (await seedClaim(store, { status: 'WITHDRAWN', claim: { requestedAt: '2026-11-01T00:00:00.000Z' } }))
      .claim;

    expect((await viewClaim(store, SELLER, open.claimId, NOW)).delayed).toBe(true);
    expect((await viewClaim(store, SELLER, flagged.claimId, NOW)).delayed).toBe(true);
    expect((await viewClaim(store, SELLER, closed.claimId, NOW)).delayed).toBe(false);
  });

  it('another seller or buyer is forbidden; an unknown claim is not found', async () => {
    const { store } = world();
    const { claim } = await seedClaim(store);

    await caught(viewClaim(store, OTHER_SELLER, claim.claimId, NOW), NotFoundError);
    await caught(viewClaim(store, OTHER_BUYER, claim.claimId, NOW), NotFoundError);
    await caught(viewClaim(store, OPERATOR, 'C-NOPE', NOW), NotFoundError);
  });
});
