// What the gateway has done, once per idempotency key, and its journal: a restarted gateway still
// answers a repeated key with its first answer, as a provider does.

import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export type CardState = 'PENDING' | 'CONFIRMED' | 'DECLINED';

export interface Operation {
  kind: 'AUTHORIZATION_CANCELLATION' | 'BANK_TRANSFER';
  idempotencyKey: string;
  reference: string;
  request: { orderNo?: string };
  /** How many times the request arrived; it was processed once. */
  received: number;
  /** What the first request got, which every repeat of the key gets too. */
  declined: boolean;
  /** A card cancellation: what the card side has decided so far. */
  state?: CardState;
  /** Checks that still answer PENDING (the "pending" fault). */
  pendingChecks?: number;
  /** What the answer to the request said, which a repeat of the key says again. */
  answered?: CardState;
  /** Every answer about this key is outside the protocol (the "garbled" fault). */
  garbled?: true;
}

export class Operations {
  private readonly byKey = new Map<string, Operation>();

  constructor(private readonly journalFile?: string) {
    if (!journalFile || !existsSync(journalFile)) return;
    // A card cancellation pending when the gateway stopped has been decided since: confirmed. (A
    // line kept before its state was, by an older gateway, answered PENDING and is decided too.)
    for (const line of readFileSync(journalFile, 'utf8').split('\n').filter(Boolean)) {
      const operation = JSON.parse(line) as Operation;
      const undecided =
        operation.kind === 'AUTHORIZATION_CANCELLATION' &&
        !operation.declined &&
        (operation.state ?? 'PENDING') === 'PENDING';
      this.byKey.set(
        operation.idempotencyKey,
        undecided ? { ...operation, state: 'CONFIRMED', answered: operation.answered ?? 'PENDING' } : operation,
      );
    }
  }

  get(key: string): Operation | undefined {
    return this.byKey.get(key);
  }

  all(): Operation[] {
    return [...this.byKey.values()];
  }

  create(kind: Operation['kind'], key: string, text: string, declined: boolean): Operation {
    const operation: Operation = {
      kind,
      idempotencyKey: key,
      reference: `${kind === 'BANK_TRANSFER' ? 'BT' : 'AC'}-${randomUUID().slice(0, 12)}`,
      request: JSON.parse(text),
      received: 1,
      declined,
    };
    this.byKey.set(key, operation);
    return operation;
  }

  /**
   * Kept before it is answered, once whole (a card cancellation with the state its answer gives):
   * a crash after this cannot make the gateway act twice, nor answer a repeated key with less.
   */
  journal(operation: Operation): void {
    if (this.journalFile) appendFileSync(this.journalFile, `${JSON.stringify(operation)}\n`);
  }
}
