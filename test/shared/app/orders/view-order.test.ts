// GET /orders/{orderNo}: the order with its claims, refunds, messages and timeline, as its reader may see it.
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../shared/app/common/errors.js';
import { viewOrder } from '../../../../shared/app/orders/view-order.js';
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
import { changeOf } from '../../../../shared/app/changes/change-set.js';

/**
 * A convenience-store order cancelled by the seller: a refund with the seller's fee, a notice whose e-mail SES refused,
 * a timeline.
 */
async function cancelledOrder() {
  const w = world();
  const { order, claim } = await seedClaim(w.store, {
    status: 'COMPLETED',
    applied: true,
    order: { payment: { method: 'CONVENIENCE_STORE' } },
    claim: { completedAt: '2026-11-25T00:30:00.000Z' },
  });
  const message = await seedMessage(w.store, order, {
    claimId: claim.claimId,
    email: 'FAILED',
    emailError: 'SES MessageRejected: Email address is not verified.',
    sesMessageId: undefined,
  });
  const refund = [...w.store.refunds.values()][0]!;
  await w.store.commit(
    changeOf([
      {
        entity: 'refund',
        value: {
          ...refund,
          status: 'FAILED',
          failure: { error: 'PaymentDeclined', cause: 'gateway said: account frozen' },
          failedAt: '2026-11-25T00:20:00.000Z',
        },
        from: 'PENDING',
      },
    ]),
  );
  const events: TimelineEvent[] = [
    {
      orderNo: order.orderNo,
      at: '2026-11-25T00:10:00.000Z',
      type: 'EMAIL_FAILED',
      actor: { role: 'system', id: 'mailer' },
      claimId: claim.claimId,
      detail: `${message.messageId}: SES MessageRejected`,
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
      at: '2026-11-25T00:15:00.000Z',
      type: 'CANCELLED',
      actor: { role: 'system', id: 'settle-claim' },
      claimId: claim.claimId,
    },
  ];
  await w.store.commit(changeOf(events.map((value) => ({ entity: 'event' as const, value }))));
  return { ...w, order, claim, message };
}

describe('the order view', () => {
  it('previews the refund a cancellation pays: all that was paid, by card cancellation or to the balance', async () => {
    const w = world();
    const card = await seedOrder(w.store, { payment: { method: 'CARD' }, total: { amount: 4200, currency: 'JPY' } });
    const cash = await seedOrder(w.store, { payment: { method: 'CONVENIENCE_STORE' } });
    expect((await viewOrder(w.store, SELLER, card.orderNo, NOW)).refundPreview).toEqual({
      amount: { amount: 4200, currency: 'JPY' },
      method: 'CARD_AUTHORIZATION_CANCEL',
      paid: true,
    });
    expect((await viewOrder(w.store, BUYER, cash.orderNo, NOW)).refundPreview).toEqual({
      amount: cash.total,
      method: 'BALANCE_CREDIT',
      paid: true,
    });
    const unpaid = await seedOrder(w.store, { status: 'PROCESSING', payment: { method: 'BANK_TRANSFER' } });
    expect((await viewOrder(w.store, SELLER, unpaid.orderNo, NOW)).refundPreview).toEqual({
      amount: { amount: 0, currency: 'JPY' },
      method: 'BALANCE_CREDIT',
      paid: false,
    });
  });

  it(
    'the seller sees everything of its order: the refund’s fee and failure, SES’s words, the whole timeline in ' +
      'order, its own contact address',
    async () => {
      const { store, order, claim, message } = await cancelledOrder();

      const view = await viewOrder(store, SELLER, order.orderNo, NOW);

      expect(view).toMatchObject({
        orderNo: order.orderNo,
        status: 'CANCELLED',
        storedStatus: 'CANCELLED',
        claimInProgress: null,
        allowedActions: [],
      });
      expect(view).not.toHaveProperty('version');
      expect(view).not.toHaveProperty('openClaimId');
      expect(view.claims).toEqual([
        {
          claimId: claim.claimId,
          type: 'SELLER_CANCEL',
          status: 'COMPLETED',
          reason: 'OUT_OF_STOCK',
          fault: 'SELLER',
          delayed: false,
          requestedAt: claim.requestedAt,
          completedAt: '2026-11-25T00:30:00.000Z',
          sellerMemo: claim.sellerMemo,
        },
      ]);
      expect(view.refunds).toEqual([
        expect.objectContaining({
          amount: { amount: 3200, currency: 'JPY' },
          method: 'BALANCE_CREDIT',
          status: 'FAILED',
          fee: { amount: 108, currency: 'JPY', chargedTo: 'SELLER' },
          failure: { error: 'PaymentDeclined', cause: 'gateway said: account frozen' },
        }),
      ]);
      expect(view.refunds[0]).not.toHaveProperty('version');
      expect(view.messages).toEqual([
        expect.objectContaining({
          messageId: message.messageId,
          email: 'FAILED',
          emailError: 'SES MessageRejected: Email address is not verified.',
        }),
      ]);
      expect(view.timeline.map((e) => [e.type, e.detail])).toEqual([
        ['CLAIM_OPENED', 'OUT_OF_STOCK'],
        ['EMAIL_FAILED', `${message.messageId}: SES MessageRejected`],
        ['CANCELLED', undefined],
      ]);
    },
  );

  it(
    'the buyer sees the refund without the seller’s fee or the provider’s words, the message without SES’s, and ' +
      'only what happened on the timeline',
    async () => {
      const { store, order, message } = await cancelledOrder();

      const view = await viewOrder(store, BUYER, order.orderNo, NOW);

      expect(view.refunds).toHaveLength(1);
      expect(view.refunds[0]).not.toHaveProperty('fee');
      expect(view.refunds[0]).toMatchObject({
        status: 'FAILED',
        failure: { error: 'PaymentDeclined' },
        amount: { amount: 3200, currency: 'JPY' },
      });
      expect(JSON.stringify(view)).not.toContain('account frozen');
      expect(view.messages).toHaveLength(1);
      expect(view.messages[0]).toMatchObject({
        messageId: message.messageId,
        title: message.title,
        body: message.body,
        email: 'FAILED',
      });
      expect(view.messages[0]).not.toHaveProperty('emailError');
      expect(view.messages[0]).not.toHaveProperty('sesMessageId');
      expect(JSON.stringify(view)).not.toContain('MessageRejected');
      // EMAIL_FAILED is not the buyer's business; the others lose their details and name the role, not the person.
      expect(view.timeline).toEqual([
        {
          orderNo: order.orderNo,
          at: '2026-11-25T00:00:00.000Z',
          type: 'CLAIM_OPENED',
          actor: { role: 'seller', id: 'seller' },
          claimId: expect.any(String),
        },
        {
          orderNo: order.orderNo,
          at: '2026-11-25T00:15:00.000Z',
          type: 'CANCELLED',
          actor: { role: 'system', id: 'system' },
          claimId: expect.any(String),
        },
      ]);
    },
  );

  it('an operator sees everything the seller sees', async () => {
    const { store, order } = await cancelledOrder();

    const view = await viewOrder(store, OPERATOR, order.orderNo, NOW);

    expect(view.refunds[0]).toHaveProperty('fee');
    expect(view.timeline).toHaveLength(3);
  });

  it(
    'an order past its ship date reads DELAYED, with the stored status beside it, and what each reader may ' + 'do',
    async () => {
      const { store } = world();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-11-24' });

      const forSeller = await viewOrder(store, SELLER, order.orderNo, NOW);
      const forBuyer = await viewOrder(store, BUYER, order.orderNo, NOW);

      expect(forSeller).toMatchObject({
        status: 'DELAYED',
        storedStatus: 'PREPARING',
        allowedActions: ['SHIP', 'SELLER_CANCEL'],
      });
      expect(forBuyer).toMatchObject({ status: 'DELAYED', allowedActions: ['BUYER_CANCEL'] });
    },
  );

  it(
    'a cancel request waiting for the seller: the seller may approve, the buyer and the operator may withdraw; the ' +
      'claim shows as in progress',
    async () => {
      const { store } = world();
      const { order, claim } = await seedClaim(store, {
        status: 'AWAITING_APPROVAL',
        order: { status: 'PREPARING', expectedShipDate: '2026-11-27' },
        claim: { type: 'BUYER_CANCEL', reason: 'BUYER_CHANGED_MIND', fault: 'BUYER' },
      });

      expect(await viewOrder(store, SELLER, order.orderNo, NOW)).toMatchObject({
        status: 'CANCEL_REQUESTED',
        claimInProgress: claim.claimId,
        allowedActions: ['APPROVE_CANCEL_REQUEST'],
      });
      expect((await viewOrder(store, BUYER, order.orderNo, NOW)).allowedActions).toEqual(['WITHDRAW_CANCEL_REQUEST']);
      expect((await viewOrder(store, OPERATOR, order.orderNo, NOW)).allowedActions).toEqual([
        'WITHDRAW_CANCEL_REQUEST',
      ]);
    },
  );

  it(
    'a request handed to the operator allows nobody anything on the order meanwhile, and shows delayed after 4 ' +
      'days',
    async () => {
      const { store } = world();
      const { order } = await seedClaim(store, {
        status: 'NEEDS_OPERATOR',
        order: { status: 'PREPARING', expectedShipDate: '2026-11-27' },
        claim: {
          type: 'BUYER_CANCEL',
          reason: 'BUYER_CHANGED_MIND',
          fault: 'BUYER',
          requestedAt: '2026-11-20T00:00:00.000Z',
        },
      });
      // seedClaim holds the order as a waiting request only for AWAITING_APPROVAL: make it CANCEL_REQUESTED, as the
      // request left it.
      const held = (await store.getOrder(order.orderNo))!;
      await store.commit(
        changeOf([{ entity: 'order', value: { ...held, status: 'CANCEL_REQUESTED' }, from: held.status }]),
      );

      for (const reader of [SELLER, BUYER, OPERATOR]) {
        const view = await viewOrder(store, reader, order.orderNo, NOW);
        expect(view.allowedActions).toEqual([]);
        expect(view.claims[0]).toMatchObject({ status: 'NEEDS_OPERATOR', delayed: true });
      }
    },
  );

  it('claims are listed oldest first', async () => {
    const { store } = world();
    const { order, claim: first } = await seedClaim(store, {
      status: 'WITHDRAWN',
      order: { status: 'PREPARING', expectedShipDate: '2026-11-27' },
      claim: { requestedAt: '2026-11-21T00:00:00.000Z' },
    });
    const current = (await store.getOrder(order.orderNo))!;
    const { openClaimId: _released, ...released } = current;
    const later = {
      ...(await store.getClaim(first.claimId))!,
      claimId: 'C-LATER',
      status: 'REQUESTED' as const,
      requestedAt: '2026-11-24T00:00:00.000Z',
      version: 0,
    };
    const earlier = { ...later, claimId: 'C-EARLIER', requestedAt: '2026-11-19T00:00:00.000Z' };
    await store.commit(
      changeOf([
        { entity: 'claim', value: later, from: null },
        { entity: 'claim', value: earlier, from: null },
        {
          entity: 'order',
          value: { ...released, claimIds: ['C-LATER', first.claimId, 'C-EARLIER'] },
          from: current.status,
        },
      ]),
    );

    const view = await viewOrder(store, SELLER, order.orderNo, NOW);

    expect(view.claims.map((c) => c.claimId)).toEqual(['C-EARLIER', first.claimId, 'C-LATER']);
  });

  it('another seller or buyer is forbidden; an unknown order is not found', async () => {
    const { store } = world();
    const order = await seedOrder(store);

    await caught(viewOrder(store, OTHER_SELLER, order.orderNo, NOW), NotFoundError);
    await caught(viewOrder(store, OTHER_BUYER, order.orderNo, NOW), NotFoundError);
    await caught(viewOrder(store, OPERATOR, 'NO-SUCH-ORDER', NOW), NotFoundError);
  });
});
