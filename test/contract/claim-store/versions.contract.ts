// The ClaimStore contract, in part: the versions every entity keeps. See claim-store.contract.ts.

import type { Claim } from '../../../shared/domain/claim.js';
import type { Balance, Withdrawal } from '../../../shared/domain/ledger.js';
import type { BuyerMessage } from '../../../shared/domain/message.js';
import type { Order } from '../../../shared/domain/order.js';
import type { Refund } from '../../../shared/domain/refund.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClaimStore, Write } from '../../../shared/app/ports/claim-store.js';
import { changeOf } from '../../../shared/app/changes/change-set.js';
import { type MakeStore, type TestData, expectConflict } from './support.js';
import { storeWorld } from './store-world.js';

/** One kind of versioned entity, to run the version rules over each. */
interface Versioned<T extends { version: number }> {
  entity: string;
  make(d: TestData): T;
  /** The write of a value read at its version (0: new). */
  write(value: T): Write;
  read(store: ClaimStore, value: T): Promise<T | undefined>;
  /** Some change of content. */
  change(value: T): T;
}

const VERSIONED: Versioned<{ version: number }>[] = [
  {
    entity: 'order',
    make: (d) => d.order(),
    write: (value: Order) => ({ entity: 'order', value, from: value.version === 0 ? null : value.status }),
    read: (store, value: Order) => store.getOrder(value.orderNo),
    change: (value: Order) => ({
      ...value,
      item: { ...value.item, quantity: value.item.quantity + 1 },
      updatedAt: '2021-03-11T00:00:00.000Z',
    }),
  } satisfies Versioned<Order>,
  {
    entity: 'claim',
    make: (d) => d.claim(),
    write: (value: Claim) => ({ entity: 'claim', value, from: value.version === 0 ? null : value.status }),
    read: (store, value: Claim) => store.getClaim(value.claimId),
    change: (value: Claim) => ({ ...value, sellerMemo: `${value.sellerMemo ?? ''}+` }),
  } satisfies Versioned<Claim>,
  {
    entity: 'refund',
    make: (d) => d.refund(d.id('O')),
    write: (value: Refund) => ({ entity: 'refund', value, from: value.version === 0 ? null : value.status }),
    read: (store, value: Refund) => store.getRefund(value.orderNo, value.refundId),
    change: (value: Refund) => ({ ...value, attempts: value.attempts + 1 }),
  } satisfies Versioned<Refund>,
  {
    entity: 'message',
    make: (d) => d.message(d.id('O')),
    write: (value: BuyerMessage) => ({ entity: 'message', value }),
    read: (store, value: BuyerMessage) => store.getMessage(value.orderNo, value.messageId),
    change: (value: BuyerMessage) => ({ ...value, emailAttempts: value.emailAttempts + 1 }),
  } satisfies Versioned<BuyerMessage>,
  {
    entity: 'balance',
    make: (d) => d.balance(1000),
    write: (value: Balance) => ({ entity: 'balance', value }),
    read: async (store, value: Balance) => {
      const { balance } = await store.buyerLedger(value.buyerId);
      return balance.version === 0 ? undefined : balance;
    },
    change: (value: Balance) => ({ ...value, balance: { ...value.balance, amount: value.balance.amount + 100 } }),
  } satisfies Versioned<Balance>,
  {
    entity: 'withdrawal',
    make: (d) => d.withdrawal(500),
    write: (value: Withdrawal) => ({ entity: 'withdrawal', value, from: value.version === 0 ? null : value.status }),
    read: async (store, value: Withdrawal) =>
      (await store.buyerLedger(value.buyerId)).withdrawals.find((w) => w.withdrawalId === value.withdrawalId),
    change: (value: Withdrawal) => ({ ...value, status: 'COMPLETED', bankReference: 'BT-1' }),
  } satisfies Versioned<Withdrawal>,
] as Versioned<{ version: number }>[];

export function versionsContract(makeStore: MakeStore): void {
  const world = storeWorld(makeStore);
  let store: ClaimStore;
  let d: TestData;
  beforeEach(() => {
    ({ store, d } = world);
  });

  describe('versions', () => {
    for (const kind of VERSIONED) {
      it(
        `${kind.entity}: a new one is stored as given at version 1, and each write stores the next ` + `version`,
        async () => {
          const value = kind.make(d);
          expect(await kind.read(store, value)).toBeUndefined();
          await store.commit(changeOf([kind.write(value)]));
          const first = await kind.read(store, value);
          expect(first).toEqual({ ...value, version: 1 });
          const changed = kind.change(first!);
          await store.commit(changeOf([kind.write(changed)]));
          expect(await kind.read(store, value)).toEqual({ ...changed, version: 2 });
        },
      );

      it(
        `${kind.entity}: version 0 means it must not exist yet: a second new one conflicts and changes ` + `nothing`,
        async () => {
          const value = kind.make(d);
          await store.commit(changeOf([kind.write(value)]));
          await expectConflict(store.commit(changeOf([kind.write(kind.change(value))])));
          expect(await kind.read(store, value)).toEqual({ ...value, version: 1 });
        },
      );

      it(`${kind.entity}: a write at any version but the stored one conflicts and changes nothing`, async () => {
        const value = kind.make(d);
        // Not there: no version but 0 may write it.
        await expectConflict(store.commit(changeOf([kind.write({ ...value, version: 1 })])));
        expect(await kind.read(store, value)).toBeUndefined();
        await store.commit(changeOf([kind.write(value)]));
        const first = (await kind.read(store, value))!;
        await store.commit(changeOf([kind.write(kind.change(first))]));
        const second = (await kind.read(store, value))!;
        // Stale (read before the last write), and ahead of the store.
        await expectConflict(store.commit(changeOf([kind.write(kind.change(kind.change(first)))])));
        await expectConflict(store.commit(changeOf([kind.write({ ...kind.change(second), version: 3 })])));
        expect(await kind.read(store, value)).toEqual(second);
        expect(second.version).toBe(2);
      });
    }
  });
}
