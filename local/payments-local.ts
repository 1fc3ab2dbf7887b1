// The payment gateway, on loopback: deterministic, honouring idempotency keys (a repeated key
// answers what the first request got, whatever faults are set), confirming card cancellations by
// a signed webhook as a provider does, and switchable to fail, for tests and demos. It speaks the
// protocol of docs/PAYMENTS.md, which shared/adapters/payment-gateway.ts calls.
//
//   POST /__faults {"mode":"…","count":1,"match":"<orderNo or text in the request>"}
//     decline: a new key is refused at once (and that key is refused for good);
//     timeout: a new key is processed but the answer comes too late;
//     transient: 503 and nothing done;
//     instant: a new card cancellation is CONFIRMED in the answer itself (no webhook);
//     pending: a new card cancellation stays PENDING through `count` checks, with no webhook;
//     silent: a new card cancellation is confirmed, but its webhook is lost (the workflow asks);
//     decline-later: a new card cancellation is accepted, then declined by webhook;
//     garbled: a new card cancellation is confirmed by the card side, with no webhook, but every
//       answer about its key is outside the protocol (no state, then a state nobody knows).
//   "delayMs" (silent, decline-later; default: webhookDelayMs) is when the card side decides.
//   DELETE /__faults
//   GET /__operations  what the gateway has processed, once per idempotency key
//   GET /__webhooks    every webhook sent, with the status it got

import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { signPaymentEvent, type PaymentEvent } from '../shared/app/settle/payment-events.js';
import { freePort } from './ports.js';

const FAULT_MODES = [
  'decline',
  'timeout',
  'transient',
  'instant',
  'pending',
  'silent',
  'decline-later',
  'garbled',
] as const;
type FaultMode = (typeof FAULT_MODES)[number];

interface Fault {
  mode: FaultMode;
  count: number;
  match?: string;
  delayMs?: number;
}

type CardState = 'PENDING' | 'CONFIRMED' | 'DECLINED';

interface Operation {
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

interface SentWebhook {
  idempotencyKey: string;
  type: PaymentEvent['type'];
  status: number | 'NO_ANSWER';
  at: string;
}

export interface PaymentsLocal {
  endpoint: string;
  /** Where the webhooks go, and the secret they are signed with (the API's POST /payments/webhooks). */
  deliverWebhooksTo(url: string, secret: string): void;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * @param hangMs how long a "timeout" fault holds the answer back.
 * @param webhookDelayMs how long the card side takes to decide on a card cancellation.
 * @param journal a file where every operation is kept, one JSON line each, so that a restarted
 *   gateway still answers a repeated key with its first answer, as a provider does.
 */
export async function startPaymentsLocal(
  options: { port?: number; hangMs?: number; webhookDelayMs?: number; journal?: string } = {},
): Promise<PaymentsLocal> {
  const hangMs = options.hangMs ?? 10_000;
  const webhookDelayMs = options.webhookDelayMs ?? 30;
  const faults: Fault[] = [];
  const operations = new Map<string, Operation>();
  const timers = new Set<NodeJS.Timeout>();
  const webhooks: SentWebhook[] = [];
  let webhookTarget: { url: string; secret: string } | undefined;
  let stopped = false;

  /** Takes the first fault of these modes that applies to this request, if any. */
  function faultFor(text: string, modes: readonly FaultMode[]): Fault | undefined {
    const fault = faults.find((f) => modes.includes(f.mode) && (!f.match || text.includes(f.match)));
    if (!fault) return undefined;
    if (--fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
    return fault;
  }

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  if (options.journal && existsSync(options.journal)) {
    // A card cancellation pending when the gateway stopped has been decided since: confirmed. (A
    // line kept before its state was, by an older gateway, answered PENDING and is decided too.)
    for (const line of readFileSync(options.journal, 'utf8').split('\n').filter(Boolean)) {
      const operation = JSON.parse(line) as Operation;
      const undecided =
        operation.kind === 'AUTHORIZATION_CANCELLATION' &&
        !operation.declined &&
        (operation.state ?? 'PENDING') === 'PENDING';
      operations.set(
        operation.idempotencyKey,
        undecided ? { ...operation, state: 'CONFIRMED', answered: operation.answered ?? 'PENDING' } : operation,
      );
    }
  }

  function process(kind: Operation['kind'], key: string, text: string, declined: boolean): Operation {
    const operation: Operation = {
      kind,
      idempotencyKey: key,
      reference: `${kind === 'BANK_TRANSFER' ? 'BT' : 'AC'}-${randomUUID().slice(0, 12)}`,
      request: JSON.parse(text),
      received: 1,
      declined,
    };
    operations.set(key, operation);
    return operation;
  }

  /**
   * Kept before it is answered, once whole (a card cancellation with the state its answer gives):
   * a crash after this cannot make the gateway act twice, nor answer a repeated key with less.
   */
  function journal(operation: Operation): void {
    if (options.journal) appendFileSync(options.journal, `${JSON.stringify(operation)}\n`);
  }

  /**
   * The provider's webhook, signed, retried with backoff when the answer is 5xx or none, as
   * providers do (for days; here for about two minutes): an API whose functions were throttled
   * answers 500, and the next try gets through.
   */
  async function deliver(operation: Operation, type: PaymentEvent['type'], attempt = 1): Promise<void> {
    if (!webhookTarget || stopped) return;
    const event: PaymentEvent = {
      type,
      idempotencyKey: operation.idempotencyKey,
      orderNo: operation.request.orderNo ?? '',
      reference: operation.reference,
    };
    const body = JSON.stringify(event);
    let status: number | 'NO_ANSWER';
    try {
      const answer = await fetch(webhookTarget.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'payments-signature': signPaymentEvent(webhookTarget.secret, body, new Date()),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = answer.status;
      await answer.arrayBuffer();
    } catch {
      status = 'NO_ANSWER';
    }
    webhooks.push({ idempotencyKey: operation.idempotencyKey, type, status, at: new Date().toISOString() });
    if ((status === 'NO_ANSWER' || status >= 500) && attempt < 8)
      later(500 * 2 ** attempt, () => void deliver(operation, type, attempt + 1));
  }

  /** A new card cancellation: answered at once, decided by the card side a moment later. */
  function acceptCardCancellation(operation: Operation, text: string): void {
    // A "pending" fault's count is how many checks answer PENDING, for the one cancellation it catches.
    const pending = faults.find((f) => f.mode === 'pending' && (!f.match || text.includes(f.match)));
    if (pending) faults.splice(faults.indexOf(pending), 1);
    const fault = pending ?? faultFor(text, ['instant', 'silent', 'decline-later', 'garbled']);
    if (fault?.mode === 'garbled') {
      operation.state = 'CONFIRMED';
      operation.garbled = true;
      return;
    }
    if (fault?.mode === 'instant') {
      operation.state = operation.answered = 'CONFIRMED';
      return;
    }
    operation.state = operation.answered = 'PENDING';
    if (fault?.mode === 'pending') {
      // Held by the card side: no webhook; checks answer PENDING this many times, then CONFIRMED.
      operation.pendingChecks = fault.count;
      return;
    }
    later(fault?.delayMs ?? webhookDelayMs, () => {
      operation.state = fault?.mode === 'decline-later' ? 'DECLINED' : 'CONFIRMED';
      if (fault?.mode !== 'silent')
        void deliver(
          operation,
          operation.state === 'CONFIRMED'
            ? 'authorization_cancellation.confirmed'
            : 'authorization_cancellation.declined',
        );
    });
  }

  const accepted = (res: ServerResponse, operation: Operation) => {
    if (operation.declined)
      return send(res, 402, { code: 'DECLINED', message: 'Declined by the local payment gateway.' });
    if (operation.garbled) return send(res, 201, { reference: operation.reference });
    return send(res, 201, {
      reference: operation.reference,
      ...(operation.kind === 'AUTHORIZATION_CANCELLATION' ? { state: operation.answered } : {}),
    });
  };

  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://gateway');
    try {
      if (url.pathname === '/__faults') {
        if (req.method === 'DELETE') faults.length = 0;
        else {
          const fault = { count: 1, ...(JSON.parse(text || '{}') as Partial<Fault>) } as Fault;
          if (!FAULT_MODES.includes(fault.mode))
            return send(res, 400, { code: 'BAD_REQUEST', message: `mode is one of ${FAULT_MODES.join(', ')}` });
          faults.push(fault);
        }
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === '/__operations') return send(res, 200, { operations: [...operations.values()] });
      if (url.pathname === '/__webhooks') return send(res, 200, { webhooks });

      const byKey = url.searchParams.get('idempotencyKey');
      // What became of a transfer under this key: the settlement of a withdrawal asks, never guesses.
      if (req.method === 'GET' && url.pathname === '/bank-transfers' && byKey) {
        const operation = operations.get(byKey);
        if (!operation) return send(res, 200, { state: 'UNKNOWN' });
        return send(
          res,
          200,
          operation.declined ? { state: 'DECLINED' } : { state: 'COMPLETED', reference: operation.reference },
        );
      }
      // What became of a card cancellation under this key: the workflow's fallback when no webhook came.
      if (req.method === 'GET' && url.pathname === '/authorization-cancellations' && byKey) {
        const operation = operations.get(byKey);
        if (operation?.kind !== 'AUTHORIZATION_CANCELLATION') return send(res, 200, { state: 'UNKNOWN' });
        if (faultFor(operation.idempotencyKey + JSON.stringify(operation.request), ['transient']))
          return send(res, 503, { code: 'TRY_AGAIN' });
        if (operation.declined) return send(res, 200, { state: 'DECLINED', reference: operation.reference });
        if (operation.garbled) return send(res, 200, { state: 'SETTLING', reference: operation.reference });
        if (operation.pendingChecks !== undefined) {
          if (operation.pendingChecks-- > 0)
            return send(res, 200, { state: 'PENDING', reference: operation.reference });
          operation.state = 'CONFIRMED';
        }
        return send(res, 200, { state: operation.state, reference: operation.reference });
      }

      if (
        req.method === 'POST' &&
        (url.pathname === '/authorization-cancellations' || url.pathname === '/bank-transfers')
      ) {
        const key = (JSON.parse(text) as { idempotencyKey?: string }).idempotencyKey;
        if (!key) throw new Error('idempotencyKey is required');
        // A key seen before gets the first answer again: faults are for new requests only.
        const existing = operations.get(key);
        if (existing) {
          existing.received++;
          return accepted(res, existing);
        }
        const fault = faultFor(text, ['transient', 'decline', 'timeout']);
        if (fault?.mode === 'transient') return send(res, 503, { code: 'TRY_AGAIN' });
        const kind = url.pathname === '/bank-transfers' ? 'BANK_TRANSFER' : 'AUTHORIZATION_CANCELLATION';
        const operation = process(kind, key, text, fault?.mode === 'decline');
        if (kind === 'AUTHORIZATION_CANCELLATION' && !operation.declined) acceptCardCancellation(operation, text);
        journal(operation);
        // A timeout is the hard case: the gateway acts, but the answer never arrives in time.
        if (fault?.mode === 'timeout') return later(hangMs, () => send(res, 504, { code: 'TOO_LATE' }));
        return accepted(res, operation);
      }
      send(res, 404, { code: 'NO_ROUTE' });
    } catch (error) {
      send(res, 400, { code: 'BAD_REQUEST', message: (error as Error).message });
    }
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    deliverWebhooksTo: (url, secret) => {
      webhookTarget = { url, secret };
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
