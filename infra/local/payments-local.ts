// The payment gateway, on loopback: deterministic, honouring idempotency keys (a repeated key
// answers what the first request got, whatever faults are set), and switchable to decline, time out
// or fail transiently, for tests and demos. It speaks the protocol of docs/PAYMENTS.md, which
// shared/adapters/payment-gateway.ts calls.
//
//   POST /__faults {"mode":"decline"|"timeout"|"transient"|"pending","count":1,"match":"<orderNo or text in the request>"}
//     decline: a new key is refused (and that key is refused for good); timeout: a new key is
//     processed but the answer comes too late; transient: 503 and nothing done; pending: a check of
//     a card cancellation answers PENDING.
//   DELETE /__faults
//   GET /__operations  what the gateway has processed, once per idempotency key

import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from './ports.js';

type FaultMode = 'decline' | 'timeout' | 'transient' | 'pending';

interface Fault {
  mode: FaultMode;
  count: number;
  match?: string;
}

interface Operation {
  kind: 'AUTHORIZATION_CANCELLATION' | 'BANK_TRANSFER';
  idempotencyKey: string;
  reference: string;
  request: unknown;
  /** How many times the request arrived; it was processed once. */
  received: number;
  checks: number;
  /** What the first request got, which every repeat of the key gets too. */
  declined: boolean;
}

export interface PaymentsLocal {
  endpoint: string;
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
 * @param confirmAfterChecks a card cancellation reads PENDING this many times before CONFIRMED
 *   (0: confirmed at once).
 * @param hangMs how long a "timeout" fault holds the answer back.
 */
/**
 * @param journal a file where every operation is kept, one JSON line each, so that a restarted
 *   gateway still answers a repeated key with its first answer, as a provider does.
 */
export async function startPaymentsLocal(options: { port?: number; confirmAfterChecks?: number; hangMs?: number; journal?: string } = {}): Promise<PaymentsLocal> {
  const confirmAfterChecks = options.confirmAfterChecks ?? 1;
  const hangMs = options.hangMs ?? 10_000;
  const faults: Fault[] = [];
  const operations = new Map<string, Operation>();
  const byReference = new Map<string, Operation>();
  const hanging = new Set<NodeJS.Timeout>();

  /** Takes the first fault of these modes that applies to this request, if any. */
  function faultFor(text: string, modes: FaultMode[]): FaultMode | undefined {
    const fault = faults.find((f) => modes.includes(f.mode) && (!f.match || text.includes(f.match)));
    if (!fault) return undefined;
    if (--fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
    return fault.mode;
  }

  const remember = (operation: Operation) => {
    operations.set(operation.idempotencyKey, operation);
    byReference.set(operation.reference, operation);
  };
  if (options.journal && existsSync(options.journal)) {
    for (const line of readFileSync(options.journal, 'utf8').split('\n').filter(Boolean)) remember(JSON.parse(line) as Operation);
  }

  function process(kind: Operation['kind'], key: string, text: string, declined: boolean): Operation {
    const operation: Operation = { kind, idempotencyKey: key, reference: `${kind === 'BANK_TRANSFER' ? 'BT' : 'AC'}-${randomUUID().slice(0, 12)}`, request: JSON.parse(text), received: 1, checks: 0, declined };
    remember(operation);
    // Kept before it is answered: a crash after this cannot make the gateway act twice.
    if (options.journal) appendFileSync(options.journal, `${JSON.stringify(operation)}\n`);
    return operation;
  }

  const accepted = (res: ServerResponse, operation: Operation) => {
    if (operation.declined) return send(res, 402, { code: 'DECLINED', message: 'Declined by the local payment gateway.' });
    const state = operation.kind === 'BANK_TRANSFER' || confirmAfterChecks > 0 ? 'PENDING' : 'CONFIRMED';
    return send(res, 201, { reference: operation.reference, ...(operation.kind === 'AUTHORIZATION_CANCELLATION' ? { state } : {}) });
  };

  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const url = req.url ?? '/';
    try {
      if (url === '/__faults') {
        if (req.method === 'DELETE') faults.length = 0;
        else faults.push({ count: 1, ...(JSON.parse(text || '{}') as Partial<Fault>) } as Fault);
        res.writeHead(204).end();
        return;
      }
      if (url === '/__operations') return send(res, 200, { operations: [...operations.values()] });

      // What became of a transfer under this key: the settlement of a withdrawal asks, never guesses.
      const outcome = /^\/bank-transfers\?idempotencyKey=([^&]+)$/.exec(url);
      if (req.method === 'GET' && outcome) {
        const operation = operations.get(decodeURIComponent(outcome[1]!));
        if (!operation) return send(res, 200, { state: 'UNKNOWN' });
        return send(res, 200, operation.declined ? { state: 'DECLINED' } : { state: 'COMPLETED', reference: operation.reference });
      }
      const check = /^\/authorization-cancellations\/([^/]+)$/.exec(url);
      if (req.method === 'GET' && check) {
        const operation = byReference.get(decodeURIComponent(check[1]!));
        if (!operation) return send(res, 404, { code: 'NOT_FOUND' });
        const fault = faultFor(operation.reference + JSON.stringify(operation.request), ['transient', 'decline', 'pending']);
        if (fault === 'transient') return send(res, 503, { code: 'TRY_AGAIN' });
        if (fault === 'decline') return send(res, 200, { state: 'DECLINED' });
        if (fault === 'pending') return send(res, 200, { state: 'PENDING' });
        operation.checks++;
        return send(res, 200, { state: operation.checks >= confirmAfterChecks ? 'CONFIRMED' : 'PENDING' });
      }

      if (req.method === 'POST' && (url === '/authorization-cancellations' || url === '/bank-transfers')) {
        const key = (JSON.parse(text) as { idempotencyKey?: string }).idempotencyKey;
        if (!key) throw new Error('idempotencyKey is required');
        // A key seen before gets the first answer again: faults are for new requests only.
        const existing = operations.get(key);
        if (existing) {
          existing.received++;
          return accepted(res, existing);
        }
        const fault = faultFor(text, ['transient', 'decline', 'timeout']);
        if (fault === 'transient') return send(res, 503, { code: 'TRY_AGAIN' });
        const kind = url === '/bank-transfers' ? 'BANK_TRANSFER' : 'AUTHORIZATION_CANCELLATION';
        // A timeout is the hard case: the gateway acts, but the answer never arrives in time.
        const operation = process(kind, key, text, fault === 'decline');
        if (fault === 'timeout') {
          const timer = setTimeout(() => {
            hanging.delete(timer);
            send(res, 504, { code: 'TOO_LATE' });
          }, hangMs);
          hanging.add(timer);
          return;
        }
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
    stop: async () => {
      for (const timer of hanging) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
