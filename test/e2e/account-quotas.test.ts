// A new account's quotas, with SES lowered to 2 e-mails a second: a stack of its own, where Lambda
// runs 10 functions at once and SES drops what comes faster (Throttling), as in AWS. Work keeps
// to them: a burst of single cancellations beyond the rate is delayed, never dropped (every
// e-mail ends SENT, none FAILED), and a bulk job of 24 orders paces itself to the account's rate
// and concurrency, read at run time, with every claim completed and every e-mail sent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { mintLocalToken } from '../../local/tokens.js';
import { aCancellation, anOrderRegistration } from '../support/http.js';

const SEND_RATE = 2;
const BULK_ORDERS = 24;
/** Three e-mails to each cancelled order's buyer, as a single cancellation sends (36 for 12 below). */
const EMAILS = 3 * BULK_ORDERS;
let stack: LocalStack;
let operator: string;
let seller: string;

beforeAll(async () => {
  stack = await startLocalStack({
    apiPort: 0,
    quotas: { ses: { maxSendRate: SEND_RATE } },
    // A card refund whose webhooks all met a throttled API is asked about after 5 s (an hour in AWS).
    cardConfirmationWaitSeconds: 5,
    // A bulk job does not wait for an operator here.
    bulk: { approvalThreshold: 100 },
    log: () => undefined,
  });
  operator = await mintLocalToken('operator', 'OP-1');
  seller = await mintLocalToken('seller', 'S-Q');
  await call('PUT', '/sellers/S-Q/profile', operator, {
    storeName: 'Quota',
    contactEmail: 'quota-seller@example.jp',
    language: 'ja',
  });
}, 120_000);
afterAll(async () => {
  await stack?.stepFunctions.idle();
  await stack?.stop();
});

/**
 * As a client of the API: a 500 with API Gateway's own body is Lambda refusing the invocation
 * (the account's concurrency used up), tried again with backoff under the same Idempotency-Key.
 */
async function call(
  method: string,
  path: string,
  tokenValue: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const key = randomUUID();
  for (let attempt = 0; ; attempt++) {
    const headers = {
      authorization: `Bearer ${tokenValue}`,
      'content-type': 'application/json',
      ...(method === 'GET' ? {} : { 'idempotency-key': key }),
    };
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const answer = { status: response.status, body: (await response.json()) as any };
    if (answer.status !== 500 || answer.body?.message !== 'Internal Server Error' || attempt === 10) return answer;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
  }
}

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function register(count: number, tag: string) {
  const orders = Array.from({ length: count }, (_, i) =>
    anOrderRegistration({
      sellerId: 'S-Q',
      buyer: { id: `B-${tag}-${i}`, email: `${tag}-${i}@example.jp`, country: 'JP' },
      payment: { method: i % 2 ? 'CARD' : 'CONVENIENCE_STORE' },
    }),
  );
  await inParallel(orders, 3, async (order) => {
    expect((await call('POST', '/orders', operator, order)).status).toBe(201);
  });
  return orders;
}

const sesSent = async () =>
  (await (await fetch(`${stack.sesEndpoint}/__sent`)).json()) as { sent: { to: string[] }[]; throttled: number };
const sentTo = async (prefix: string) =>
  (await sesSent()).sent.filter((mail) => mail.to.some((to) => to.startsWith(prefix))).length;

async function until(what: string, done: () => Promise<boolean>, seconds: number): Promise<void> {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; ) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`not within ${seconds} s: ${what}`);
}

/** Every claim COMPLETED, and every one of its e-mails SENT: none FAILED, none left PENDING. */
async function expectSettledAndSent(claimIds: string[]) {
  for (const claimId of claimIds) {
    const claim = (await call('GET', `/claims/${claimId}`, seller)).body;
    expect(claim.status, claimId).toBe('COMPLETED');
    expect(
      claim.messages.map((m: { email: string }) => m.email),
      claimId,
    ).toEqual(['SENT', 'SENT', 'SENT']);
  }
}

describe('a new account’s quotas, SES at 2 e-mails a second', () => {
  it('the stack enforces a new production account’s Lambda concurrency, and SES at the rate given', () => {
    expect(stack.quotas).toMatchObject({
      ses: { maxSendRate: SEND_RATE, max24HourSend: 50_000 },
      lambda: { concurrentExecutions: 10 },
    });
  });

  it('a burst of single cancellations beyond the rate loses nothing: SES throttles, every e-mail is sent later, ' +
    'none FAILED', async () => {
    const throttledBefore = (await sesSent()).throttled;
    const orders = await register(12, 'burst');
    const claimIds: string[] = [];
    // All at once: 36 e-mails against 2 a second.
    await Promise.all(
      orders.map(async (order) => {
        const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, seller, aCancellation());
        expect(accepted.status).toBe(202);
        claimIds.push(accepted.body.claimId as string);
      }),
    );
    await until('36 e-mails to the burst’s buyers', async () => (await sentTo('burst-')) >= 36, 240);
    await stack.stepFunctions.idle();

    expect((await sesSent()).throttled).toBeGreaterThan(throttledBefore);
    expect(await sentTo('burst-')).toBe(36);
    await expectSettledAndSent(claimIds);
  }, 300_000);

  // 24 orders: more than the 10 functions at once, and 72 e-mails, 36 s at 2 a second (50 took 99 s of npm test).
  it('a bulk job of 24 orders keeps to the account’s pace: every claim COMPLETED, all 72 e-mails sent, none ' +
    'FAILED', async () => {
    const orders = await register(BULK_ORDERS, 'bulk');
    const started = Date.now();
    const submitted = await call('POST', '/bulk-cancellations', seller, {
      orders: orders.map(({ orderNo }) => ({ orderNo })),
      reason: 'OUT_OF_STOCK',
      sellerMemo: '在庫切れのためキャンセルいたします。',
      notice: {
        title: 'ご注文 {orderNo} のお詫び',
        body: '在庫切れのため、ご注文 {orderNo} をキャンセルさせていただきます。',
      },
    });
    expect(submitted.body).toMatchObject({ status: 'RUNNING', total: BULK_ORDERS });
    const bulkId = submitted.body.bulkId as string;
    await until('3 e-mails an order to the bulk’s buyers', async () => (await sentTo('bulk-')) >= EMAILS, 400);
    await stack.stepFunctions.idle();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `${BULK_ORDERS} orders, ${EMAILS} e-mails at ${SEND_RATE} a second: ${seconds.toFixed(0)} s ` +
        `(${EMAILS} ÷ ${SEND_RATE} = ${EMAILS / SEND_RATE} s)`,
    );

    const job = (await call('GET', `/bulk-cancellations/${bulkId}`, seller)).body;
    expect(job).toMatchObject({ status: 'COMPLETED', done: BULK_ORDERS, failed: 0 });
    expect(await sentTo('bulk-')).toBe(EMAILS);
    await expectSettledAndSent(job.claims.map((c: { claimId: string }) => c.claimId));
  }, 480_000);
});
