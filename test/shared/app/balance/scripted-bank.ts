// The bank side of withdrawals, scripted: FakePayments' transfers always succeed and it cannot say
// DECLINED when asked; this one also declines, or does not answer (having done the transfer or
// not), and answers what it did under a key.
import type { BankTransfers } from '../../../../shared/app/ports/payments.js';
import { PaymentError } from '../../../../shared/app/ports/port-errors.js';

/** What the bank does with the next transfer asked of it. */
export type TransferAnswer = 'COMPLETED' | 'DECLINED' | 'NO_ANSWER' | 'NO_ANSWER_BUT_DONE';

export class ScriptedBank implements BankTransfers {
  readonly calls: { kind: 'transfer' | 'outcome'; key: string }[] = [];
  /** The answers to the next transfers, in order; COMPLETED when none is left. */
  answers: TransferAnswer[] = [];
  /** What the bank did under each idempotency key. */
  readonly done = new Map<string, 'COMPLETED' | 'DECLINED'>();
  /** How many of the next outcome questions get no answer. */
  silentOutcomes = 0;

  async transfer(request: { idempotencyKey: string }) {
    this.calls.push({ kind: 'transfer', key: request.idempotencyKey });
    const known = this.done.get(request.idempotencyKey);
    // The bank honours the key: a transfer it did or refused is answered again, not done again.
    const answer = known ?? this.answers.shift() ?? 'COMPLETED';
    if (answer === 'DECLINED') {
      this.done.set(request.idempotencyKey, 'DECLINED');
      throw new PaymentError('Bank declined: account closed', 'DECLINED');
    }
    if (answer === 'NO_ANSWER') throw new PaymentError('Bank timed out', 'UNAVAILABLE');
    this.done.set(request.idempotencyKey, 'COMPLETED');
    if (answer === 'NO_ANSWER_BUT_DONE') throw new PaymentError('Bank timed out', 'UNAVAILABLE');
    return { reference: `BT-${request.idempotencyKey}` };
  }

  async transferOutcome(
    idempotencyKey: string,
  ): Promise<{ state: 'COMPLETED' | 'DECLINED' | 'UNKNOWN'; reference?: string }> {
    this.calls.push({ kind: 'outcome', key: idempotencyKey });
    if (this.silentOutcomes > 0) {
      this.silentOutcomes--;
      throw new PaymentError('Bank timed out', 'UNAVAILABLE');
    }
    const state = this.done.get(idempotencyKey);
    if (state === 'COMPLETED') return { state, reference: `BT-${idempotencyKey}` };
    return { state: state ?? 'UNKNOWN' };
  }

  /** How many transfers were asked for under this key. */
  transfersUnder(key: string): number {
    return this.calls.filter((c) => c.kind === 'transfer' && c.key === key).length;
  }
}
