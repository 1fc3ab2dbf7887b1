// The operator's alert is part of the claim: a send SES refuses is kept pending, retried by the
// step and then by the reconciler, and sent once. (Hardening, defect 3: it used to be logged and lost.)
import { describe, expect, it } from 'vitest';
import { reconcileClaims } from '../../../../shared/app/claims/reconcile-claims.js';
import { failClaim } from '../../../../shared/app/settle/fail-claim.js';
import { seedClaim, world } from '../../../support/worlds.js';

describe('operator alerts', () => {
  it('an alert SES refuses stays pending on the claim, and the reconciler sends it once', async () => {
    const { store, mailer, workflows, alerts, timing, nonReceiptTiming } = world();
    const { claim } = await seedClaim(store, { status: 'IN_PROGRESS', applied: true });
    mailer.failNext(1, { to: alerts.operatorEmail, retryable: true, message: 'SES Throttling: slow down' });

    await expect(
      failClaim(
        { store, alerts },
        { claimId: claim.claimId, outcome: 'FAILED', error: 'PaymentDeclined', cause: 'refused' },
        new Date('2026-11-25T01:00:00Z'),
      ),
    ).rejects.toMatchObject({
      name: 'OperatorAlertRetryable',
    });
    const handedOver = (await store.getClaim(claim.claimId))!;
    expect(handedOver).toMatchObject({ status: 'NEEDS_OPERATOR', operatorAlert: { status: 'PENDING', attempts: 1 } });
    expect(mailer.sent).toEqual([]);

    const later = new Date('2026-11-25T01:10:00Z');
    const report = await reconcileClaims(
      { store, workflows, alerts, timing, nonReceiptTiming },
      { staleAfterSeconds: 300, maxClaims: 100 },
      later,
    );
    expect(report.alerted).toEqual([claim.claimId]);
    expect(mailer.sent.map((m) => m.to)).toEqual([alerts.operatorEmail]);
    expect((await store.getClaim(claim.claimId))!.operatorAlert).toMatchObject({ status: 'SENT', attempts: 2 });

    // Sent once: the next run finds nothing pending.
    await reconcileClaims(
      { store, workflows, alerts, timing, nonReceiptTiming },
      { staleAfterSeconds: 300, maxClaims: 100 },
      new Date('2026-11-25T01:20:00Z'),
    );
    expect(mailer.sent).toHaveLength(1);
  });
});
