// The seller's e-mails as a return or a non-receipt report moves on without the seller: the parcel
// sent back (carrier and tracking), the receipt overdue (as the operator is told), the operator's
// decision (refunded, charged to the seller at fault, or closed); in the profile's language, each
// recorded on the order's timeline, a failed one recorded and the step still done.
import { describe, expect, it } from 'vitest';
import { resolveClaim } from '../../../../shared/app/claims/resolve-claim.js';
import { enterReturnShipment } from '../../../../shared/app/returns/return-claims.js';
import { markReturnOverdue } from '../../../../shared/app/returns/return-workflow.js';
import type { Claim } from '../../../../shared/domain/claim.js';
import { aSellerProfile } from '../../../support/fixtures.js';
import { OPERATOR } from '../../../support/principals.js';
import { seedClaim, world } from '../../../support/worlds.js';

const AT = '2026-11-25T00:00:00.000Z';
const NOW = new Date('2026-11-26T00:00:00.000Z');
const approved = { windowEndsAt: AT, approval: { returnAddress: '東京都港区1-2-3', at: AT } };
const shipped = { ...approved, shipment: { carrier: 'ヤマト運輸', trackingNo: '1234-5678', at: AT } };
const SHOP = 'shop-s1@example.jp';

async function aClaim(status: Claim['status'], claim: Partial<Claim>, language?: 'ja' | 'ko' | 'en') {
  const w = world();
  if (language) w.profiles.profiles.set('S-1', aSellerProfile({ language }));
  const seeded = await seedClaim(w.store, {
    status,
    order: { status: 'DELIVERED', deliveredAt: AT, buyer: { id: 'B-1', email: 'b@example.jp', country: 'JP' } },
    claim: { type: 'RETURN', reason: 'DEFECTIVE', fault: 'SELLER', ...claim },
  });
  const timeline = async () =>
    (await w.store.orderRecords(seeded.order.orderNo))!.timeline.map((e) => [e.type, e.detail]);
  const toShop = () => w.mailer.sent.filter((m) => m.to === SHOP).map((m) => m.email);
  return { ...w, ...seeded, timeline, toShop, sellerMail: { mailer: w.mailer, profiles: w.profiles } };
}

describe('the seller is told', () => {
  it('the buyer sent the return back: carrier, tracking number and the receipt route, in Japanese', async () => {
    const { store, workflows, mailer, profiles, claim, order, toShop, timeline } = await aClaim('AWAITING_RETURN', {
      return: approved,
    });
    const shipment = { carrier: 'ヤマト運輸', trackingNo: '1234-5678' };
    const buyer = { role: 'buyer' as const, id: 'B-1' };
    await enterReturnShipment({ store, workflows, mailer, profiles }, buyer, claim.claimId, shipment, NOW);

    expect(toShop()).toEqual([
      {
        subject: `[Qoo10 QSM] 返品が発送されました: 注文 ${order.orderNo}`,
        text: expect.stringContaining('お客様が返品を発送しました（ヤマト運輸 1234-5678）'),
      },
    ]);
    expect(toShop()[0]!.text).toContain(`POST /claims/${claim.claimId}/return-receipt`);
    expect(await timeline()).toContainEqual(['SELLER_NOTIFIED', 'RETURN_SHIPPED']);
  });

  it('in Korean for a Korean profile', async () => {
    const { store, workflows, mailer, profiles, claim, toShop } = await aClaim(
      'AWAITING_RETURN',
      { return: approved },
      'ko',
    );
    const buyer = { role: 'buyer' as const, id: 'B-1' };
    await enterReturnShipment({ store, workflows, mailer, profiles }, buyer, claim.claimId, shipped.shipment, NOW);
    expect(toShop()[0]!.subject).toContain('반품이 발송되었습니다');
    expect(toShop()[0]!.text).toContain('구매자가 반품을 발송했습니다(ヤマト運輸 1234-5678)');
  });

  it('the receipt overdue: once, in English, beside the operator’s alert', async () => {
    const { store, alerts, profiles, claim, toShop, timeline } = await aClaim(
      'RETURN_IN_TRANSIT',
      { return: shipped },
      'en',
    );
    const deps = { store, profiles, ...alerts };
    const waited = { status: 'RETURN_IN_TRANSIT', flagged: false };
    await markReturnOverdue(deps, claim.claimId, waited, NOW);
    await markReturnOverdue(deps, claim.claimId, waited, NOW);

    expect(toShop()).toHaveLength(1);
    expect(toShop()[0]!.subject).toContain('The receipt of a return is overdue');
    expect(toShop()[0]!.text).toContain('(ヤマト運輸 1234-5678) in time: the operator has been told');
    expect(await timeline()).toContainEqual(['SELLER_NOTIFIED', 'RETURN_RECEIPT_OVERDUE']);
  });

  it('the operator refunded an escalated return: charged to the seller at fault', async () => {
    const { store, workflows, sellerMail, claim, toShop, timeline } = await aClaim('NEEDS_OPERATOR', {
      return: { ...shipped, receipt: { outcome: 'MISSING', at: AT } },
    });
    const complete = { action: 'COMPLETE', reason: 'The carrier confirms delivery.' } as const;
    await resolveClaim({ store, workflows, sellerMail }, OPERATOR, claim.claimId, complete, NOW);

    expect(toShop()).toHaveLength(1);
    expect(toShop()[0]!.subject).toContain('運営が返金を決定しました');
    const decided = '運営が返品について判断し、お客様へ返金します（セラー様のご負担）。';
    expect(toShop()[0]!.text).toContain(decided);
    expect(await timeline()).toContainEqual(['SELLER_NOTIFIED', 'OPERATOR_REFUNDED']);
  });

  it('the operator closed a non-receipt report: closed, with no refund', async () => {
    const { store, workflows, sellerMail, claim, toShop } = await aClaim(
      'NEEDS_OPERATOR',
      { type: 'NON_RECEIPT', reason: 'NOT_RECEIVED', nonReceipt: { reportedIn: 'DELIVERED' } },
      'en',
    );
    await resolveClaim(
      { store, workflows, sellerMail },
      OPERATOR,
      claim.claimId,
      { action: 'CLOSE', reason: 'x' },
      NOW,
    );
    expect(toShop().map((e) => e.text.split('\n')[2])).toEqual([
      'The operator decided the non-receipt report: it is closed, with no refund.',
    ]);
  });

  it('not of a cancellation’s resolution, which has its own notices', async () => {
    const { store, workflows, sellerMail, claim, toShop } = await aClaim('NEEDS_OPERATOR', {
      type: 'SELLER_CANCEL',
      reason: 'OUT_OF_STOCK',
    });
    await resolveClaim(
      { store, workflows, sellerMail },
      OPERATOR,
      claim.claimId,
      { action: 'CLOSE', reason: 'x' },
      NOW,
    );
    expect(toShop()).toEqual([]);
  });

  it('an e-mail SES refuses is recorded as failed; the step is done', async () => {
    const { store, workflows, mailer, profiles, claim, timeline } = await aClaim('AWAITING_RETURN', {
      return: approved,
    });
    mailer.failNext(1);
    const buyer = { role: 'buyer' as const, id: 'B-1' };
    const answer = await enterReturnShipment(
      { store, workflows, mailer, profiles },
      buyer,
      claim.claimId,
      shipped.shipment,
      NOW,
    );
    expect(answer).toEqual({ claimId: claim.claimId, status: 'RETURN_IN_TRANSIT' });
    expect((await timeline()).find(([type]) => type === 'SELLER_NOTICE_FAILED')?.[1]).toMatch(/^RETURN_SHIPPED: /);
  });
});
