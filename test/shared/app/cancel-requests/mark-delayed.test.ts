// mark-delayed: 4 days without a decision. The claim is flagged delayed, the seller reminded once,
// the operator told; answers the wait left before the operator takes over.
import { describe, expect, it } from 'vitest';
import { markDelayed } from '../../../../shared/app/cancel-requests/mark-delayed.js';
import { SELLER_EMAIL, raceOnce, seedRequest } from '../../../support/world-claims.js';
import { world } from '../../../support/worlds.js';
import { changeOf } from '../../../../shared/app/changes/change-set.js';

const FOUR_DAYS_LATER = new Date('2026-11-29T00:00:00.000Z');

describe('markDelayed', () => {
  it('flags the claim delayed, reminds the seller, tells the operator, and answers the hand-over wait', async () => {
    const { store, mailer, profiles, alerts, timing } = world();
    const { claim, order } = await seedRequest(store);

    const next = await markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, FOUR_DAYS_LATER);

    expect(next).toEqual({ seconds: 3 * 24 * 3600, reminded: true });
    expect(await store.getClaim(claim.claimId)).toMatchObject({
      status: 'AWAITING_APPROVAL',
      delayedAt: FOUR_DAYS_LATER.toISOString(),
      updatedAt: FOUR_DAYS_LATER.toISOString(),
    });
    expect(mailer.sent.map((m) => m.to)).toEqual([SELLER_EMAIL, alerts.operatorEmail]);
    expect(mailer.sent[0]!.email.subject).toBe(
      `[Qoo10 QSM] 【リマインド】4日以上対応されていないキャンセル申請があります: 注文 ${order.orderNo}`,
    );
    expect(mailer.sent[1]!.email.subject).toBe(`[order-claims] Claim ${claim.claimId} needs an operator`);
    expect(mailer.sent[1]!.email.text).toContain(`has waited over 4 days for seller S-1`);
    expect(store.events.map((e) => [e.type, e.at])).toEqual([
      ['CLAIM_DELAYED', FOUR_DAYS_LATER.toISOString()],
      ['SELLER_NOTIFIED_REMINDER', FOUR_DAYS_LATER.toISOString()],
    ]);
  });

  it('the reminder is sent once, however often the write is tried again', async () => {
    const { store, mailer, profiles, alerts, timing } = world();
    const { claim } = await seedRequest(store);
    // Something else changes the claim while the step writes (here: a token stored), so it reads and writes again.
    raceOnce(
      store,
      (writes) => writes[0]!.entity === 'claim',
      async () => {
        const current = (await store.getClaim(claim.claimId))!;
        await store.commit(
          changeOf([
            {
              entity: 'wait',
              value: { waitFor: { claimId: claim.claimId }, token: 'token', version: current.version },
            },
          ]),
        );
      },
    );

    await markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, FOUR_DAYS_LATER);

    expect(mailer.sent.filter((m) => m.to === SELLER_EMAIL)).toHaveLength(1);
    expect(store.events.map((e) => e.type)).toEqual(['CLAIM_DELAYED', 'SELLER_NOTIFIED_REMINDER']);
    expect((await store.getClaim(claim.claimId))!.delayedAt).toBe(FOUR_DAYS_LATER.toISOString());
  });

  it(
    'an operator alert SES did not take is thrown for the step to retry; the retry tells the operator without ' +
      'reminding the seller again',
    async () => {
      const { store, mailer, profiles, alerts, timing } = world();
      const { claim } = await seedRequest(store);
      mailer.failNext(1, { to: alerts.operatorEmail, retryable: true, message: 'SES Throttling: slow down' });

      await expect(
        markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, FOUR_DAYS_LATER),
      ).rejects.toMatchObject({ name: 'OperatorAlertRetryable' });
      expect((await store.getClaim(claim.claimId))!.delayedAt).toBe(FOUR_DAYS_LATER.toISOString());
      expect(mailer.sent.map((m) => m.to)).toEqual([SELLER_EMAIL]);

      const retried = new Date(FOUR_DAYS_LATER.getTime() + 5000);
      expect(await markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, retried)).toEqual({
        seconds: timing.handOverAfterSeconds,
        reminded: true,
      });
      expect(mailer.sent.map((m) => m.to)).toEqual([SELLER_EMAIL, alerts.operatorEmail]);
      expect((await store.getClaim(claim.claimId))!.delayedAt).toBe(FOUR_DAYS_LATER.toISOString());
      expect(store.events.map((e) => e.type)).toEqual(['CLAIM_DELAYED', 'SELLER_NOTIFIED_REMINDER']);
    },
  );

  it('a refused alert (not retryable) is OperatorAlertFailed', async () => {
    const { store, mailer, profiles, alerts, timing } = world();
    const { claim } = await seedRequest(store);
    mailer.failNext(1, { to: alerts.operatorEmail });
    await expect(
      markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, FOUR_DAYS_LATER),
    ).rejects.toMatchObject({ name: 'OperatorAlertFailed' });
  });

  it('a seller without a profile (removed by hand): the reminder is the claim list, recorded so', async () => {
    const { store, mailer, profiles, alerts, timing } = world();
    profiles.profiles.clear();
    const { claim } = await seedRequest(store);

    await markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, FOUR_DAYS_LATER);

    expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);
    expect(store.events.map((e) => e.type)).toEqual(['CLAIM_DELAYED', 'SELLER_NOTIFIED_IN_CLAIM_LIST_REMINDER']);
  });

  it.each(['IN_PROGRESS', 'WITHDRAWN'] as const)(
    'a request decided meanwhile (%s) is not flagged, and nobody is reminded or told',
    async (status) => {
      const { store, mailer, profiles, alerts, timing } = world();
      const { claim } = await seedRequest(store);
      await store.commit(changeOf([{ entity: 'claim', value: { ...claim, status }, from: claim.status }]));
      const commits = store.commits.length;

      expect(await markDelayed({ store, profiles, ...alerts }, claim.claimId, timing, FOUR_DAYS_LATER)).toEqual({
        seconds: timing.handOverAfterSeconds,
        reminded: true,
      });

      expect(mailer.sent).toEqual([]);
      expect(store.commits).toHaveLength(commits);
      expect((await store.getClaim(claim.claimId))!.delayedAt).toBeUndefined();
    },
  );

  it('an unknown claim: ClaimNotFound', async () => {
    const { store, profiles, alerts, timing } = world();
    await expect(markDelayed({ store, profiles, ...alerts }, 'C-NONE', timing, FOUR_DAYS_LATER)).rejects.toMatchObject({
      name: 'ClaimNotFound',
    });
  });
});
