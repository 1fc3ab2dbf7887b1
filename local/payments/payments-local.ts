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

import { createServer, type ServerResponse } from 'node:http';
import { closeServer, listen, readBody, sendJson as send } from '../http.js';
import { freePort } from '../ports.js';
import { PaymentFaults, type Fault } from './faults.js';
import { Operations, type Operation } from './operations.js';
import { Webhooks } from './webhooks.js';

export interface PaymentsLocal {
  endpoint: string;
  /** Where the webhooks go, and the secret they are signed with (the API's POST /payments/webhooks). */
  deliverWebhooksTo(url: string, secret: string): void;
  stop(): Promise<void>;
}

const CARD_PATH = '/authorization-cancellations';
const TRANSFER_PATH = '/bank-transfers';

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
  const faults = new PaymentFaults();
  const operations = new Operations(options.journal);
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const webhooks = new Webhooks(later);

  /** A new card cancellation: answered at once, decided by the card side a moment later. */
  function acceptCardCancellation(operation: Operation, text: string): void {
    const fault =
      faults.takeWhole(text, 'pending') ?? faults.take(text, ['instant', 'silent', 'decline-later', 'garbled']);
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
        void webhooks.deliver(
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

  /** What became of a transfer under this key: the settlement of a withdrawal asks, never guesses. */
  function transferState(res: ServerResponse, key: string): void {
    const operation = operations.get(key);
    if (!operation) return send(res, 200, { state: 'UNKNOWN' });
    send(res, 200, operation.declined ? { state: 'DECLINED' } : { state: 'COMPLETED', reference: operation.reference });
  }

  /** What became of a card cancellation under this key: the workflow's fallback when no webhook came. */
  function cardState(res: ServerResponse, key: string): void {
    const operation = operations.get(key);
    if (operation?.kind !== 'AUTHORIZATION_CANCELLATION') return send(res, 200, { state: 'UNKNOWN' });
    if (faults.take(operation.idempotencyKey + JSON.stringify(operation.request), ['transient']))
      return send(res, 503, { code: 'TRY_AGAIN' });
    const { reference } = operation;
    if (operation.declined) return send(res, 200, { state: 'DECLINED', reference });
    if (operation.garbled) return send(res, 200, { state: 'SETTLING', reference });
    if (operation.pendingChecks !== undefined) {
      if (operation.pendingChecks-- > 0) return send(res, 200, { state: 'PENDING', reference });
      operation.state = 'CONFIRMED';
    }
    send(res, 200, { state: operation.state, reference });
  }

  /** A card cancellation or a bank transfer asked for: done once per key, whatever happens to the answer. */
  function perform(res: ServerResponse, kind: Operation['kind'], text: string): void {
    const key = (JSON.parse(text) as { idempotencyKey?: string }).idempotencyKey;
    if (!key) throw new Error('idempotencyKey is required');
    // A key seen before gets the first answer again: faults are for new requests only.
    const existing = operations.get(key);
    if (existing) {
      existing.received++;
      return accepted(res, existing);
    }
    const fault = faults.take(text, ['transient', 'decline', 'timeout']);
    if (fault?.mode === 'transient') return send(res, 503, { code: 'TRY_AGAIN' });
    const operation = operations.create(kind, key, text, fault?.mode === 'decline');
    if (kind === 'AUTHORIZATION_CANCELLATION' && !operation.declined) acceptCardCancellation(operation, text);
    operations.journal(operation);
    // A timeout is the hard case: the gateway acts, but the answer never arrives in time.
    if (fault?.mode === 'timeout') return later(hangMs, () => send(res, 504, { code: 'TOO_LATE' }));
    accepted(res, operation);
  }

  const server = createServer(async (req, res) => {
    const text = (await readBody(req)).toString();
    const url = new URL(req.url ?? '/', 'http://gateway');
    const byKey = url.searchParams.get('idempotencyKey');
    try {
      if (url.pathname === '/__faults') {
        const problem = req.method === 'DELETE' ? faults.clear() : faults.add(JSON.parse(text || '{}') as Fault);
        if (problem) return send(res, 400, { code: 'BAD_REQUEST', message: problem });
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === '/__operations') return send(res, 200, { operations: operations.all() });
      if (url.pathname === '/__webhooks') return send(res, 200, { webhooks: webhooks.sent });
      if (req.method === 'GET' && url.pathname === TRANSFER_PATH && byKey) return transferState(res, byKey);
      if (req.method === 'GET' && url.pathname === CARD_PATH && byKey) return cardState(res, byKey);
      if (req.method === 'POST' && (url.pathname === CARD_PATH || url.pathname === TRANSFER_PATH))
        return perform(res, url.pathname === TRANSFER_PATH ? 'BANK_TRANSFER' : 'AUTHORIZATION_CANCELLATION', text);
      send(res, 404, { code: 'NO_ROUTE' });
    } catch (error) {
      send(res, 400, { code: 'BAD_REQUEST', message: (error as Error).message });
    }
  });
  const port = options.port ?? (await freePort());
  await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    deliverWebhooksTo: (url, secret) => webhooks.deliverTo(url, secret),
    stop: async () => {
      webhooks.stop();
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}
