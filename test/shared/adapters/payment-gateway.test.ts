// The payment gateway adapter where it meets HTTP: answers are checked against the protocol
// (docs/PAYMENTS.md), a refusal is DECLINED, and anything else — a 5xx, no answer, an answer of
// another shape — is UNAVAILABLE, to be asked again under the same key.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentError } from '../../../shared/app/ports/port-errors.js';
import { PaymentGatewayClient } from '../../../shared/adapters/payment-gateway.js';
import { startPaymentsLocal, type PaymentsLocal } from '../../../local/payments/payments-local.js';

let gateway: PaymentsLocal;
let odd: Server;
let oddUrl: string;
let oddAnswer: { status: number; body: string } = { status: 200, body: '{}' };

beforeAll(async () => {
  gateway = await startPaymentsLocal({ hangMs: 500 });
  odd = createServer((_, res) =>
    res.writeHead(oddAnswer.status, { 'content-type': 'application/json' }).end(oddAnswer.body),
  );
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', () => resolve()));
  oddUrl = `http://127.0.0.1:${(odd.address() as { port: number }).port}`;
});
afterAll(async () => {
  await gateway.stop();
  odd.closeAllConnections();
  await new Promise((resolve) => odd.close(resolve));
});

const amount = { amount: 1000, currency: 'JPY' as const };
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: PaymentError) => ({ name: error.name, failure: error.failure }),
  );

describe('PaymentGatewayClient', () => {
  it('asks for a card cancellation and reads its outcome by the same key', async () => {
    const client = new PaymentGatewayClient(gateway.endpoint, 1000);
    const answer = await client.cancelAuthorization({ idempotencyKey: 'refund:C-1.O-1:a1', orderNo: 'O-1', amount });
    expect(answer).toEqual({ reference: expect.stringMatching(/^AC-/), state: 'PENDING' });
    expect(await client.cancelAuthorization({ idempotencyKey: 'refund:C-1.O-1:a1', orderNo: 'O-1', amount })).toEqual(
      answer,
    );
    expect(await client.authorizationCancellation('refund:C-1.O-1:a1')).toMatchObject({ reference: answer.reference });
    expect(await client.authorizationCancellation('refund:nobody:a1')).toEqual({ state: 'UNKNOWN' });
  });

  it('a refusal is DECLINED; a 5xx or no answer in time is UNAVAILABLE', async () => {
    const client = new PaymentGatewayClient(gateway.endpoint, 200);
    await fetch(`${gateway.endpoint}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'decline', match: 'O-2' }),
    });
    expect(
      await failureOf(client.cancelAuthorization({ idempotencyKey: 'refund:C-2.O-2:a1', orderNo: 'O-2', amount })),
    ).toEqual({ name: 'PaymentError', failure: 'DECLINED' });
    await fetch(`${gateway.endpoint}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'transient', match: 'O-3' }),
    });
    expect(
      await failureOf(client.cancelAuthorization({ idempotencyKey: 'refund:C-3.O-3:a1', orderNo: 'O-3', amount })),
    ).toEqual({ name: 'PaymentError', failure: 'UNAVAILABLE' });
    await fetch(`${gateway.endpoint}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'timeout', match: 'O-4' }),
    });
    expect(
      await failureOf(client.cancelAuthorization({ idempotencyKey: 'refund:C-4.O-4:a1', orderNo: 'O-4', amount })),
    ).toEqual({ name: 'PaymentError', failure: 'UNAVAILABLE' });
  });

  it.each([
    ['a body that is not JSON', { status: 201, body: 'OK' }],
    ['a state outside the protocol', { status: 201, body: JSON.stringify({ reference: 'AC-1', state: 'MAYBE' }) }],
    ['no reference', { status: 201, body: JSON.stringify({ state: 'PENDING' }) }],
  ])('%s is UNAVAILABLE, never guessed at', async (_, answer) => {
    oddAnswer = answer;
    const client = new PaymentGatewayClient(oddUrl, 1000);
    expect(
      await failureOf(client.cancelAuthorization({ idempotencyKey: 'refund:C-5.O-5:a1', orderNo: 'O-5', amount })),
    ).toEqual({ name: 'PaymentError', failure: 'UNAVAILABLE' });
  });

  it(
    'a card cancellation pending when the gateway stopped comes back, after a restart on its journal, in a state ' +
      'the protocol knows',
    async () => {
      const journal = join(mkdtempSync(join(tmpdir(), 'payments-journal-')), 'operations.jsonl');
      // The card side takes its time: the cancellation is still PENDING when the gateway stops.
      const first = await startPaymentsLocal({ journal, webhookDelayMs: 60_000 });
      const before = new PaymentGatewayClient(first.endpoint, 1000);
      const answer = await before.cancelAuthorization({ idempotencyKey: 'refund:C-9.O-9:a1', orderNo: 'O-9', amount });
      expect(answer.state).toBe('PENDING');
      await first.stop();

      const second = await startPaymentsLocal({ journal });
      try {
        const after = new PaymentGatewayClient(second.endpoint, 1000);
        // The same key gets its first answer again, whole; and the card side has decided since.
        expect(
          await after.cancelAuthorization({ idempotencyKey: 'refund:C-9.O-9:a1', orderNo: 'O-9', amount }),
        ).toEqual(answer);
        expect(await after.authorizationCancellation('refund:C-9.O-9:a1')).toEqual({
          state: 'CONFIRMED',
          reference: answer.reference,
        });
      } finally {
        await second.stop();
      }
    },
  );
});
