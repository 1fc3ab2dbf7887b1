// apply-claim: the notice's e-mail first, then one transaction runs the claim and cancels (or
// returns) every order with its refund, a balance refund credited there and then; last, the card
// side is asked. Safe to run again: nothing paid or credited twice, the notice e-mailed once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveClaim } from '../../../../shared/app/claims/resolve-claim.js';
import { applyClaim } from '../../../../shared/app/settle/apply-claim.js';
import { completeClaim } from '../../../../shared/app/settle/complete-claim.js';
import { MAX_ORDERS_PER_CLAIM } from '../../../../shared/domain/claim.js';
import { NOW, OPERATOR, raceOnce, seedCartClaim, writesSince } from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

/** The cancellation is dated when it is written, a millisecond after the step began. */
const AT = new Date(NOW.getTime() + 1).toISOString();

const depsOf = (w: ReturnType<typeof world>) => ({
  store: w.store,
  mailer: w.mailer,
  payments: w.payments,
  fees: w.fees,
  cardWaitSeconds: 3600,
});
const refOf = (claimId: string, orderNo: string) => ({ claimId, orderNo, refundId: `${claimId}.${orderNo}` });

beforeEach(() => {
  // Only Date: the step dates its writes by the clock too; timers stay real for the retries.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('applyClaim', () => {
  it(
    `the largest claim (${MAX_ORDERS_PER_CLAIM} orders refunded to the balance, the most items per order) is one ` +
      `transaction a step, with its events, within DynamoDB's 100 items`,
    async () => {
      const w = world();
      const { claim, orders } = await seedCartClaim(w.store, {
        orders: Array.from({ length: MAX_ORDERS_PER_CLAIM }, () => ({ payment: { method: 'BALANCE' as const } })),
        notice: {},
      });
      const applied = await applyClaim(depsOf(w), claim.claimId, NOW);
      await completeClaim(w, claim.claimId, applied.confirmed, NOW);
      expect(await w.store.getClaim(claim.claimId)).toMatchObject({ status: 'COMPLETED' });
      const types = w.store.published
        .filter((e) => e.partitionkey === `order:${orders[0]!.orderNo}`)
        .map((e) => e.type);
      expect(types).toEqual(['claim.requested', 'order.cancelled', 'refund.completed', 'claim.completed']);
      expect(w.store.published.filter((e) => e.type === 'balance.credited')).toHaveLength(MAX_ORDERS_PER_CLAIM);
    },
  );

  it(
    'e-mails the notice, then one transaction: the claim IN_PROGRESS, the e-mail recorded, the order CANCELLED ' +
      'with its refund; then asks the card side',
    async () => {
      const w = world();
      const { store, mailer, payments } = w;
      const { claim, orders, notice } = await seedCartClaim(store, { orders: [{}], notice: {} });
      const [order] = orders;
      const refundId = `${claim.claimId}.${order!.orderNo}`;
      const commits = store.commits.length;
      const mailedBeforeCommit: number[] = [];
      store.beforeCommit = () => void mailedBeforeCommit.push(mailer.sent.length);

      const applied = await applyClaim(depsOf(w), claim.claimId, NOW);

      expect(applied).toEqual({
        claimId: claim.claimId,
        awaiting: [refOf(claim.claimId, order!.orderNo)],
        confirmed: [],
        cardWaitSeconds: 3600,
      });
      expect(writesSince(store, commits)).toEqual([
        ['message', 'event:EMAIL_SENT', 'claim', 'order', 'refund', 'event:CANCELLED'],
      ]);
      expect(mailedBeforeCommit).toEqual([1]);
      expect(mailer.sent).toHaveLength(1);
      expect(mailer.sent[0]).toMatchObject({
        to: 'hanako@example.jp',
        email: { subject: `【Qoo10】ご注文 ${order!.orderNo} について（キャンセル/払い戻し）: 在庫切れのお詫び` },
        tags: { orderNo: order!.orderNo, messageId: notice!.messageId },
      });
      expect(await store.getMessage(order!.orderNo, notice!.messageId)).toMatchObject({
        email: 'SENT',
        emailAttempts: 1,
        sesMessageId: 'ses-1',
      });
      expect(await store.getClaim(claim.claimId)).toMatchObject({ status: 'IN_PROGRESS', updatedAt: AT });
      const cancelled = (await store.getOrder(order!.orderNo))!;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', claimIds: [claim.claimId], updatedAt: AT });
      expect(cancelled.openClaimId).toBeUndefined();
      expect(await store.getRefund(order!.orderNo, refundId)).toEqual({
        refundId,
        claimId: claim.claimId,
        orderNo: order!.orderNo,
        sellerId: order!.sellerId,
        buyerId: 'B-1',
        amount: { amount: 3200, currency: 'JPY' },
        method: 'CARD_AUTHORIZATION_CANCEL',
        status: 'PENDING',
        attempts: 1,
        createdAt: AT,
        updatedAt: AT,
        version: 1,
      });
      expect(store.events.find((e) => e.type === 'CANCELLED')).toEqual({
        orderNo: order!.orderNo,
        at: AT,
        type: 'CANCELLED',
        actor: { role: 'system', id: 'settle-claim' },
        claimId: claim.claimId,
        detail:
          'OUT_OF_STOCK; refund 3200 JPY by CARD_AUTHORIZATION_CANCEL, the card side asked to cancel the authorization',
      });
      expect(payments.calls).toEqual([{ kind: 'cancel', key: `refund:${refundId}:a1` }]);
    },
  );

  it('a card refund the card side confirms at once goes to complete-claim; one still pending waits', async () => {
    const w = world();
    const { claim, orders } = await seedCartClaim(w.store, { orders: [{}, {}] });
    w.payments.next = ['CONFIRMED', 'PENDING'];

    const applied = await applyClaim(depsOf(w), claim.claimId, NOW);

    expect(applied.confirmed).toEqual([{ ...refOf(claim.claimId, orders[0]!.orderNo), reference: 'AC-1' }]);
    expect(applied.awaiting).toEqual([refOf(claim.claimId, orders[1]!.orderNo)]);
    // Nothing written for an answer: complete-claim records the confirmation with the completion.
    for (const order of orders)
      expect((await w.store.getRefund(order.orderNo, `${claim.claimId}.${order.orderNo}`))!.status).toBe('PENDING');
    expect(w.payments.calls.map((c) => c.key)).toEqual(orders.map((o) => `refund:${claim.claimId}.${o.orderNo}:a1`));
  });

  it(
    'a cash order is credited to the buyer’s balance in the same transaction, with the fee on the seller; the card ' +
      'side is not asked',
    async () => {
      const w = world();
      const { store, payments } = w;
      const { claim, orders } = await seedCartClaim(store, { orders: [{ payment: { method: 'CONVENIENCE_STORE' } }] });
      const [order] = orders;
      const refundId = `${claim.claimId}.${order!.orderNo}`;
      const commits = store.commits.length;

      const applied = await applyClaim(depsOf(w), claim.claimId, NOW);

      expect(applied).toEqual({ claimId: claim.claimId, awaiting: [], confirmed: [], cardWaitSeconds: 3600 });
      expect(writesSince(store, commits)).toEqual([
        ['claim', 'ledger', 'order', 'refund', 'event:CANCELLED', 'balance'],
      ]);
      expect(await store.getRefund(order!.orderNo, refundId)).toMatchObject({
        method: 'BALANCE_CREDIT',
        status: 'COMPLETED',
        completedAt: AT,
        amount: { amount: 3200, currency: 'JPY' },
        fee: { amount: 108, currency: 'JPY', chargedTo: 'SELLER' },
      });
      expect(await store.buyerLedger('B-1')).toEqual({
        balance: { buyerId: 'B-1', balance: { amount: 3200, currency: 'JPY' }, version: 1 },
        entries: [
          {
            entryId: `refund:${refundId}`,
            buyerId: 'B-1',
            kind: 'REFUND_CREDIT',
            amount: { amount: 3200, currency: 'JPY' },
            refundId,
            at: AT,
          },
        ],
        withdrawals: [],
      });
      expect(store.events.find((e) => e.type === 'CANCELLED')!.detail).toBe(
        'OUT_OF_STOCK; refund 3200 JPY by BALANCE_CREDIT, credited to the buyer’s balance',
      );
      expect(payments.calls).toEqual([]);
    },
  );

  it(
    'run again, it finds the claim applied: nothing paid or credited twice, the notice e-mailed once, no ' + 'write',
    async () => {
      const w = world();
      const { store, mailer, payments } = w;
      const { claim, orders } = await seedCartClaim(store, {
        orders: [{}, { payment: { method: 'BANK_TRANSFER' } }],
        notice: {},
      });
      const first = await applyClaim(depsOf(w), claim.claimId, NOW);
      const commits = store.commits.length;

      const again = await applyClaim(depsOf(w), claim.claimId, new Date(NOW.getTime() + 60_000));

      expect(again).toEqual(first);
      expect(store.commits).toHaveLength(commits);
      expect(mailer.sent).toHaveLength(1);
      // The card side is asked again under the same key, and answers as the first time.
      const cardKey = `refund:${claim.claimId}.${orders[0]!.orderNo}:a1`;
      expect(payments.calls).toEqual([
        { kind: 'cancel', key: cardKey },
        { kind: 'cancel', key: cardKey },
      ]);
      expect([...payments.byKey.keys()]).toEqual([cardKey]);
      const ledger = await store.buyerLedger('B-1');
      expect(ledger.entries).toHaveLength(1);
      expect(ledger.balance.balance.amount).toBe(3200);
      expect(store.events.filter((e) => e.type === 'CANCELLED')).toHaveLength(2); // one per order
    },
  );

  it(
    'two runs at once: one transaction applies the claim, the balance is credited once, both answer the ' + 'same',
    async () => {
      const w = world();
      const { store } = w;
      const { claim } = await seedCartClaim(store, {
        orders: [{ payment: { method: 'CONVENIENCE_STORE' } }, { payment: { method: 'BALANCE' } }],
      });
      const commits = store.commits.length;
      const other = raceOnce(
        store,
        (writes) => writes.some((x) => x.entity === 'ledger'),
        () => applyClaim(depsOf(w), claim.claimId, NOW),
      );

      const applied = await applyClaim(depsOf(w), claim.claimId, NOW);

      expect(other.value).toEqual(applied);
      expect(store.commits).toHaveLength(commits + 1);
      const ledger = await store.buyerLedger('B-1');
      expect(ledger.entries.map((e) => e.kind)).toEqual(['REFUND_CREDIT', 'REFUND_CREDIT']);
      expect(ledger.balance.balance.amount).toBe(6400);
      expect(store.events.filter((e) => e.type === 'CANCELLED')).toHaveLength(2);
    },
  );

  it(
    'a notice e-mail SES refuses is recorded FAILED in the same transaction, and the cancellation goes on; a ' +
      'second run does not send it',
    async () => {
      const w = world();
      const { store, mailer } = w;
      const { claim, orders, notice } = await seedCartClaim(store, { orders: [{}], notice: {} });
      mailer.failNext(1, { message: 'SES MessageRejected: Email address is not verified.' });
      const commits = store.commits.length;

      await applyClaim(depsOf(w), claim.claimId, NOW);

      expect(writesSince(store, commits)).toEqual([
        ['message', 'event:EMAIL_FAILED', 'claim', 'order', 'refund', 'event:CANCELLED'],
      ]);
      expect(await store.getMessage(orders[0]!.orderNo, notice!.messageId)).toMatchObject({
        email: 'FAILED',
        emailError: 'SES MessageRejected: Email address is not verified.',
        emailAttempts: 1,
      });
      expect((await store.getOrder(orders[0]!.orderNo))!.status).toBe('CANCELLED');

      await applyClaim(depsOf(w), claim.claimId, NOW);
      expect(mailer.sent).toEqual([]);
    },
  );

  it('the notice is e-mailed once however often the transaction is tried again', async () => {
    const w = world();
    const { store, mailer } = w;
    const { claim, orders, notice } = await seedCartClaim(store, { orders: [{}], notice: {} });
    // Someone else writes the claim while the step commits: it reads again and commits again.
    raceOnce(
      store,
      (writes) => writes.some((x) => x.entity === 'refund'),
      async () => {
        const current = (await store.getClaim(claim.claimId))!;
        await store.commit(changeOf([{ entity: 'claim', value: current, from: current.status }]));
      },
    );

    await applyClaim(depsOf(w), claim.claimId, NOW);

    expect(mailer.sent).toHaveLength(1);
    expect(await store.getMessage(orders[0]!.orderNo, notice!.messageId)).toMatchObject({
      email: 'SENT',
      emailAttempts: 1,
    });
    expect(store.events.map((e) => e.type)).toEqual(['EMAIL_SENT', 'CANCELLED']);
  });

  it('a notice whose e-mail was sent already is not sent again', async () => {
    const w = world();
    const { claim } = await seedCartClaim(w.store, { orders: [{}], notice: { email: 'SENT', emailAttempts: 1 } });
    const commits = w.store.commits.length;

    await applyClaim(depsOf(w), claim.claimId, NOW);

    expect(w.mailer.sent).toEqual([]);
    expect(writesSince(w.store, commits)).toEqual([['claim', 'order', 'refund', 'event:CANCELLED']]);
  });

  it('a refund after shipping returns the order', async () => {
    const w = world();
    const { claim, orders } = await seedCartClaim(w.store, {
      orders: [{ status: 'IN_TRANSIT', shippedAt: '2026-11-22T00:00:00.000Z' }],
      claim: { type: 'SELLER_REFUND', reason: 'SHIPPING_DELAY' },
    });

    await applyClaim(depsOf(w), claim.claimId, NOW);

    expect((await w.store.getOrder(orders[0]!.orderNo))!.status).toBe('RETURNED');
    expect(w.store.events.map((e) => e.type)).toEqual(['RETURNED']);
  });

  it(
    'the card side declines: the refund FAILED and the step fails PaymentDeclined; run again, it is not asked ' +
      'again',
    async () => {
      const w = world();
      const { store, payments } = w;
      const { claim, orders } = await seedCartClaim(store, { orders: [{}] });
      const orderNo = orders[0]!.orderNo;
      const refundId = `${claim.claimId}.${orderNo}`;
      payments.next = ['DECLINED'];

      await expect(applyClaim(depsOf(w), claim.claimId, NOW)).rejects.toMatchObject({
        name: 'PaymentDeclined',
        message: `The card side declined to cancel the authorization of ${orderNo}.`,
      });

      expect(await store.getRefund(orderNo, refundId)).toMatchObject({
        status: 'FAILED',
        failure: { error: 'PaymentDeclined', cause: 'declined' },
        failedAt: NOW.toISOString(),
      });
      expect(store.events.map((e) => e.type)).toEqual(['CANCELLED', 'REFUND_FAILED']);
      expect((await store.getOrder(orderNo))!.status).toBe('CANCELLED');

      await expect(applyClaim(depsOf(w), claim.claimId, NOW)).rejects.toMatchObject({
        name: 'PaymentDeclined',
        message: `Refund ${refundId} failed: declined; an operator resumes it.`,
      });
      expect(payments.calls).toHaveLength(1);
    },
  );

  it(
    'the card side does not answer: PaymentUnavailable, the refund stays PENDING, and the retry asks under the ' +
      'same key',
    async () => {
      const w = world();
      const { store, payments } = w;
      const { claim, orders } = await seedCartClaim(store, { orders: [{}] });
      const orderNo = orders[0]!.orderNo;
      payments.next = ['UNAVAILABLE'];

      await expect(applyClaim(depsOf(w), claim.claimId, NOW)).rejects.toMatchObject({ name: 'PaymentUnavailable' });
      expect((await store.getRefund(orderNo, `${claim.claimId}.${orderNo}`))!.status).toBe('PENDING');

      expect((await applyClaim(depsOf(w), claim.claimId, NOW)).awaiting).toEqual([refOf(claim.claimId, orderNo)]);
      expect(payments.calls.map((c) => c.key)).toEqual([
        `refund:${claim.claimId}.${orderNo}:a1`,
        `refund:${claim.claimId}.${orderNo}:a1`,
      ]);
    },
  );

  it(
    'after a decline, an operator’s COMPLETE runs it again: the card side is asked under the next attempt’s ' + 'key',
    async () => {
      const w = world();
      const { store, payments, workflows } = w;
      const { claim, orders } = await seedCartClaim(store, { orders: [{}] });
      const orderNo = orders[0]!.orderNo;
      payments.next = ['DECLINED'];
      await expect(applyClaim(depsOf(w), claim.claimId, NOW)).rejects.toMatchObject({ name: 'PaymentDeclined' });
      const current = (await store.getClaim(claim.claimId))!;
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...current, status: 'NEEDS_OPERATOR' }, from: current.status }]),
      );
      await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'COMPLETE', reason: 'Card side asked again.' },
        NOW,
      );

      const applied = await applyClaim(depsOf(w), claim.claimId, NOW);

      expect(applied.awaiting).toEqual([refOf(claim.claimId, orderNo)]);
      // The declined attempt is asked after first (it could have gone through after all), then the new one is made.
      expect(payments.calls.map((c) => `${c.kind} ${c.key}`)).toEqual([
        `cancel refund:${claim.claimId}.${orderNo}:a1`,
        `check refund:${claim.claimId}.${orderNo}:a1`,
        `cancel refund:${claim.claimId}.${orderNo}:a2`,
      ]);
      expect(store.events.filter((e) => e.type === 'CANCELLED')).toHaveLength(1);
    },
  );

  it(
    'an earlier attempt the card side confirmed after all is not paid again: no new attempt, the refund goes to ' +
      'complete-claim',
    async () => {
      const w = world();
      const { store, payments, workflows } = w;
      const { claim, orders } = await seedCartClaim(store, { orders: [{}] });
      const orderNo = orders[0]!.orderNo;
      payments.next = ['PENDING'];
      await applyClaim(depsOf(w), claim.claimId, NOW);
      // 24 hours without a confirmation: the refund failed, the operator completes the claim.
      const refund = (await store.getRefund(orderNo, `${claim.claimId}.${orderNo}`))!;
      await store.commit(
        changeOf([
          {
            entity: 'refund',
            value: {
              ...refund,
              status: 'FAILED',
              failure: { error: 'CardConfirmationTimedOut', cause: 'no answer in 24 hours' },
            },
            from: refund.status,
          },
        ]),
      );
      const current = (await store.getClaim(claim.claimId))!;
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...current, status: 'NEEDS_OPERATOR' }, from: current.status }]),
      );
      await resolveClaim(
        { store, workflows },
        OPERATOR,
        claim.claimId,
        { action: 'COMPLETE', reason: 'Try again.' },
        NOW,
      );
      // Meanwhile the card side did confirm the first attempt.
      const first = payments.byKey.get(`refund:${claim.claimId}.${orderNo}:a1`)!;
      payments.confirmations.set(first.reference, 'CONFIRMED');

      const applied = await applyClaim(depsOf(w), claim.claimId, NOW);

      expect(applied).toMatchObject({
        awaiting: [],
        confirmed: [{ ...refOf(claim.claimId, orderNo), reference: first.reference }],
      });
      expect(payments.calls.filter((c) => c.kind === 'cancel').map((c) => c.key)).toEqual([
        `refund:${claim.claimId}.${orderNo}:a1`,
      ]);
    },
  );

  it('an order the claim does not hold: ClaimNotHoldingOrder, and nothing is sent, written or asked', async () => {
    const w = world();
    const { store } = w;
    const { claim, orders } = await seedCartClaim(store, { orders: [{}, {}], notice: {} });
    const taken = orders[1]!;
    await store.commit(
      changeOf([{ entity: 'order', value: { ...taken, openClaimId: 'C-OTHER' }, from: taken.status }]),
    );
    const commits = store.commits.length;

    await expect(applyClaim(depsOf(w), claim.claimId, NOW)).rejects.toMatchObject({
      name: 'ClaimNotHoldingOrder',
      message: `Claim ${claim.claimId} does not hold ${taken.orderNo}.`,
    });
    expect(store.commits).toHaveLength(commits);
    expect(w.mailer.sent).toEqual([]);
    expect(w.payments.calls).toEqual([]);
  });

  it('a claim completed already: ClaimClosed', async () => {
    const w = world();
    const { claim } = await seedCartClaim(w.store, { orders: [{ payment: { method: 'BALANCE' } }] });
    await applyClaim(depsOf(w), claim.claimId, NOW);
    const current = (await w.store.getClaim(claim.claimId))!;
    await w.store.commit(
      changeOf([{ entity: 'claim', value: { ...current, status: 'COMPLETED' }, from: current.status }]),
    );

    await expect(applyClaim(depsOf(w), claim.claimId, NOW)).rejects.toMatchObject({ name: 'ClaimClosed' });
  });

  it('an unknown claim: ClaimNotFound', async () => {
    const w = world();
    await expect(applyClaim(depsOf(w), 'C-NONE', NOW)).rejects.toMatchObject({ name: 'ClaimNotFound' });
  });
});
