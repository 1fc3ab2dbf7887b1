// A seller opens a claim: a cancellation before shipping (this order, or its cart up to 12 orders)
// or a refund after shipping. The API opens it in one transaction that holds the orders, then starts
// settle-claim. What the seller may not cancel alone goes to the operator, and the seller gets 422.
import { describe, expect, it } from 'vitest';
import { RefusedError, NotFoundError } from '../../../../shared/app/common/errors.js';
import {
  requestSellerCancellation,
  requestSellerRefund,
  type SellerClaimDeps,
  type SellerClaimInput,
} from '../../../../shared/app/claims/request-seller-claim.js';
import { MAX_ORDERS_PER_CLAIM } from '../../../../shared/domain/claim.js';
import { sellerMessageEmail } from '../../../../shared/domain/notices.js';
import type { Order } from '../../../../shared/domain/order.js';
import { DEFAULT_SELLER_CANCEL_POLICY } from '../../../../shared/domain/seller-policy.js';
import { problemFor } from '../../../../shared/http/problem.js';
import { NOW, OTHER_SELLER, SELLER, aNotice, caught, raceOnce } from '../../../support/world-claims.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const cancellation: SellerClaimInput = {
  reason: 'OUT_OF_STOCK',
  sellerMemo: '在庫切れのためキャンセルいたします。',
  notice: {
    title: '在庫切れのお詫び',
    body: '大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。',
    alsoEmail: true,
  },
};

function setup(policy = DEFAULT_SELLER_CANCEL_POLICY) {
  const w = world();
  const deps: SellerClaimDeps = {
    store: w.store,
    workflows: w.workflows,
    mailer: w.mailer,
    policy,
    operatorEmail: w.alerts.operatorEmail,
  };
  return { ...w, deps };
}

/** A cart of orders (the first is the one the seller names), all of S-1 and B-1 unless told otherwise. */
async function cart(store: ReturnType<typeof world>['store'], cartNo: string, orders: Partial<Order>[]) {
  const seeded: Order[] = [];
  for (const overrides of orders) seeded.push(await seedOrder(store, { cartNo, ...overrides }));
  return seeded;
}

describe('requestSellerCancellation', () => {
  it('a memo not in the language of the order’s country is kept, with a warning in the answer', async () => {
    const { store, deps } = setup();
    const order = await seedOrder(store);
    const claim = await requestSellerCancellation(
      deps,
      SELLER,
      order.orderNo,
      { ...cancellation, sellerMemo: 'Sold out, sorry.' },
      NOW,
    );
    expect(claim.warnings).toEqual([expect.objectContaining({ code: 'MEMO_LANGUAGE' })]);
    expect((await store.getClaim(claim.claimId))!.sellerMemo).toBe('Sold out, sorry.');
  });

  it(
    'opens the claim in one transaction: the order held, the notice stored for apply-claim to e-mail, then ' +
      'settle-claim starts',
    async () => {
      const { store, mailer, workflows, deps } = setup();
      const order = await seedOrder(store, { status: 'PREPARING', expectedShipDate: '2026-12-01' });
      const commits = store.commits.length;

      const { warnings, ...claim } = await requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW);

      expect(claim).toEqual(await store.getClaim(claim.claimId));
      expect(warnings).toEqual([]);
      expect(claim).toMatchObject({
        type: 'SELLER_CANCEL',
        status: 'REQUESTED',
        orderNo: order.orderNo,
        orderNos: [order.orderNo],
        excluded: [],
        reason: 'OUT_OF_STOCK',
        fault: 'SELLER',
        scope: 'ORDER',
        sellerMemo: '在庫切れのためキャンセルいたします。',
        requestedBy: { role: 'seller', id: 'S-1' },
        version: 1,
      });
      expect(store.commits).toHaveLength(commits + 1);
      expect(await store.getOrder(order.orderNo)).toMatchObject({
        status: 'PREPARING',
        openClaimId: claim.claimId,
        claimIds: [claim.claimId],
      });
      expect(await store.getMessage(order.orderNo, claim.noticeMessageId!)).toMatchObject({
        kind: 'SELLER_MESSAGE',
        category: 'CANCEL_REFUND',
        claimId: claim.claimId,
        title: '在庫切れのお詫び',
        messageSent: true,
        email: 'PENDING',
      });
      expect(mailer.sent).toEqual([]);
      expect(store.events).toEqual([
        {
          orderNo: order.orderNo,
          at: NOW.toISOString(),
          type: 'CLAIM_OPENED',
          actor: { role: 'seller', id: 'S-1' },
          claimId: claim.claimId,
          detail: 'SELLER_CANCEL OUT_OF_STOCK',
        },
      ]);
      expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
      expect(workflows.started[0]!.input).toMatchObject({ claimId: claim.claimId });
    },
  );

  it(
    'takes a message already sent as the notice; one that cannot stand as a notice is 422 ' + 'NOTICE_NOT_USABLE',
    async () => {
      const { store, deps } = setup();
      const order = await seedOrder(store);
      const sent = aNotice(order, { email: 'SENT' });
      const shipping = aNotice(order, { category: 'SHIPPING' });
      await store.commit(
        changeOf([
          { entity: 'message', value: sent },
          { entity: 'message', value: shipping },
        ]),
      );
      const { notice: _none, ...rest } = cancellation;

      for (const messageId of [shipping.messageId, 'M-NONE']) {
        const refused = await caught(
          requestSellerCancellation(deps, SELLER, order.orderNo, { ...rest, noticeMessageId: messageId }, NOW),
          RefusedError,
        );
        expect(refused.refusal).toMatchObject({ kind: 'RULE', rule: 'NOTICE_NOT_USABLE' });
        expect(problemFor(refused)?.status).toBe(422);
      }
      expect(store.claims.size).toBe(0);

      const claim = await requestSellerCancellation(
        deps,
        SELLER,
        order.orderNo,
        { ...rest, noticeMessageId: sent.messageId },
        NOW,
      );
      expect(claim.noticeMessageId).toBe(sent.messageId);
      expect(store.messages.size).toBe(2);
    },
  );

  it(
    'cart scope takes the seller’s other orders of the buyer that it may cancel, and names those it leaves out ' +
      '(never another seller’s)',
    async () => {
      const { store, deps } = setup();
      const [primary, second, shipped, otherSeller, otherBuyer, coupon] = await cart(store, 'CART-X', [
        {},
        { status: 'PREPARING', expectedShipDate: '2026-12-01' },
        { status: 'IN_TRANSIT' },
        { sellerId: 'S-2' },
        { buyer: { id: 'B-9', email: 'someone@example.jp', country: 'JP' } },
        { coupon: { code: 'CPN-1', sellerCancellable: false } },
      ]);

      const claim = await requestSellerCancellation(
        deps,
        SELLER,
        primary!.orderNo,
        { ...cancellation, scope: 'CART' },
        NOW,
      );

      expect(claim.scope).toBe('CART');
      expect(claim.orderNos).toEqual([primary!.orderNo, second!.orderNo]);
      expect(claim.excluded).toEqual([
        {
          orderNo: shipped!.orderNo,
          reason:
            `Order ${shipped!.orderNo} has shipped: use a refund after shipping (POST ` +
            `/orders/${shipped!.orderNo}/refunds).`,
        },
        { orderNo: otherBuyer!.orderNo, reason: 'Another buyer’s order: cancel it on its own, with its own notice.' },
        {
          orderNo: coupon!.orderNo,
          reason:
            'The coupon CPN-1 on this order does not allow a cancellation by the seller. Cancel it on its own: it ' +
            'goes to the operator.',
        },
      ]);
      expect(JSON.stringify(claim)).not.toContain(otherSeller!.orderNo);
      for (const order of [primary!, second!])
        expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
      for (const order of [shipped!, otherSeller!, otherBuyer!, coupon!])
        expect((await store.getOrder(order.orderNo))!.openClaimId).toBeUndefined();
      expect(store.events.map((e) => `${e.orderNo} ${e.type}`)).toEqual([
        `${primary!.orderNo} CLAIM_OPENED`,
        `${second!.orderNo} CLAIM_OPENED`,
      ]);
    },
  );

  it(
    'a DELAYED order cancelled by its seller for any reason is a delayed cancellation on the seller’s record once ' +
      'completed',
    async () => {
      const { store, deps } = setup();
      const [late, onTime] = await cart(store, 'CART-D', [
        { status: 'PREPARING', expectedShipDate: '2020-01-01' },
      ]).then(async (first) => [...first, ...(await cart(store, 'CART-E', [{}]))]);
      const delayed = await requestSellerCancellation(deps, SELLER, late!.orderNo, cancellation, NOW);
      const fine = await requestSellerCancellation(deps, SELLER, onTime!.orderNo, cancellation, NOW);
      expect(delayed).toMatchObject({ reason: 'OUT_OF_STOCK', delayedOrders: [late!.orderNo] });
      expect(fine.delayedOrders).toBeUndefined();
      for (const claimId of [delayed.claimId, fine.claimId]) {
        const opened = (await store.getClaim(claimId))!;
        await store.commit(
          changeOf([{ entity: 'claim', value: { ...opened, status: 'IN_PROGRESS' }, from: 'REQUESTED' }]),
        );
        const running = (await store.getClaim(claimId))!;
        await store.commit(
          changeOf([{ entity: 'claim', value: { ...running, status: 'COMPLETED' }, from: 'IN_PROGRESS' }]),
        );
      }
      expect((await store.statusCounts('S-1')).standing).toEqual({
        sellerFaultOrders: 2,
        cancelledWhileDelayed: 1,
        refundedForDelay: 0,
      });
    },
  );

  it(
    'a cart’s notice is about every order it cancels: its e-mail subject names them all, not only the order it is ' +
      'stored on',
    async () => {
      const { store, deps } = setup();
      const [primary, second] = await cart(store, 'CART-N', [{}, {}]);
      const claim = await requestSellerCancellation(
        deps,
        SELLER,
        primary!.orderNo,
        { ...cancellation, scope: 'CART' },
        NOW,
      );
      const notice = (await store.getMessage(primary!.orderNo, claim.noticeMessageId!))!;
      expect(notice.aboutOrders).toEqual([primary!.orderNo, second!.orderNo]);
      expect(sellerMessageEmail(notice, 'ja').subject).toContain(
        `ご注文 ${primary!.orderNo}、${second!.orderNo} について`,
      );
      expect(sellerMessageEmail(notice, 'en').subject).toContain(`order ${primary!.orderNo}, ${second!.orderNo} (`);
      // One order: the notice is about it alone, as before.
      const [single] = await cart(store, 'CART-S', [{}]);
      const alone = await requestSellerCancellation(deps, SELLER, single!.orderNo, cancellation, NOW);
      expect((await store.getMessage(single!.orderNo, alone.noticeMessageId!))!.aboutOrders).toBeUndefined();
    },
  );

  it(
    `a cart of more than ${MAX_ORDERS_PER_CLAIM} orders is 422 CLAIM_TOO_LARGE with the limit, and nothing is ` +
      `written`,
    async () => {
      const { store, workflows, deps } = setup();
      const orders = await cart(
        store,
        'CART-BIG',
        Array.from({ length: MAX_ORDERS_PER_CLAIM + 1 }, () => ({})),
      );
      const commits = store.commits.length;

      const refused = await caught(
        requestSellerCancellation(deps, SELLER, orders[0]!.orderNo, { ...cancellation, scope: 'CART' }, NOW),
        RefusedError,
      );

      expect(refused.refusal).toMatchObject({ kind: 'RULE', rule: 'CLAIM_TOO_LARGE' });
      expect(refused.extensions).toEqual({ limit: MAX_ORDERS_PER_CLAIM, orders: MAX_ORDERS_PER_CLAIM + 1 });
      expect(problemFor(refused)).toMatchObject({
        status: 422,
        rule: 'CLAIM_TOO_LARGE',
        limit: MAX_ORDERS_PER_CLAIM,
        orders: MAX_ORDERS_PER_CLAIM + 1,
      });
      expect(store.commits).toHaveLength(commits);
      expect(store.claims.size).toBe(0);
      expect(store.messages.size).toBe(0);
      expect(orders.map((o) => store.orders.get(o.orderNo)!.openClaimId)).toEqual(orders.map(() => undefined));
      expect(workflows.started).toEqual([]);
    },
  );

  it(`a cart of exactly ${MAX_ORDERS_PER_CLAIM} orders is one claim, opened in one transaction`, async () => {
    const { store, deps } = setup();
    const orders = await cart(
      store,
      'CART-20',
      Array.from({ length: MAX_ORDERS_PER_CLAIM }, () => ({})),
    );
    const commits = store.commits.length;

    const claim = await requestSellerCancellation(
      deps,
      SELLER,
      orders[0]!.orderNo,
      { ...cancellation, scope: 'CART' },
      NOW,
    );

    expect(claim.orderNos).toEqual(orders.map((o) => o.orderNo));
    expect(store.commits).toHaveLength(commits + 1);
  });

  it(
    'a coupon that forbids the seller’s cancellation: the claim goes to the operator (alerted), the seller gets ' +
      '422 SELLER_CANNOT_CANCEL with its id',
    async () => {
      const { store, mailer, workflows, alerts, deps } = setup();
      const order = await seedOrder(store, { coupon: { code: 'CPN-7', sellerCancellable: false } });
      const cause = 'The coupon CPN-7 on this order does not allow a cancellation by the seller.';

      const refused = await caught(
        requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW),
        RefusedError,
      );

      expect(refused.refusal).toEqual({
        kind: 'RULE',
        rule: 'SELLER_CANNOT_CANCEL',
        detail: `${cause} The case went to the operator as claim ${refused.extensions.claimId}.`,
      });
      expect(problemFor(refused)).toMatchObject({
        status: 422,
        rule: 'SELLER_CANNOT_CANCEL',
        claimId: refused.extensions.claimId,
      });
      const claim = (await store.getClaim(refused.extensions.claimId as string))!;
      expect(claim).toMatchObject({
        status: 'NEEDS_OPERATOR',
        orderNos: [order.orderNo],
        failure: { error: 'SellerCannotCancel', cause },
        operatorAlert: { why: cause, status: 'SENT', attempts: 1 },
      });
      expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
      expect(store.events.map((e) => e.type)).toEqual(['CLAIM_OPENED', 'CLAIM_NEEDS_OPERATOR']);
      expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
        [alerts.operatorEmail, `[order-claims] Claim ${claim.claimId} needs an operator`],
      ]);
      expect(workflows.started).toEqual([]);
    },
  );

  it('a payment method only the operator may cancel: the same, and the cart is not split around it', async () => {
    const { store, workflows, deps } = setup({ operatorOnlyPaymentMethods: ['BANK_TRANSFER'] });
    const [primary, other] = await cart(store, 'CART-BT', [{ payment: { method: 'BANK_TRANSFER' } }, {}]);

    const refused = await caught(
      requestSellerCancellation(deps, SELLER, primary!.orderNo, { ...cancellation, scope: 'CART' }, NOW),
      RefusedError,
    );

    expect(refused.refusal).toMatchObject({ rule: 'SELLER_CANNOT_CANCEL' });
    const claim = (await store.getClaim(refused.extensions.claimId as string))!;
    expect(claim).toMatchObject({
      status: 'NEEDS_OPERATOR',
      orderNos: [primary!.orderNo],
      failure: { cause: 'Orders paid by BANK_TRANSFER can only be cancelled by the operator.' },
    });
    expect((await store.getOrder(other!.orderNo))!.openClaimId).toBeUndefined();
    expect(workflows.started).toEqual([]);
  });

  it(
    'an operator alert SES does not take now stays pending on the claim (the reconciler sends it); the seller ' +
      'still gets 422',
    async () => {
      const { store, mailer, alerts, deps } = setup();
      const order = await seedOrder(store, { coupon: { code: 'CPN-7', sellerCancellable: false } });
      mailer.failNext(1, { to: alerts.operatorEmail, retryable: true, message: 'SES Throttling: slow down' });

      const refused = await caught(
        requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW),
        RefusedError,
      );

      expect(refused.refusal).toMatchObject({ rule: 'SELLER_CANNOT_CANCEL' });
      expect((await store.getClaim(refused.extensions.claimId as string))!.operatorAlert).toMatchObject({
        status: 'PENDING',
        attempts: 1,
      });
    },
  );

  it.each([
    ['the seller memo', { sellerMemo: 'hanako@example.jp 様、在庫切れです。' }, 'sellerMemo', 'EMAIL'],
    [
      'the notice’s body',
      { notice: { ...cancellation.notice!, body: 'お電話ください: 090-1234-5678' } },
      'notice.body',
      'PHONE',
    ],
  ])(
    'personal data in %s is 422 PERSONAL_DATA naming the field, and nothing is written',
    async (_where, change, path, kind) => {
      const { store, workflows, deps } = setup();
      const order = await seedOrder(store);
      const commits = store.commits.length;

      const refused = await caught(
        requestSellerCancellation(deps, SELLER, order.orderNo, { ...cancellation, ...change }, NOW),
        RefusedError,
      );

      expect(refused.refusal).toMatchObject({ kind: 'RULE', rule: 'PERSONAL_DATA' });
      expect(refused.errors).toEqual([
        { path, message: `contains personal data (${kind}); the buyer's page may show it` },
      ]);
      expect(problemFor(refused)).toMatchObject({ status: 422, errors: [{ path }] });
      expect(store.commits).toHaveLength(commits);
      expect(workflows.started).toEqual([]);
    },
  );

  it('a buyer-fault reason needs the buyer’s own request: 422 BUYER_REQUEST_REQUIRED', async () => {
    const { store, deps } = setup();
    const order = await seedOrder(store);
    const refused = await caught(
      requestSellerCancellation(deps, SELLER, order.orderNo, { ...cancellation, reason: 'BUYER_CHANGED_MIND' }, NOW),
      RefusedError,
    );
    expect(refused.refusal).toMatchObject({ kind: 'RULE', rule: 'BUYER_REQUEST_REQUIRED' });
    expect(store.claims.size).toBe(0);
  });

  it('a shipped order is 409, pointing to the refund', async () => {
    const { store, deps } = setup();
    const order = await seedOrder(store, { status: 'DELIVERED' });
    const refused = await caught(
      requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW),
      RefusedError,
    );
    expect(refused.refusal).toMatchObject({
      kind: 'CONFLICT',
      currentStatus: 'DELIVERED',
      allowedActions: ['SELLER_REFUND', 'REQUEST_RETURN', 'REPORT_NON_RECEIPT'],
    });
    expect(problemFor(refused, SELLER)?.status).toBe(409);
  });

  it('another seller’s order is 403', async () => {
    const { store, deps } = setup();
    const order = await seedOrder(store);
    expect(
      problemFor(
        await caught(requestSellerCancellation(deps, OTHER_SELLER, order.orderNo, cancellation, NOW), NotFoundError),
      )?.status,
    ).toBe(404);
    expect(store.claims.size).toBe(0);
  });

  it('two cancellations at once: one claim, the other 409', async () => {
    const { store, workflows, deps } = setup();
    const order = await seedOrder(store);
    const first = raceOnce(
      store,
      (writes) => writes.some((w) => w.entity === 'claim'),
      () => requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW),
    );

    const refused = await caught(
      requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW),
      RefusedError,
    );

    const winner = (first.value as { claimId: string }).claimId;
    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', allowedActions: [] });
    expect(refused.message).toContain(winner);
    expect([...store.claims.keys()]).toEqual([winner]);
    expect(store.messages.size).toBe(1);
    expect(workflows.started.map((s) => s.run.name)).toEqual([winner]);
  });

  it('a start Step Functions does not take leaves the claim committed for the reconciler, and answers it', async () => {
    const { store, workflows, deps } = setup();
    const order = await seedOrder(store);
    workflows.failStarts = 1;

    const claim = await requestSellerCancellation(deps, SELLER, order.orderNo, cancellation, NOW);

    expect((await store.getClaim(claim.claimId))!.status).toBe('REQUESTED');
    expect((await store.getOrder(order.orderNo))!.openClaimId).toBe(claim.claimId);
    expect(workflows.started).toEqual([]);
  });
});

describe('requestSellerRefund', () => {
  it('a shipped order is refunded as a return, for SHIPPING_DELAY, and for this order only', async () => {
    const { store, workflows, deps } = setup();
    const [order, sibling] = await cart(store, 'CART-R', [{ status: 'IN_TRANSIT' }, { status: 'IN_TRANSIT' }]);

    const claim = await requestSellerRefund(
      deps,
      SELLER,
      order!.orderNo,
      { ...cancellation, reason: 'SHIPPING_DELAY', scope: 'CART' },
      NOW,
    );

    expect(claim).toMatchObject({
      type: 'SELLER_REFUND',
      status: 'REQUESTED',
      scope: 'ORDER',
      orderNos: [order!.orderNo],
      reason: 'SHIPPING_DELAY',
      fault: 'SELLER',
    });
    expect((await store.getOrder(order!.orderNo))!).toMatchObject({ status: 'IN_TRANSIT', openClaimId: claim.claimId });
    expect((await store.getOrder(sibling!.orderNo))!.openClaimId).toBeUndefined();
    expect(store.events.at(-1)).toMatchObject({ type: 'CLAIM_OPENED', detail: 'SELLER_REFUND SHIPPING_DELAY' });
    expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'settleClaim', name: claim.claimId }]);
  });

  it.each([
    ['OUT_OF_STOCK', 'REFUND_REASON_NOT_ALLOWED'],
    ['BUYER_CHANGED_MIND', 'RETURNS_PROCESS'],
  ] as const)('after shipping, %s is 422 %s', async (reason, rule) => {
    const { store, deps } = setup();
    const order = await seedOrder(store, { status: 'DELIVERED' });
    const refused = await caught(
      requestSellerRefund(deps, SELLER, order.orderNo, { ...cancellation, reason }, NOW),
      RefusedError,
    );
    expect(refused.refusal).toMatchObject({ kind: 'RULE', rule });
    expect(store.claims.size).toBe(0);
  });

  it('an order not yet shipped is 409: it is cancelled, not refunded', async () => {
    const { store, deps } = setup();
    const order = await seedOrder(store);
    const refused = await caught(
      requestSellerRefund(deps, SELLER, order.orderNo, { ...cancellation, reason: 'SHIPPING_DELAY' }, NOW),
      RefusedError,
    );
    expect(refused.refusal).toMatchObject({ kind: 'CONFLICT', currentStatus: 'NEW' });
    expect(refused.message).toContain(`POST /orders/${order.orderNo}/cancellations`);
  });
});
