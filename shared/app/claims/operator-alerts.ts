// The operator learns of every claim that needs them: the claim list shows it at once, and an
// e-mail tells them. The alert is part of the claim (PENDING until SES takes it), so a failed send
// is retried by the workflow step and, after that, by the reconciler; never logged and lost.

import type { Claim } from '../../domain/claim.js';
import { operatorAlert } from '../../domain/notices.js';
import { telemetry } from '../common/telemetry.js';
import { retryOnConflict } from '../common/conflicts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Mailer } from '../ports/mailer.js';
import { MailError } from '../ports/port-errors.js';
import { StepError } from '../common/step-errors.js';
import { changeOf } from '../changes/change-set.js';

export interface OperatorAlerts {
  mailer: Mailer;
  operatorEmail: string;
}

/** What to add to a claim that now needs an operator: the alert, still to send. */
export const pendingAlert = (why: string): Pick<Claim, 'operatorAlert'> => ({
  operatorAlert: { why, status: 'PENDING', attempts: 0 },
});

/**
 * Sends a claim's pending alert and records it SENT. A send that fails is counted on the claim and
 * thrown as a StepError (retryable or not) for the caller to retry or leave to the reconciler.
 */
export async function sendPendingAlert(
  store: ClaimStore,
  alerts: OperatorAlerts,
  claimId: string,
  now: Date,
): Promise<'SENT' | 'NOTHING_PENDING'> {
  const claim = await store.getClaim(claimId);
  if (!claim?.operatorAlert || claim.operatorAlert.status === 'SENT') return 'NOTHING_PENDING';
  if (claim.operatorAlert.attempts === 0) telemetry.claimOutcome('NEEDS_OPERATOR');
  let failure: MailError | undefined;
  try {
    await alerts.mailer.send(alerts.operatorEmail, operatorAlert(claim, claim.operatorAlert.why));
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    failure = error;
  }
  await retryOnConflict(async () => {
    const current = (await store.getClaim(claimId))!;
    if (!current.operatorAlert || current.operatorAlert.status === 'SENT') return;
    const attempts = current.operatorAlert.attempts + 1;
    const operatorAlert = failure
      ? { ...current.operatorAlert, attempts }
      : { ...current.operatorAlert, attempts, status: 'SENT' as const, sentAt: now.toISOString() };
    await store.commit(
      changeOf([
        { entity: 'claim', value: { ...current, operatorAlert, updatedAt: now.toISOString() }, from: current.status },
      ]),
    );
  });
  if (failure) {
    telemetry.warn('operator alert not sent yet; it stays pending on the claim', { claimId, error: failure.message });
    throw new StepError(failure.retryable ? 'OperatorAlertRetryable' : 'OperatorAlertFailed', failure.message);
  }
  return 'SENT';
}

/**
 * Sends a pending alert if it can; a failure is left pending (the reconciler tries again). For API paths, which answer
 * regardless.
 */
export async function trySendPendingAlert(
  store: ClaimStore,
  alerts: OperatorAlerts,
  claimId: string,
  now: Date,
): Promise<void> {
  try {
    await sendPendingAlert(store, alerts, claimId, now);
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
  }
}

/** An alert that is not a claim's hand-over (a request waiting too long): sent now, or thrown for the step to retry. */
export async function tellOperator(
  alerts: OperatorAlerts,
  claim: Pick<Claim, 'claimId' | 'orderNos' | 'sellerId'>,
  why: string,
): Promise<void> {
  try {
    await alerts.mailer.send(alerts.operatorEmail, operatorAlert(claim, why));
  } catch (error) {
    if (!(error instanceof MailError)) throw error;
    throw new StepError(error.retryable ? 'OperatorAlertRetryable' : 'OperatorAlertFailed', error.message);
  }
}
