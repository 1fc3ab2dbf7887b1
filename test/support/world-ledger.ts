// The ledger side of a world of fakes (messages, refunds, balances, withdrawals), to take a
// picture of the store for "nothing changed". Races are world-claims.ts's raceOnce.
import { post, type BankAccount, type Withdrawal } from '../../shared/domain/ledger.js';
import type { BuyerMessage } from '../../shared/domain/message.js';
import type { Order } from '../../shared/domain/order.js';
import { DEFAULT_REFUND_FEES, planRefund, type Refund } from '../../shared/domain/refund.js';
import type { FakeClaimStore } from './fakes.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

export { NOW } from './fixtures.js'; // 10:00 on 2026-11-25 in Japan

export { BUYER, caught, OPERATOR, OTHER_BUYER, OTHER_SELLER, SELLER } from './principals.js';

/** Everything the store holds, as plain data: equal before and after means nothing changed. */
export function snapshot(store: FakeClaimStore) {
  return structuredClone({
    orders: [...store.orders],
    claims: [...store.claims],
    refunds: [...store.refunds],
    messages: [...store.messages],
    events: store.events,
    balances: [...store.balances],
    ledger: [...store.ledger],
    withdrawals: [...store.withdrawals],
    carts: [...store.carts],
    counters: [...store.counters].map(([scope, counts]) => [scope, [...counts]]),
    waits: [...store.waits],
    commits: store.commits.length,
  });
}

/** A message the seller sent on the order, stored as send-seller-message stores it. */
export async function seedMessage(
  store: FakeClaimStore,
  order: Order,
  overrides: Partial<BuyerMessage> = {},
): Promise<BuyerMessage> {
  const at = '2026-11-24T01:00:00.000Z';
  const message: BuyerMessage = {
    messageId: `M-${store.messages.size + 1}`,
    orderNo: order.orderNo,
    buyerId: order.buyer.id,
    kind: 'SELLER_MESSAGE',
    category: 'CANCEL_REFUND',
    title: '在庫切れのお詫び',
    body: '在庫切れのため、ご注文をキャンセルさせていただきます。',
    alsoEmail: true,
    messageSent: true,
    email: 'SENT',
    emailAttempts: 1,
    sesMessageId: 'ses-earlier',
    createdAt: at,
    sentAt: at,
    updatedAt: at,
    version: 0,
    ...overrides,
  };
  await store.commit(changeOf([{ entity: 'message', value: message }]));
  return (await store.getMessage(message.orderNo, message.messageId))!;
}

/** The refund of a claim on an order, as apply-claim plans it, with what happened to it since. */
export async function seedRefund(
  store: FakeClaimStore,
  order: Order,
  claimId: string,
  overrides: Partial<Refund> = {},
): Promise<Refund> {
  const planned = planRefund(
    order,
    { claimId, fault: 'SELLER' },
    DEFAULT_REFUND_FEES,
    new Date('2026-11-25T00:00:00.000Z'),
  );
  const refund: Refund = { ...planned, ...overrides, version: 0 };
  await store.commit(changeOf([{ entity: 'refund', value: refund, from: null }]));
  return (await store.getRefund(refund.orderNo, refund.refundId))!;
}

/** A cash refund credited to the buyer's balance: the entry and the running total, together. */
export async function creditBalance(
  store: FakeClaimStore,
  buyerId: string,
  amount: number,
  refundId = `R-${store.ledger.size + 1}`,
): Promise<void> {
  const { balance } = await store.buyerLedger(buyerId);
  const posted = post(balance, { amount: { amount, currency: 'JPY' } });
  if (!posted.ok) throw new Error(posted.detail);
  await store.commit(
    changeOf([
      {
        entity: 'ledger',
        value: {
          entryId: `refund:${refundId}`,
          buyerId,
          kind: 'REFUND_CREDIT',
          amount: { amount, currency: 'JPY' },
          refundId,
          at: '2026-11-24T00:00:00.000Z',
        },
      },
      { entity: 'balance', value: posted.balance },
    ]),
  );
}

export const ACCOUNT: BankAccount = {
  bankName: 'Mizuho',
  branch: 'Shibuya',
  accountNumber: '1234567',
  holder: 'Yamada Hanako',
};

/** A withdrawal whose debit is recorded and whose bank transfer has no answer yet, as withdraw leaves it. */
export async function seedPendingWithdrawal(
  store: FakeClaimStore,
  buyerId: string,
  amount: number,
  withdrawalId = `W-${store.withdrawals.size + 1}`,
): Promise<Withdrawal> {
  const { balance } = await store.buyerLedger(buyerId);
  const debit = { amount: -amount, currency: 'JPY' as const };
  const posted = post(balance, { amount: debit });
  if (!posted.ok) throw new Error(posted.detail);
  const at = '2026-11-24T02:00:00.000Z';
  const withdrawal: Withdrawal = {
    withdrawalId,
    buyerId,
    amount: { amount, currency: 'JPY' },
    bankAccount: ACCOUNT,
    status: 'PENDING',
    requestedAt: at,
    updatedAt: at,
    version: 0,
  };
  await store.commit(
    changeOf([
      { entity: 'withdrawal', value: withdrawal, from: null },
      {
        entity: 'ledger',
        value: { entryId: `withdrawal:${withdrawalId}`, buyerId, kind: 'WITHDRAWAL', amount: debit, withdrawalId, at },
      },
      { entity: 'balance', value: posted.balance },
    ]),
  );
  return (await store.buyerLedger(buyerId)).withdrawals.find((w) => w.withdrawalId === withdrawalId)!;
}
