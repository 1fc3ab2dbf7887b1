// The card side of the money property, as a provider behaves: an authorization cancellation is
// answered under its idempotency key (a repeated key gets its first answer), decided once (PENDING,
// then CONFIRMED or DECLINED, never back), and an order's authorization is voided at most once (a
// second cancellation of a voided one is declined). Told what to do next: decline, accept, confirm
// at once, not answer, or accept and then not answer (the timeout that hides an accepted request).
import type { CardCancellationState, Payments } from '../../shared/app/ports/payments.js';
import { PaymentError } from '../../shared/app/ports/port-errors.js';
import type { Money } from '../../shared/domain/order.js';
import type { PaymentEvent } from '../../shared/app/settle/payment-events.js';

export type CardAnswer = 'PENDING' | 'CONFIRMED' | 'DECLINED' | 'UNAVAILABLE' | 'ACCEPTED_NO_ANSWER';

export interface CardCancellation {
  key: string;
  orderNo: string;
  amount: Money;
  reference: string;
  state: CardCancellationState;
  /** What the first request was answered: a repeated key gets it again. */
  firstAnswer: CardCancellationState;
}

export class CardSide implements Payments {
  readonly cancellations = new Map<string, CardCancellation>();
  /** The answers to the next new cancellations, in order; PENDING when none is left. */
  answers: CardAnswer[] = [];
  /** How many of the next questions about a cancellation get no answer. */
  silentChecks = 0;
  calls = 0;

  async cancelAuthorization(request: { idempotencyKey: string; orderNo: string; amount: Money }) {
    this.calls++;
    const known = this.cancellations.get(request.idempotencyKey);
    if (known) {
      if (known.firstAnswer === 'DECLINED') throw new PaymentError(`declined ${known.reference}`, 'DECLINED');
      return { reference: known.reference, state: known.firstAnswer };
    }
    const answer = this.answers.shift() ?? 'PENDING';
    if (answer === 'UNAVAILABLE') throw new PaymentError('the card side did not answer', 'UNAVAILABLE');
    const reference = `AC-${this.cancellations.size + 1}`;
    // A voided authorization cannot be voided again.
    const voided = this.voidedFor(request.orderNo) !== undefined;
    const first: CardCancellationState =
      voided || answer === 'DECLINED' ? 'DECLINED' : answer === 'CONFIRMED' ? 'CONFIRMED' : 'PENDING';
    const entry = {
      key: request.idempotencyKey,
      orderNo: request.orderNo,
      amount: { ...request.amount },
      reference,
      state: first,
      firstAnswer: first,
    };
    this.cancellations.set(request.idempotencyKey, entry);
    if (answer === 'ACCEPTED_NO_ANSWER')
      throw new PaymentError('the card side took the request but did not answer', 'UNAVAILABLE');
    if (first === 'DECLINED') throw new PaymentError(`declined ${reference}`, 'DECLINED');
    return { reference, state: first };
  }

  async authorizationCancellation(idempotencyKey: string) {
    this.calls++;
    if (this.silentChecks > 0) {
      this.silentChecks--;
      throw new PaymentError('the card side did not answer', 'UNAVAILABLE');
    }
    const known = this.cancellations.get(idempotencyKey);
    return known ? { state: known.state, reference: known.reference } : { state: 'UNKNOWN' as const };
  }

  /** The confirmed cancellation of an order's authorization: the money went back to the card. */
  voidedFor(orderNo: string): CardCancellation | undefined {
    return [...this.cancellations.values()].find((c) => c.orderNo === orderNo && c.state === 'CONFIRMED');
  }

  /** The card side decides a pending cancellation; answers the webhook event that tells of it. */
  decide(key: string, outcome: 'CONFIRMED' | 'DECLINED'): PaymentEvent | undefined {
    const entry = this.cancellations.get(key);
    if (entry?.state !== 'PENDING') return entry && this.eventOf(entry);
    entry.state = outcome === 'CONFIRMED' && this.voidedFor(entry.orderNo) === undefined ? 'CONFIRMED' : 'DECLINED';
    return this.eventOf(entry);
  }

  /** The webhook event of a decided cancellation (undefined while it is pending). */
  eventOf(entry: CardCancellation): PaymentEvent | undefined {
    if (entry.state === 'PENDING') return undefined;
    const type =
      entry.state === 'CONFIRMED' ? 'authorization_cancellation.confirmed' : 'authorization_cancellation.declined';
    return {
      type,
      idempotencyKey: entry.key,
      orderNo: entry.orderNo,
      reference: entry.reference,
      ...(entry.state === 'DECLINED' ? { reason: 'refused' } : {}),
    };
  }
}
