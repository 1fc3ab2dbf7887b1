// The provider's webhooks: signed, retried with backoff when the answer is 5xx or none, as
// providers do (for days; here for about two minutes): an API whose functions were throttled
// answers 500, and the next try gets through.

import { signPaymentEvent, type PaymentEvent } from '../../shared/app/settle/payment-events.js';
import type { Operation } from './operations.js';

export interface SentWebhook {
  idempotencyKey: string;
  type: PaymentEvent['type'];
  status: number | 'NO_ANSWER';
  at: string;
}

const MAX_ATTEMPTS = 8;

export class Webhooks {
  readonly sent: SentWebhook[] = [];
  private target: { url: string; secret: string } | undefined;
  private stopped = false;

  constructor(private readonly later: (ms: number, fn: () => void) => void) {}

  deliverTo(url: string, secret: string): void {
    this.target = { url, secret };
  }

  stop(): void {
    this.stopped = true;
  }

  async deliver(operation: Operation, type: PaymentEvent['type'], attempt = 1): Promise<void> {
    if (!this.target || this.stopped) return;
    const event: PaymentEvent = {
      type,
      idempotencyKey: operation.idempotencyKey,
      orderNo: operation.request.orderNo ?? '',
      reference: operation.reference,
    };
    const body = JSON.stringify(event);
    let status: number | 'NO_ANSWER';
    try {
      const answer = await fetch(this.target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'payments-signature': signPaymentEvent(this.target.secret, body, new Date()),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = answer.status;
      await answer.arrayBuffer();
    } catch {
      status = 'NO_ANSWER';
    }
    this.sent.push({ idempotencyKey: operation.idempotencyKey, type, status, at: new Date().toISOString() });
    if ((status === 'NO_ANSWER' || status >= 500) && attempt < MAX_ATTEMPTS)
      this.later(500 * 2 ** attempt, () => void this.deliver(operation, type, attempt + 1));
  }
}
