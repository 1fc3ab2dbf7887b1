// The check an operator runs after the first deploy (npm run smoke), step by step, against what a
// target gives: the API's address, a way to sign in, the archive, the alarm topic. The AWS target
// reads the stack's outputs (aws-target.ts); the tests run the same steps on the local stack
// (local-target.ts), where what only AWS has is answered by a stand-in or reported as skipped.

import { randomUUID } from 'node:crypto';

export interface SmokeTarget {
  apiUrl: string;
  /** The seller the demo order is registered for (its profile is the smoke's own). */
  sellerId: string;
  /** Where the smoke seller's notices go. */
  sellerEmail: string;
  /** An access token for this user, signed in as a user would be. */
  signIn(role: 'operator' | 'seller'): Promise<string>;
  /** One integration event of this order read back as the archive keeps it (what the pipe's input template made),
   *  or why not here. */
  archivedEvent(
    orderNo: string,
    since: Date,
  ): Promise<{ event: Record<string, unknown>; from: string } | { skipped: string }>;
  /** An alarm set to ALARM: whether its notification reached the topic, and how that is known. */
  alarmDelivered(): Promise<{ delivered: boolean; detail: string } | { skipped: string }>;
}

export interface SmokeStep {
  step: string;
  outcome: 'passed' | 'failed' | 'skipped';
  detail: string;
}

async function api(
  target: SmokeTarget,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${target.apiUrl.replace(/\/$/, '')}${path}`, {
    method,
    // No X-Correlation-Id, as the console and most clients send: API Gateway's request id stands in.
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const expectStatus = (answer: { status: number; body: unknown }, statuses: number[], what: string) => {
  if (!statuses.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
};

/** Runs every step, each reported as it ends; true when none failed. */
export async function runSmoke(
  target: SmokeTarget,
  report: (step: SmokeStep) => void,
  options: { settleTimeoutMs?: number } = {},
): Promise<boolean> {
  let failed = false;
  const step = async (name: string, run: () => Promise<{ detail: string; skipped?: boolean }>) => {
    try {
      const { detail, skipped } = await run();
      report({ step: name, outcome: skipped ? 'skipped' : 'passed', detail });
      return true;
    } catch (error) {
      failed = true;
      report({ step: name, outcome: 'failed', detail: (error as Error).message });
      return false;
    }
  };
  const tokens: { operator?: string; seller?: string } = {};
  const orderNo = `SMOKE-${Date.now().toString(36).toUpperCase()}`;
  const started = new Date();
  let claimId = '';

  if (
    !(await step('sign in', async () => {
      tokens.operator = await target.signIn('operator');
      tokens.seller = await target.signIn('seller');
      return { detail: `as the operator and as seller ${target.sellerId}` };
    }))
  )
    return false;

  const ordered = await step('register a demo order', async () => {
    expectStatus(
      await api(target, 'PUT', `/sellers/${target.sellerId}/profile`, tokens.operator!, {
        storeName: 'Smoke check',
        contactEmail: target.sellerEmail,
        language: 'en',
      }),
      [200, 201],
      'the smoke seller’s profile',
    );
    const order = {
      orderNo,
      cartNo: `CART-${orderNo}`,
      sellerId: target.sellerId,
      buyer: { id: 'B-SMOKE', email: target.sellerEmail, country: 'JP' },
      item: { code: 'SMOKE', name: 'Smoke check', quantity: 1 },
      total: { amount: 100, currency: 'JPY' },
      payment: { method: 'BALANCE' },
    };
    expectStatus(await api(target, 'POST', '/orders', tokens.operator!, order), [201], 'POST /orders');
    return { detail: `${orderNo}, paid from the buyer's balance (its refund moves no money outside the marketplace)` };
  });
  if (!ordered) return false;

  const opened = await step('cancel it without X-Correlation-Id', async () => {
    const answer = await api(target, 'POST', `/orders/${orderNo}/cancellations`, tokens.seller!, {
      reason: 'OUT_OF_STOCK',
      sellerMemo: 'Smoke check after a deploy.',
      notice: { title: 'Smoke check', body: 'This order was a smoke check of the deployment and is cancelled.' },
    });
    expectStatus(answer, [202], 'POST /orders/{orderNo}/cancellations');
    claimId = answer.body.claimId as string;
    return { detail: `claim ${claimId}` };
  });
  if (!opened) return false;

  await step('wait for COMPLETED', async () => {
    const deadline = Date.now() + (options.settleTimeoutMs ?? 180_000);
    for (;;) {
      const claim = await api(target, 'GET', `/claims/${claimId}`, tokens.seller!);
      expectStatus(claim, [200], 'GET /claims/{claimId}');
      if (claim.body.status === 'COMPLETED')
        return {
          detail:
            `in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s, correlation id ` +
            `${String(claim.body.correlationId)}`,
        };
      if (['FAILED', 'NEEDS_OPERATOR'].includes(claim.body.status as string))
        throw new Error(
          `the claim ended ${String(claim.body.status)}: ${JSON.stringify(claim.body.timeline?.at?.(-1) ?? '')}`,
        );
      if (Date.now() > deadline)
        throw new Error(`still ${String(claim.body.status)} after ${(options.settleTimeoutMs ?? 180_000) / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });

  await step('read an event back from the archive', async () => {
    const read = await target.archivedEvent(orderNo, started);
    if ('skipped' in read) return { detail: read.skipped, skipped: true };
    const detail = read.event.detail;
    // The pipe's input template must hand the outbox item's detail on as the event's object, not a quoted string.
    if (!detail || typeof detail !== 'object')
      throw new Error(
        `the event's detail is ${typeof detail}, not an object: the pipe's input template hands it on as written ` +
          `(docs/DECISIONS.md)`,
      );
    return { detail: `${String(read.event['detail-type'])} of ${orderNo}, its detail an object (${read.from})` };
  });

  await step('set an alarm and see the topic deliver', async () => {
    const outcome = await target.alarmDelivered();
    if ('skipped' in outcome) return { detail: outcome.skipped, skipped: true };
    if (!outcome.delivered) throw new Error(outcome.detail);
    return { detail: outcome.detail };
  });
  return !failed;
}
