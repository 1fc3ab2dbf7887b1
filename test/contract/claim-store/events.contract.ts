// The integration events every ClaimStore writes with its transactions (docs/EVENTS.md): one per
// change of status, in the same transaction, numbered without gaps within its partition however
// many transactions race for the numbers. Runs on the fake and on DynamoDB Local, like the rest
// of the contract (../claim-store.contract.ts), each test with its own ids.

import { describe, expect, it } from 'vitest';
import type { IntegrationEvent } from '../../../shared/app/ports/change-set.js';
import type { ClaimStore, Write } from '../../../shared/app/ports/claim-store.js';
import { ConcurrentChangeError } from '../../../shared/app/ports/port-errors.js';
import { testData } from './support.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';

export type MakeEventStore = () => Promise<{
  store: ClaimStore;
  events: (partitionkey: string) => Promise<IntegrationEvent[]>;
}>;

const summary = (events: IntegrationEvent[]) => events.map((e) => `${e.sequence} ${e.type} ${e.subject}`);

export function claimStoreEventsContract(name: string, makeStore: MakeEventStore): void {
  describe(`ClaimStore events contract: ${name}`, () => {
    it(
      'each change of status is one event, written with it, numbered in its order’s partition; other writes are ' +
        'none',
      async () => {
        const { store, events } = await makeStore();
        const d = testData();
        const order = d.order();
        const partition = `order:${order.orderNo}`;
        const claim = d.claim({
          orderNo: order.orderNo,
          orderNos: [order.orderNo],
          cartNo: order.cartNo,
          type: 'BUYER_CANCEL',
          status: 'AWAITING_APPROVAL',
        });
        await store.commit(changeOf([{ entity: 'order', value: order, from: null }]));
        await store.commit(
          changeOf([
            { entity: 'claim', value: claim, from: null },
            {
              entity: 'order',
              value: {
                ...(await store.getOrder(order.orderNo))!,
                status: 'CANCEL_REQUESTED',
                openClaimId: claim.claimId,
                claimIds: [claim.claimId],
              },
              from: 'NEW',
            },
          ]),
        );
        // A memo changes nothing another system must learn of.
        const opened = (await store.getClaim(claim.claimId))!;
        await store.commit(
          changeOf([{ entity: 'claim', value: { ...opened, sellerMemo: '確認中' }, from: opened.status }]),
        );
        const approved = (await store.getClaim(claim.claimId))!;
        const requested = (await store.getOrder(order.orderNo))!;
        const refund = d.refund(order.orderNo, { claimId: claim.claimId });
        await store.commit(
          changeOf([
            {
              entity: 'claim',
              value: { ...approved, status: 'IN_PROGRESS', updatedAt: '2021-03-10T09:00:00.000Z' },
              from: 'AWAITING_APPROVAL',
            },
            {
              entity: 'order',
              value: { ...requested, status: 'CANCELLED', updatedAt: '2021-03-10T09:00:00.000Z' },
              from: 'CANCEL_REQUESTED',
            },
            { entity: 'refund', value: refund, from: null },
          ]),
        );

        const published = await events(partition);
        expect(summary(published)).toEqual([
          `0000000001 claim.requested ${claim.claimId}`,
          `0000000002 claim.awaiting-approval ${claim.claimId}`,
          `0000000003 claim.approved ${claim.claimId}`,
          `0000000004 order.cancelled ${order.orderNo}`,
          `0000000005 refund.pending ${refund.refundId}`,
        ]);
        expect(published[3]).toEqual({
          specversion: '1.0',
          id: `order.cancelled:${order.orderNo}:3`,
          source: 'order-claims',
          type: 'order.cancelled',
          subject: order.orderNo,
          time: '2021-03-10T09:00:00.000Z',
          datacontenttype: 'application/json',
          dataschema: 'urn:order-claims:events:order.cancelled:v1',
          partitionkey: partition,
          sequence: '0000000004',
          data: {
            orderNo: order.orderNo,
            cartNo: order.cartNo,
            claimId: claim.claimId,
            sellerId: order.sellerId,
            buyerId: order.buyer.id,
            status: 'CANCELLED',
            version: 3,
          },
        });
      },
    );

    it('a refused transaction writes no event, and the numbers go on from the last written', async () => {
      const { store, events } = await makeStore();
      const d = testData();
      const claim = d.claim();
      await store.commit(changeOf([{ entity: 'claim', value: claim, from: null }]));
      const stale = { ...claim, status: 'FAILED' as const };
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...claim, version: 1, status: 'IN_PROGRESS' }, from: 'REQUESTED' }]),
      );
      await expect(
        store.commit(changeOf([{ entity: 'claim', value: stale, from: 'REQUESTED' }])),
      ).rejects.toBeInstanceOf(ConcurrentChangeError);
      const current = (await store.getClaim(claim.claimId))!;
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...current, status: 'COMPLETED' }, from: 'IN_PROGRESS' }]),
      );
      expect(summary(await events(`order:${claim.orderNo}`))).toEqual([
        `0000000001 claim.requested ${claim.claimId}`,
        `0000000002 claim.completed ${claim.claimId}`,
      ]);
    });

    it('transactions racing on one order’s partition all commit, numbered 1…n without gaps or twins', async () => {
      const { store, events } = await makeStore();
      const d = testData();
      const orderNo = d.id('O');
      const refunds = Array.from({ length: 8 }, () => d.refund(orderNo));
      await Promise.all(
        refunds.map((refund) => store.commit(changeOf([{ entity: 'refund', value: refund, from: null }]))),
      );
      const published = await events(`order:${orderNo}`);
      expect(published.map((e) => e.sequence)).toEqual(refunds.map((_, i) => String(i + 1).padStart(10, '0')));
      expect(new Set(published.map((e) => e.subject))).toEqual(new Set(refunds.map((r) => r.refundId)));
    });

    it('credits and withdrawals go to the buyer’s partition', async () => {
      const { store, events } = await makeStore();
      const d = testData();
      const credit = d.entry(3200);
      const withdrawal = d.withdrawal(1000);
      const writes: Write[] = [
        { entity: 'ledger', value: credit },
        { entity: 'balance', value: d.balance(3200) },
      ];
      await store.commit(changeOf(writes));
      await store.commit(changeOf([{ entity: 'withdrawal', value: withdrawal, from: null }]));
      await store.commit(
        changeOf([
          {
            entity: 'withdrawal',
            value: { ...withdrawal, version: 1, status: 'COMPLETED', updatedAt: '2021-03-10T10:00:00.000Z' },
            from: 'PENDING',
          },
        ]),
      );
      const published = await events(`buyer:${d.buyerId}`);
      expect(summary(published)).toEqual([
        `0000000001 balance.credited ${credit.entryId}`,
        `0000000002 withdrawal.completed ${withdrawal.withdrawalId}`,
      ]);
      expect(published[0]!.data).toEqual({ entryId: credit.entryId, buyerId: d.buyerId, refundId: credit.refundId });
    });
  });
}
