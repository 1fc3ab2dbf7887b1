// notify-seller: the first step of the approval workflow. The seller learns of the buyer's request
// (an e-mail that fails is recorded, and the request waits all the same); answers the first wait.
import { describe, expect, it } from 'vitest';
import { notifySeller } from '../../../../shared/app/cancel-requests/notify-seller.js';
import { NOW, SELLER_EMAIL, seedRequest } from '../../../support/world-claims.js';
import { aSellerProfile } from '../../../support/fixtures.js';
import { seedClaim, world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

describe('notifySeller', () => {
  it('e-mails the seller the request, records it on the timeline, and answers the 4-day wait', async () => {
    const { store, mailer, profiles, timing } = world();
    const { claim, order } = await seedRequest(store);

    const next = await notifySeller({ store, mailer, profiles }, claim.claimId, timing, NOW);

    expect(next).toEqual({ seconds: 4 * 24 * 3600, reminded: false });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.to).toBe(SELLER_EMAIL);
    expect(mailer.sent[0]!.email.subject).toBe(
      `[Qoo10 QSM] お客様からキャンセル申請がありました: 注文 ${order.orderNo}`,
    );
    expect(mailer.sent[0]!.email.text).toContain(
      '理由: BUYER_CHANGED_MIND / お客様のメッセージ: もっと安い商品を見つけたため',
    );
    expect(mailer.sent[0]!.email.text).toContain(`POST /claims/${claim.claimId}/approval`);
    expect(mailer.sent[0]!.email.text.split('\n')[0]).toBe('抹茶の店 様');
    expect(store.events).toEqual([
      {
        orderNo: order.orderNo,
        at: NOW.toISOString(),
        type: 'SELLER_NOTIFIED',
        actor: { role: 'system', id: 'approval-workflow' },
        claimId: claim.claimId,
      },
    ]);
    // The claim itself is not touched: the decision is written on it meanwhile.
    expect(await store.getClaim(claim.claimId)).toEqual(claim);
  });

  it.each([
    [
      'ko',
      '[Qoo10 QSM] 구매자의 취소 요청이 접수되었습니다: 주문',
      '서울 머그 판매자님',
      '사유: BUYER_CHANGED_MIND / 구매자 메시지: もっと安い商品を見つけたため',
    ],
    [
      'en',
      '[Qoo10 QSM] A buyer asked to cancel an order: Order',
      'Dear Seoul Mug,',
      'Reason: BUYER_CHANGED_MIND / The buyer’s message: もっと安い商品を見つけたため',
    ],
  ] as const)(
    'goes to the profile’s address in its language (%s), addressed to the store',
    async (language, subject, greeting, reason) => {
      const { store, mailer, profiles, timing } = world();
      profiles.profiles.set(
        'S-1',
        aSellerProfile({
          storeName: language === 'ko' ? '서울 머그' : 'Seoul Mug',
          contactEmail: 'mug@example.kr',
          language,
        }),
      );
      const { claim, order } = await seedRequest(store);

      await notifySeller({ store, mailer, profiles }, claim.claimId, timing, NOW);

      expect(mailer.sent.map((m) => m.to)).toEqual(['mug@example.kr']);
      expect(mailer.sent[0]!.email.subject).toBe(`${subject} ${order.orderNo}`);
      expect(mailer.sent[0]!.email.text.split('\n')[0]).toBe(greeting);
      expect(mailer.sent[0]!.email.text).toContain(reason);
    },
  );

  it('a seller whose profile is gone (removed by hand) sees the request in the claim list: recorded so', async () => {
    const { store, mailer, profiles, timing } = world();
    profiles.profiles.clear();
    const { claim } = await seedRequest(store);

    await notifySeller({ store, mailer, profiles }, claim.claimId, timing, NOW);

    expect(mailer.sent).toEqual([]);
    expect(store.events.map((e) => e.type)).toEqual(['SELLER_NOTIFIED_IN_CLAIM_LIST']);
  });

  it('an e-mail SES refuses is recorded with its error, and the request waits all the same', async () => {
    const { store, mailer, profiles, timing } = world();
    const { claim } = await seedRequest(store);
    mailer.failNext(1, { message: 'SES MessageRejected: Email address is not verified.' });

    expect(await notifySeller({ store, mailer, profiles }, claim.claimId, timing, NOW)).toEqual({
      seconds: timing.reminderAfterSeconds,
      reminded: false,
    });

    expect(mailer.sent).toEqual([]);
    expect(store.events).toEqual([
      expect.objectContaining({
        type: 'SELLER_NOTICE_FAILED',
        detail: 'SES MessageRejected: Email address is not verified.',
      }),
    ]);
    expect((await store.getClaim(claim.claimId))!.status).toBe('AWAITING_APPROVAL');
  });

  it.each(['IN_PROGRESS', 'WITHDRAWN'] as const)(
    'a request already decided (%s) before the step ran: nothing sent or written, the wait ends at once',
    async (status) => {
      const { store, mailer, profiles, timing } = world();
      const { claim } = await seedRequest(store);
      await store.commit(changeOf([{ entity: 'claim', value: { ...claim, status }, from: claim.status }]));
      const commits = store.commits.length;

      expect(await notifySeller({ store, mailer, profiles }, claim.claimId, timing, NOW)).toEqual({
        seconds: timing.reminderAfterSeconds,
        reminded: false,
      });

      expect(mailer.sent).toEqual([]);
      expect(store.commits).toHaveLength(commits);
    },
  );

  it('a claim that does not hold its order as a request: ClaimNotHoldingOrder, nothing sent', async () => {
    const { store, mailer, profiles, timing } = world();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });

    await expect(notifySeller({ store, mailer, profiles }, claim.claimId, timing, NOW)).rejects.toMatchObject({
      name: 'ClaimNotHoldingOrder',
    });
    expect(mailer.sent).toEqual([]);
  });

  it('an unknown claim: ClaimNotFound', async () => {
    const { store, mailer, profiles, timing } = world();
    await expect(notifySeller({ store, mailer, profiles }, 'C-NONE', timing, NOW)).rejects.toMatchObject({
      name: 'ClaimNotFound',
    });
  });
});
