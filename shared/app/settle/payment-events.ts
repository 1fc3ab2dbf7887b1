// POST /payments/webhooks: the payment provider tells us what became of a card authorization
// cancellation. The request carries no token; it is believed only if signed with the secret we
// share with the provider (HMAC-SHA256 over "<timestamp>.<body>", docs/PAYMENTS.md), recently
// (5 minutes), so that a captured request cannot be replayed later. The outcome is recorded on
// the refund, once, and wakes the settle-claim workflow waiting for it.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../common/errors.js';
import { wakeAfterDecision } from '../claims/decided-wakes.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { readRefunds, recordCardOutcome, waitOutcomeOf } from './card-outcomes.js';

/** How old a signature may be: the provider's clock and ours may differ a little, no more. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface PaymentEvent {
  type: 'authorization_cancellation.confirmed' | 'authorization_cancellation.declined';
  /** The key we sent with the request: refund:<refundId>:a<attempt>. */
  idempotencyKey: string;
  orderNo: string;
  reference: string;
  reason?: string;
}

/** The signature header the provider sends: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">. */
export function signPaymentEvent(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export function verifyPaymentSignature(secret: string, header: string | undefined, body: string, now: Date): void {
  const parts = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(given))
    throw new UnauthorizedError('The webhook is not signed (payments-signature: t=…,v1=…).');
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS)
    throw new UnauthorizedError('The webhook’s signature is too old or from the future.');
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex')))
    throw new UnauthorizedError('The webhook’s signature does not match.');
}

const REFUND_KEY = /^refund:(.+):a(\d+)$/;

export interface PaymentEventDeps {
  store: ClaimStore;
  workflows: Workflows;
}

/**
 * Records the event on its refund. An event about an earlier attempt, or a refund already
 * settled, changes nothing (the provider sends an event more than once).
 */
export async function receivePaymentEvent(deps: PaymentEventDeps, event: PaymentEvent, now: Date) {
  const key = REFUND_KEY.exec(event.idempotencyKey);
  if (!key) return { outcome: 'IGNORED' as const, why: 'not a refund of ours' };
  const [, refundId, attempt] = key as unknown as [string, string, string];
  const refund = await deps.store.getRefund(event.orderNo, refundId);
  if (!refund) return { outcome: 'IGNORED' as const, why: 'no such refund' };
  if (refund.method !== 'CARD_AUTHORIZATION_CANCEL' || refund.attempts !== Number(attempt))
    return { outcome: 'IGNORED' as const, why: 'not the refund’s current attempt' };
  const { refund: settled, waiting } = await recordCardOutcome(
    deps.store,
    { orderNo: event.orderNo, refundId },
    event.type === 'authorization_cancellation.confirmed'
      ? { state: 'CONFIRMED', reference: event.reference }
      : {
          state: 'FAILED',
          error: 'PaymentDeclined',
          cause: `The card side declined the cancellation ${event.reference}${event.reason ? `: ${event.reason}` : ''}.`,
        },
    now,
    refund,
  );
  if (waiting) {
    // The others this wait is for, read after this write: of two last answers arriving together, at
    // least one reads the other's, so the wait is woken (twice is harmless).
    const others = waiting.together.filter((ref) => ref.refundId !== refundId || ref.orderNo !== event.orderNo);
    const wait = waitOutcomeOf([settled, ...(await readRefunds(deps.store, others))]);
    // Not taken now, the wait ends on its own timer and finds the outcome recorded.
    if (wait) await wakeAfterDecision(deps.workflows, waiting.token, wait, { orderNo: event.orderNo, refundId });
  }
  return { outcome: 'RECORDED' as const, refundId, status: settled.status };
}
