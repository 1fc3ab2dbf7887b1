// Payments and bank transfers over the payment gateway's HTTP API (docs/PAYMENTS.md). Locally the
// endpoint is the deterministic gateway stand-in; a real provider gets its own adapter of the same
// ports. Every call carries the idempotency key, also as the Idempotency-Key header.

import { PaymentError, type BankTransfers, type CardCancellationState, type Payments } from '../app/ports.js';
import type { BankAccount } from '../domain/ledger.js';
import type { Money } from '../domain/order.js';

export class PaymentGatewayClient implements Payments, BankTransfers {
  constructor(
    private readonly endpoint: string,
    private readonly timeoutMs: number,
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: { idempotencyKey: string }): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(body ? { 'idempotency-key': body.idempotencyKey } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // No answer in time: the provider may or may not have acted; the same key makes the retry safe.
      throw new PaymentError(`The payment gateway did not answer: ${(error as Error).message}`, 'UNAVAILABLE');
    }
    const text = await response.text();
    if (response.status === 402 || response.status === 422) throw new PaymentError(`Declined: ${text}`, 'DECLINED');
    if (!response.ok) throw new PaymentError(`The payment gateway answered ${response.status}: ${text.slice(0, 200)}`, 'UNAVAILABLE');
    return JSON.parse(text) as T;
  }

  cancelAuthorization(request: { idempotencyKey: string; orderNo: string; amount: Money }) {
    return this.call<{ reference: string; state: CardCancellationState }>('POST', '/authorization-cancellations', request);
  }

  authorizationCancellation(idempotencyKey: string) {
    return this.call<{ state: CardCancellationState | 'UNKNOWN'; reference?: string }>('GET', `/authorization-cancellations?idempotencyKey=${encodeURIComponent(idempotencyKey)}`);
  }

  transfer(request: { idempotencyKey: string; amount: Money; account: BankAccount }) {
    return this.call<{ reference: string }>('POST', '/bank-transfers', request);
  }

  transferOutcome(idempotencyKey: string) {
    return this.call<{ state: 'COMPLETED' | 'DECLINED' | 'UNKNOWN'; reference?: string }>('GET', `/bank-transfers?idempotencyKey=${encodeURIComponent(idempotencyKey)}`);
  }
}
