// Inquiries to the operator: filed by a seller about its own orders, answered and acted on by the
// operator through the API's own routes (each action joins the history), read by both.
import { describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  NotFoundError,
  RefusedError,
  StatusConflictError,
} from '../../../../shared/app/common/errors.js';
import { addInquiryEntry, fileInquiry, listInquiries, viewInquiry } from '../../../../shared/app/sellers/inquiries.js';
import { actForInquiry } from '../../../../shared/app/sellers/inquiry-actions.js';
import { MAX_INQUIRY_BYTES, MAX_INQUIRY_ENTRIES } from '../../../../shared/domain/inquiry.js';
import { FakeBulkStore } from '../../../support/fake-bulk-store.js';
import { aBulkJob, NOW } from '../../../support/fixtures.js';
import { BUYER, caught, OPERATOR, OTHER_SELLER, SELLER } from '../../../support/principals.js';
import { seedClaim, seedOrder, world } from '../../../support/worlds.js';

const LATER = new Date('2026-11-25T02:00:00.000Z');

async function filed(input: Partial<Parameters<typeof fileInquiry>[2]> = {}) {
  const w = world();
  const bulks = new FakeBulkStore();
  const order = await seedOrder(w.store, { coupon: { code: 'WELCOME10', sellerCancellable: false } });
  const deps = {
    inquiries: w.profiles,
    store: w.store,
    bulks,
    mail: { mailer: w.mailer, operatorEmail: w.alerts.operatorEmail, profiles: w.profiles },
  };
  const inquiry = await fileInquiry(
    deps,
    SELLER,
    {
      category: 'ORDER_NOT_CANCELLABLE',
      subject: 'クーポン注文',
      details: 'クーポン利用の注文をキャンセルしてください。',
      orderNos: [order.orderNo],
      ...input,
    },
    NOW,
  );
  return { ...w, bulks, deps, order, inquiry };
}

describe('filing an inquiry', () => {
  it('a seller files one about its order: OPEN, with the details as its first entry', async () => {
    const { inquiry, order, profiles } = await filed();
    expect(inquiry).toMatchObject({
      sellerId: 'S-1',
      category: 'ORDER_NOT_CANCELLABLE',
      orderNos: [order.orderNo],
      status: 'OPEN',
      history: [
        { kind: 'FILED', by: { role: 'seller', id: 'S-1' }, text: 'クーポン利用の注文をキャンセルしてください。' },
      ],
    });
    expect(await profiles.getInquiry(inquiry.inquiryId)).toEqual(inquiry);
  });

  it(
    'about another seller’s order: 404, as about an unknown one; by a buyer or the operator: 403; nothing ' + 'stored',
    async () => {
      const { deps, store, profiles } = await filed();
      const theirs = await seedOrder(store, { sellerId: 'S-2' });
      const before = profiles.inquiries.size;
      const about = (orderNo: string) =>
        fileInquiry(
          deps,
          SELLER,
          { category: 'REFUND_NOT_RECEIVED', subject: 's', details: 'd', orderNos: [orderNo] },
          NOW,
        );
      const foreign = await caught(about(theirs.orderNo), NotFoundError);
      const unknown = await caught(about('NO-SUCH'), NotFoundError);
      expect(foreign.message.replace(theirs.orderNo, 'X')).toBe(unknown.message.replace('NO-SUCH', 'X'));
      await caught(
        fileInquiry(
          deps,
          BUYER,
          { category: 'REFUND_NOT_RECEIVED', subject: 's', details: 'd', orderNos: [theirs.orderNo] },
          NOW,
        ),
        ForbiddenError,
      );
      await caught(
        fileInquiry(deps, OPERATOR, { category: 'BULK_NOTICE', subject: 's', details: 'd' }, NOW),
        ForbiddenError,
      );
      await caught(
        fileInquiry(deps, SELLER, { category: 'BULK_NOTICE', subject: 's', details: 'd', bulkId: 'BC-NONE' }, NOW),
        NotFoundError,
      );
      expect(profiles.inquiries.size).toBe(before);
    },
  );
});

describe('answers, replies and closing', () => {
  it(
    'the operator answers (ANSWERED), the seller replies (OPEN), either closes with a last word (CLOSED); then ' +
      'nothing more',
    async () => {
      const { inquiry, deps } = await filed();
      expect(
        await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: 'Which coupon?', close: false }, LATER),
      ).toMatchObject({ status: 'ANSWERED' });
      expect(
        await addInquiryEntry(deps, SELLER, inquiry.inquiryId, { text: 'WELCOME10', close: false }, LATER),
      ).toMatchObject({ status: 'OPEN' });
      const closed = await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: 'Done.', close: true }, LATER);
      expect(closed.status).toBe('CLOSED');
      expect(closed.history.map((e) => [e.kind, e.by.role])).toEqual([
        ['FILED', 'seller'],
        ['ANSWER', 'operator'],
        ['REPLY', 'seller'],
        ['CLOSED', 'operator'],
      ]);
      const error = await caught(
        addInquiryEntry(deps, SELLER, inquiry.inquiryId, { text: 'One more thing', close: false }, LATER),
        StatusConflictError,
      );
      expect(error).toMatchObject({ currentStatus: 'CLOSED', allowedActions: [] });
    },
  );

  it(
    'whoever speaks next is e-mailed: the operator when the seller files or replies, the seller (its profile, its ' +
      'language) when answered or closed',
    async () => {
      const { inquiry, deps, mailer } = await filed();
      await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: 'どのクーポンですか？', close: false }, LATER);
      await addInquiryEntry(deps, SELLER, inquiry.inquiryId, { text: 'WELCOME10 です。', close: false }, LATER);
      await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: 'キャンセルしました。', close: true }, LATER);
      expect(mailer.sent.map((m) => [m.to, m.email.subject])).toEqual([
        [
          'operators@shop.example',
          `[order-claims] Inquiry ${inquiry.inquiryId} (ORDER_NOT_CANCELLABLE) from seller S-1`,
        ],
        ['shop-s1@example.jp', '[Qoo10 QSM] お問い合わせへの回答: クーポン注文'],
        [
          'operators@shop.example',
          `[order-claims] Inquiry ${inquiry.inquiryId} (ORDER_NOT_CANCELLABLE) from seller S-1: the seller replied`,
        ],
        ['shop-s1@example.jp', '[Qoo10 QSM] お問い合わせへの回答（完了）: クーポン注文'],
      ]);
      expect(mailer.sent[0]!.email.text).toContain('クーポン利用の注文をキャンセルしてください。');
      expect(mailer.sent[1]!.email.text).toBe(
        `抹茶の店 様\n\nどのクーポンですか？\n\nお問い合わせの履歴: GET /inquiries/${inquiry.inquiryId}`,
      );
    },
  );

  it('an e-mail SES refuses leaves the inquiry as written: the queue is the record', async () => {
    const { inquiry, deps, mailer, profiles } = await filed();
    mailer.failNext(1);
    expect(
      await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: 'Answer', close: false }, LATER),
    ).toMatchObject({ status: 'ANSWERED' });
    expect((await profiles.getInquiry(inquiry.inquiryId))!.history).toHaveLength(2);
  });

  it('another seller may neither read nor write it; a buyer neither', async () => {
    const { inquiry, deps } = await filed();
    await caught(
      addInquiryEntry(deps, OTHER_SELLER, inquiry.inquiryId, { text: 'x', close: false }, LATER),
      NotFoundError,
    );
    await caught(viewInquiry(deps, OTHER_SELLER, inquiry.inquiryId, LATER), NotFoundError);
    await caught(addInquiryEntry(deps, BUYER, inquiry.inquiryId, { text: 'x', close: false }, LATER), ForbiddenError);
    await caught(viewInquiry(deps, OPERATOR, 'Q-NONE', LATER), NotFoundError);
  });

  it(
    `an inquiry holds ${MAX_INQUIRY_ENTRIES} entries: the next answer or reply is a conflict that says to close ` +
      `it, and the close goes through`,
    async () => {
      const { inquiry, profiles, deps } = await filed();
      const stored = profiles.inquiries.get(inquiry.inquiryId)!;
      stored.history = Array.from({ length: MAX_INQUIRY_ENTRIES }, () => stored.history[0]!);
      const error = await caught(
        addInquiryEntry(deps, SELLER, inquiry.inquiryId, { text: 'x', close: false }, LATER),
        StatusConflictError,
      );
      expect(error.allowedActions).toEqual(['CLOSE']);
      expect(
        await addInquiryEntry(
          deps,
          OPERATOR,
          inquiry.inquiryId,
          { text: 'Closing: please file a new one.', close: true },
          LATER,
        ),
      ).toMatchObject({ status: 'CLOSED' });
    },
  );

  it(
    `long Korean entries fill an inquiry before ${MAX_INQUIRY_ENTRIES} of them: past ${MAX_INQUIRY_BYTES} bytes, ` +
      `answers and replies stop (409), a close still goes through; DynamoDB’s 400 KB is never reached`,
    async () => {
      const { inquiry, deps, profiles } = await filed();
      const long = '가'.repeat(4000); // 12,000 bytes in UTF-8
      let added = 0;
      for (;;) {
        const answer = await addInquiryEntry(
          deps,
          added % 2 ? SELLER : OPERATOR,
          inquiry.inquiryId,
          { text: long, close: false },
          LATER,
        ).catch((e: unknown) => e);
        if (answer instanceof StatusConflictError) break;
        added++;
      }
      expect(added).toBeLessThan(MAX_INQUIRY_ENTRIES);
      const closed = await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: long, close: true }, LATER);
      expect(closed.status).toBe('CLOSED');
      expect(Buffer.byteLength(JSON.stringify(await profiles.getInquiry(inquiry.inquiryId)))).toBeLessThan(350_000);
    },
  );

  it(
    'the view shows the orders as they stand and what each side may do; the list is the seller’s own, the ' +
      'operator’s queue by status',
    async () => {
      const { inquiry, profiles, deps, order } = await filed();
      expect(await viewInquiry(deps, SELLER, inquiry.inquiryId, LATER)).toMatchObject({
        allowedActions: ['REPLY', 'CLOSE'],
        orders: [{ orderNo: order.orderNo, status: 'NEW', claimInProgress: null }],
      });
      expect(await viewInquiry(deps, OPERATOR, inquiry.inquiryId, LATER)).toMatchObject({
        allowedActions: ['ANSWER', 'CLOSE', 'ACT'],
      });
      expect((await listInquiries(profiles, OTHER_SELLER, {}, { limit: 10 })).items).toEqual([]);
      expect((await listInquiries(profiles, SELLER, {}, { limit: 10 })).items.map((i) => i.inquiryId)).toEqual([
        inquiry.inquiryId,
      ]);
      expect(
        (await listInquiries(profiles, OPERATOR, { status: 'OPEN' }, { limit: 10 })).items.map((i) => i.inquiryId),
      ).toEqual([inquiry.inquiryId]);
      expect((await listInquiries(profiles, OPERATOR, { status: 'ANSWERED' }, { limit: 10 })).items).toEqual([]);
      await caught(listInquiries(profiles, BUYER, {}, { limit: 10 }), ForbiddenError);
    },
  );
});

describe('the operator acts for an inquiry', () => {
  it('the action runs and joins the history with its route and outcome', async () => {
    const { inquiry, profiles, deps, order } = await filed();
    const answer = await actForInquiry(
      deps,
      OPERATOR,
      {
        inquiryId: inquiry.inquiryId,
        target: { orderNos: [order.orderNo] },
        route: `POST /orders/${order.orderNo}/cancel-requests`,
      },
      async () => ({ claimId: 'C-1' }),
      (r) => `claim ${r.claimId}`,
      LATER,
    );
    expect(answer).toEqual({ claimId: 'C-1', inquiry: { inquiryId: inquiry.inquiryId, recorded: true } });
    expect((await profiles.getInquiry(inquiry.inquiryId))!.history.at(-1)).toEqual({
      at: LATER.toISOString(),
      by: { role: 'operator', id: 'OP-1' },
      kind: 'ACTION',
      action: { route: `POST /orders/${order.orderNo}/cancel-requests`, outcome: 'claim C-1' },
    });
  });

  it(
    'an inquiry about other orders, a closed one, an unknown one, or a caller who is not the operator: refused ' +
      'before anything is done',
    async () => {
      const { inquiry, deps, store } = await filed();
      const other = await seedOrder(store);
      const { claim } = await seedClaim(store);
      let acted = 0;
      const act = async () => ({ done: ++acted });
      const link = (target: Parameters<typeof actForInquiry>[2]['target'], inquiryId = inquiry.inquiryId) => ({
        inquiryId,
        target,
        route: 'POST /x',
      });
      expect(
        (
          await caught(
            actForInquiry(deps, OPERATOR, link({ orderNos: [other.orderNo] }), act, () => '', LATER),
            RefusedError,
          )
        ).refusal,
      ).toMatchObject({ rule: 'NOT_IN_INQUIRY' });
      await caught(
        actForInquiry(deps, OPERATOR, link({ claimId: claim.claimId }), act, () => '', LATER),
        RefusedError,
      );
      await caught(
        actForInquiry(deps, OPERATOR, link({ bulkId: 'BC-1' }), act, () => '', LATER),
        RefusedError,
      );
      await caught(
        actForInquiry(deps, OPERATOR, link({ orderNos: [other.orderNo] }, 'Q-NONE'), act, () => '', LATER),
        RefusedError,
      );
      await caught(
        actForInquiry(deps, SELLER, link({ orderNos: inquiry.orderNos }), act, () => '', LATER),
        ForbiddenError,
      );
      await addInquiryEntry(deps, OPERATOR, inquiry.inquiryId, { text: 'Closed.', close: true }, LATER);
      await caught(
        actForInquiry(deps, OPERATOR, link({ orderNos: inquiry.orderNos }), act, () => '', LATER),
        RefusedError,
      );
      expect(acted).toBe(0);
    },
  );

  it('a claim on the inquiry’s order is its target; without an inquiry the action simply runs', async () => {
    const { store, deps, profiles } = await filed();
    const { claim, order } = await seedClaim(store, { status: 'NEEDS_OPERATOR' });
    const inquiry = await fileInquiry(
      deps,
      SELLER,
      { category: 'ORDER_NOT_CANCELLABLE', subject: 's', details: 'd', orderNos: [order.orderNo] },
      NOW,
    );
    await actForInquiry(
      deps,
      OPERATOR,
      { inquiryId: inquiry.inquiryId, target: { claimId: claim.claimId }, route: 'POST /claims/…/resolution' },
      async () => ({ ok: true }),
      () => 'COMPLETE',
      LATER,
    );
    expect((await profiles.getInquiry(inquiry.inquiryId))!.history.map((e) => e.kind)).toEqual(['FILED', 'ACTION']);
    expect(
      await actForInquiry(
        deps,
        OPERATOR,
        { target: { claimId: claim.claimId }, route: 'x' },
        async () => ({ ok: true }),
        () => '',
        LATER,
      ),
    ).toEqual({ ok: true });
  });

  it(
    'a bulk notice filed before the job: the seller’s next job is what it announced; another seller’s is ' + 'not',
    async () => {
      const { deps, bulks, profiles } = await filed();
      const notice = await fileInquiry(
        deps,
        SELLER,
        { category: 'BULK_NOTICE', subject: '一括キャンセルの予告', details: '来週300件をキャンセルします。' },
        NOW,
      );
      await bulks.createBulk(aBulkJob({ bulkId: 'BC-1', sellerId: 'S-1', createdAt: LATER.toISOString() }), [], []);
      await bulks.createBulk(aBulkJob({ bulkId: 'BC-2', sellerId: 'S-2', createdAt: LATER.toISOString() }), [], []);
      await caught(
        actForInquiry(
          deps,
          OPERATOR,
          { inquiryId: notice.inquiryId, target: { bulkId: 'BC-2' }, route: 'x' },
          async () => ({}),
          () => '',
          LATER,
        ),
        RefusedError,
      );
      const act = async () => ({ bulkId: 'BC-1', status: 'RUNNING' });
      expect(
        await actForInquiry(
          deps,
          OPERATOR,
          { inquiryId: notice.inquiryId, target: { bulkId: 'BC-1' }, route: 'POST /bulk-cancellations/BC-1/approval' },
          act,
          (r) => r.status,
          LATER,
        ),
      ).toMatchObject({ inquiry: { recorded: true } });
      expect((await profiles.getInquiry(notice.inquiryId))!.history.at(-1)).toMatchObject({
        kind: 'ACTION',
        action: { outcome: 'RUNNING' },
      });
    },
  );

  it('the action done but its record refused by the store: answered with recorded: false, not a failure', async () => {
    const { inquiry, profiles, deps, order } = await filed();
    profiles.saveInquiry = async () => {
      throw new Error('DynamoDB unavailable');
    };
    const answer = await actForInquiry(
      deps,
      OPERATOR,
      { inquiryId: inquiry.inquiryId, target: { orderNos: [order.orderNo] }, route: 'x' },
      async () => ({ done: true }),
      () => 'done',
      LATER,
    );
    expect(answer).toEqual({ done: true, inquiry: { inquiryId: inquiry.inquiryId, recorded: false } });
  });
});
