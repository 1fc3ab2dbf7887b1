// Payments and bank transfers over the payment gateway's HTTP API (docs/PAYMENTS.md). Locally the
// endpoint is the deterministic gateway stand-in; a real provider gets its own adapter of the same
// ports. Every call carries the idempotency key, also as the Idempotency-Key header.

import * as z from 'zod';
import type { BankTransfers, Payments } from '../app/ports/payments.js';
import { PaymentError } from '../app/ports/port-errors.js';
import { currentCorrelationId } from '../observability.js';
import type { BankAccount } from '../domain/ledger.js';
import type { Money } from '../domain/order.js';

// What the gateway answers, checked: an answer of another shape is the provider's fault, and is
// treated as no answer (UNAVAILABLE: try again under the same key), never guessed at. Built with
// the client: a function that pays nothing builds none.
function answerSchemas() {
  const cardState = z.enum(['PENDING', 'CONFIRMED', 'DECLINED']);
  const reference = z.string().min(1);
  return {
    cancellation: z.object({ reference, state: cardState }),
    cancellationOutcome: z.object({ state: cardState.or(z.literal('UNKNOWN')), reference: reference.optional() }),
    transfer: z.object({ reference }),
    transferOutcome: z.object({ state: z.enum(['COMPLETED', 'DECLINED', 'UNKNOWN']), reference: reference.optional() }),
  };
}

export class PaymentGatewayClient implements Payments, BankTransfers {
  private readonly answers = answerSchemas();

  constructor(
    private readonly endpoint: string,
    private readonly timeoutMs: number,
  ) {}

  private async call<S extends z.ZodType>(
    answer: S,
    method: 'GET' | 'POST',
    path: string,
    body?: { idempotencyKey: string },
  ): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(body ? { 'idempotency-key': body.idempotencyKey } : {}),
          ...(currentCorrelationId() ? { 'x-correlation-id': currentCorrelationId()! } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // No answer in time: the provider may or may not have acted; the same key makes the retry safe.
      throw new PaymentError(`The payment gateway did not answer: ${(error as Error).message}`, 'UNAVAILABLE');
    }
    const text = await response.text();
    if (response.status === 402 || response.status === 422) throw new PaymentError(`Declined: ${text}`, 'DECLINED');
    if (!response.ok)
      throw new PaymentError(`The payment gateway answered ${response.status}: ${text.slice(0, 200)}`, 'UNAVAILABLE');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PaymentError(
        `The payment gateway answered ${response.status} with no JSON: ${text.slice(0, 200)}`,
        'UNAVAILABLE',
      );
    }
    const checked = answer.safeParse(parsed);
    if (!checked.success)
      throw new PaymentError(
        `The payment gateway's answer to ${method} ${path.split('?')[0]} is not what the protocol says: ` +
          `${checked.error.message.slice(0, 300)}`,
        'UNAVAILABLE',
      );
    return checked.data;
  }

  cancelAuthorization(request: { idempotencyKey: string; orderNo: string; amount: Money }) {
    return this.call(this.answers.cancellation, 'POST', '/authorization-cancellations', request);
  }

  authorizationCancellation(idempotencyKey: string) {
    const path = `/authorization-cancellations?idempotencyKey=${encodeURIComponent(idempotencyKey)}`;
    return this.call(this.answers.cancellationOutcome, 'GET', path);
  }

  transfer(request: { idempotencyKey: string; amount: Money; account: BankAccount }) {
    return this.call(this.answers.transfer, 'POST', '/bank-transfers', request);
  }

  transferOutcome(idempotencyKey: string) {
    const path = `/bank-transfers?idempotencyKey=${encodeURIComponent(idempotencyKey)}`;
    return this.call(this.answers.transferOutcome, 'GET', path);
  }
}
