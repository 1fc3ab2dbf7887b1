// A new AWS account's SES is in the sandbox: only verified identities may send and receive. A
// stack of its own, in that mode (and on the ports it is given), shows a seller cancellation to a
// buyer whose address is not verified: the claim completes, the e-mail is recorded refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports.js';
import { LOCAL_NOTICE_FROM, startLocalStack, type LocalStack } from '../../local/stack.js';
import { mintLocalToken } from '../../local/tokens.js';
import { aCancellation, anOrderRegistration } from '../support/http.js';

let stack: LocalStack;
const ports = { dynamoDb: 0, ses: 0, stepFunctions: 0, payments: 0 };
beforeAll(async () => {
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
  stack = await startLocalStack({
    apiPort: 0,
    ports,
    retryDelayMs: 20,
    waitMs: 20,
    sesSandbox: { verifiedIdentities: [LOCAL_NOTICE_FROM, 'verified.example'] },
    log: () => undefined,
  });
  // Order intake needs the seller's profile.
  expect(
    (
      await call('PUT', '/sellers/S-1/profile', await mintLocalToken('operator', 'OP-1'), {
        storeName: '抹茶の店',
        contactEmail: 'shop-s1@verified.example',
        language: 'ja',
      })
    ).status,
  ).toBe(201);
}, 120_000);
afterAll(async () => {
  await stack?.stepFunctions.idle();
  await stack?.stop();
});

async function call(method: string, path: string, tokenValue: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokenValue}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('SES in sandbox mode', () => {
  it('each stand-in listens where it was told to', () => {
    expect(stack.dynamoDbEndpoint).toBe(`http://127.0.0.1:${ports.dynamoDb}`);
    expect(stack.sesEndpoint).toBe(`http://127.0.0.1:${ports.ses}`);
    expect(stack.stepFunctionsEndpoint).toBe(`http://127.0.0.1:${ports.stepFunctions}`);
    expect(stack.paymentsEndpoint).toBe(`http://127.0.0.1:${ports.payments}`);
  });

  it(
    'a cancellation for an unverified buyer completes; the notice is stored and its e-mail recorded as ' + 'refused',
    async () => {
      const operator = await mintLocalToken('operator', 'OP-1');
      const seller = await mintLocalToken('seller', 'S-1');
      const order = anOrderRegistration({ buyer: { id: 'B-1', email: 'hanako@unverified.example', country: 'JP' } });
      expect((await call('POST', '/orders', operator, order)).status).toBe(201);
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, seller, aCancellation());
      expect(accepted.status).toBe(202);
      let claim = await call('GET', `/claims/${accepted.body.claimId}`, seller);
      const settled = () =>
        claim.body.status === 'COMPLETED' && claim.body.messages.every((m: { email: string }) => m.email !== 'PENDING');
      for (let i = 0; i < 100 && !settled(); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        claim = await call('GET', `/claims/${accepted.body.claimId}`, seller);
      }
      expect(claim.body.status).toBe('COMPLETED');
      expect(claim.body.notice).toEqual({ messages: { sent: 1, failed: 0 }, emails: { sent: 0, failed: 1 } });
      for (const message of claim.body.messages) {
        expect(message).toMatchObject({
          messageSent: true,
          email: 'FAILED',
          emailError: expect.stringContaining('Email address is not verified'),
        });
      }
      const store = (await (await fetch(`${stack.mailViewerUrl}/store`)).json()) as { emails: unknown[] };
      expect(store.emails).toEqual([]);
    },
  );

  it('a buyer at a verified domain gets the e-mails', async () => {
    const operator = await mintLocalToken('operator', 'OP-1');
    const order = anOrderRegistration({ buyer: { id: 'B-1', email: 'minsu@verified.example', country: 'KR' } });
    await call('POST', '/orders', operator, order);
    const sent = await call('POST', `/orders/${order.orderNo}/messages`, await mintLocalToken('seller', 'S-1'), {
      category: 'SHIPPING',
      title: '안내',
      body: '내일 발송합니다.',
      alsoEmail: true,
    });
    expect(sent.body).toMatchObject({ email: 'SENT' });
  });
});
