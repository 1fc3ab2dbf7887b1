// Crash and restart: a stack on a data directory takes claims of every kind, is killed with
// SIGKILL in the middle of them (DynamoDB Local and the gateway with it), and starts again on the
// same data. The reconciler brings every claim to a defined state, and no money moves twice or is
// lost. Some card refunds are in their card wait at the kill (the card side decides only after it):
// the gateway comes back knowing it confirmed them, and each of their claims completes.
import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient } from '@aws-sdk/client-sfn';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { mintLocalToken } from '../../local/tokens.js';
import { aCancellation, anOrderRegistration } from '../support/http.js';
import { FULL, inPool, record, size } from './support.js';

const CLAIMS = size(24, 300);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'order-claims-crash-'));
let child: ChildProcess | undefined;

interface Endpoints {
  apiUrl: string;
  stepFunctionsEndpoint: string;
  paymentsEndpoint: string;
}

function startStack(): Promise<Endpoints> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that SIGKILL takes DynamoDB Local (a JVM it started) along.
    child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-stack.ts'], {
      cwd: root,
      env: { ...process.env, CRASH_DATA_DIR: dataDir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (.*)\n/.exec(out);
      if (ready) resolve(JSON.parse(ready[1]!) as Endpoints);
    });
    child.stderr!.on('data', () => undefined);
    child.once('exit', (code) => reject(new Error(`the stack exited with ${code} before it was ready: ${out}`)));
  });
}

function killStack(): Promise<void> {
  return new Promise((resolve) => {
    if (!child?.pid || child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid, 'SIGKILL');
  });
}

afterAll(async () => {
  await killStack();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(endpoints: Endpoints, method: string, path: string, tokenValue: string, body?: unknown) {
  try {
    const response = await fetch(`${endpoints.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokenValue}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      // API Gateway's own limit: past it a client has its 503.
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as any };
  } catch {
    // Killed mid-request.
    return { status: 0, body: undefined };
  }
}

type Kind =
  | 'card-cancel'
  | 'card-waits'
  | 'balance-cancel'
  | 'buyer-now'
  | 'buyer-waits'
  | 'approved'
  | 'refund-after-shipping';
const KINDS: Kind[] = [
  'card-cancel',
  'card-waits',
  'balance-cancel',
  'buyer-now',
  'buyer-waits',
  'approved',
  'refund-after-shipping',
];

/**
 * A card cancellation the card side decides 10 minutes later, with no webhook: its claim is in the card wait at the
 * kill.
 */
async function decidedAfterTheKill(endpoints: Endpoints, orderNo: string): Promise<void> {
  const answer = await fetch(`${endpoints.paymentsEndpoint}/__faults`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'silent', match: orderNo, delayMs: 600_000 }),
  });
  if (answer.status !== 204) throw new Error(`payment fault switch answered ${answer.status}`);
}

describe('crash and restart', () => {
  it(
    `${CLAIMS} claims of every kind, SIGKILL in the middle, a restart on the same data: every claim reaches a ` +
      `defined state, no money moved twice or lost`,
    async () => {
      let endpoints = await startStack();
      const operator = await mintLocalToken('operator', 'OP-CRASH');
      const seller = await mintLocalToken('seller', 'S-CRASH');
      const profile = await api(endpoints, 'PUT', '/sellers/S-CRASH/profile', operator, {
        storeName: 'Crash',
        contactEmail: 's-crash@seller.example',
        language: 'ja',
      });
      if (profile.status !== 200 && profile.status !== 201) throw new Error(`seller profile: ${profile.status}`);
      const orders = await inPool(
        Array.from({ length: CLAIMS }, (_, i) => KINDS[i % KINDS.length]!),
        8,
        async (kind, i) => {
          const buyerId = `B-CRASH-${i}`;
          const order = anOrderRegistration({
            sellerId: 'S-CRASH',
            buyer: { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' },
            payment: { method: kind === 'balance-cancel' ? 'CONVENIENCE_STORE' : 'CARD' },
            ...(kind === 'buyer-waits' || kind === 'approved'
              ? { status: 'PREPARING', expectedShipDate: '2099-01-01' }
              : kind === 'refund-after-shipping'
                ? { status: 'IN_TRANSIT' }
                : {}),
          });
          const registered = await api(endpoints, 'POST', '/orders', operator, order);
          if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
          if (kind === 'card-waits') await decidedAfterTheKill(endpoints, order.orderNo);
          return { kind, order, buyer: await mintLocalToken('buyer', buyerId) };
        },
      );
      // Everything at once; the stack dies while it is under way, once a third has been answered.
      let accepted = 0;
      // A steady stream, as clients would send them (a burst of hundreds would only wait for cold starts).
      const launched = inPool(orders, 24, async ({ kind, order, buyer }) => {
        {
          const counted = <T extends { status: number }>(answer: T) => {
            if (answer.status === 202) accepted++;
            return answer;
          };
          if (kind === 'card-cancel' || kind === 'card-waits' || kind === 'balance-cancel')
            return counted(
              await api(endpoints, 'POST', `/orders/${order.orderNo}/cancellations`, seller, aCancellation()),
            );
          if (kind === 'refund-after-shipping')
            return counted(
              await api(
                endpoints,
                'POST',
                `/orders/${order.orderNo}/refunds`,
                seller,
                aCancellation({ reason: 'SHIPPING_DELAY' }),
              ),
            );
          const asked = counted(await api(endpoints, 'POST', `/orders/${order.orderNo}/cancel-requests`, buyer, {}));
          if (kind === 'approved' && asked.body?.claimId)
            return counted(await api(endpoints, 'POST', `/claims/${asked.body.claimId}/approval`, seller));
          return asked;
        }
      });
      const killAt = Date.now() + 60_000;
      while (accepted < CLAIMS / 3 && Date.now() < killAt) await new Promise((resolve) => setTimeout(resolve, 10));
      await killStack();
      const answered = (await launched).filter((a) => a.status === 202).length;

      const restartedAt = Date.now();
      endpoints = await startStack();
      const sfn = new SFNClient({
        endpoint: endpoints.stepFunctionsEndpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const runOf = async (workflow: string, name: string) => {
        try {
          return (
            await sfn.send(
              new DescribeExecutionCommand({
                executionArn: `arn:aws:states:us-east-1:000000000000:execution:${workflow}:${name}`,
              }),
            )
          ).status;
        } catch (error) {
          if (error instanceof ExecutionDoesNotExist) return 'MISSING';
          throw error;
        }
      };
      type Listed = { claimId: string; status: string; orderNo: string };
      const unanswered: number[] = [];
      // Read until the stack answers: after a restart on a busy machine the first reads are cold starts.
      const listAll = async (): Promise<Listed[]> => {
        for (;;) {
          const claims: Listed[] = [];
          let cursor: string | null = null;
          let page: Awaited<ReturnType<typeof api>>;
          do {
            page = await api(
              endpoints,
              'GET',
              `/claims?sellerId=S-CRASH&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
              operator,
            );
            if (page.status !== 200) break;
            claims.push(...page.body.claims);
            cursor = page.body.nextCursor;
          } while (cursor);
          if (page.status === 200) return claims;
          unanswered.push(page.status);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      };
      const defined = async (claim: { claimId: string; status: string }) =>
        ['COMPLETED', 'FAILED', 'WITHDRAWN', 'NEEDS_OPERATOR'].includes(claim.status) ||
        (claim.status === 'AWAITING_APPROVAL' && (await runOf('approve-cancel-request', claim.claimId)) === 'RUNNING');
      let claims = await listAll();
      const openAtRestart = claims.filter(
        (c) => !['COMPLETED', 'FAILED', 'WITHDRAWN', 'NEEDS_OPERATOR'].includes(c.status),
      ).length;
      const deadline = Date.now() + (FULL ? 300_000 : 90_000);
      let undefinedClaims = claims.length;
      while (Date.now() < deadline) {
        claims = await listAll();
        undefinedClaims = (await Promise.all(claims.map(defined))).filter((ok) => !ok).length;
        if (undefinedClaims === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const recoveredInMs = Date.now() - restartedAt;

      // Money: each order refunded once at most, never above its total; each balance its ledger; each
      // cancelled order's refund paid or in an operator's hands; one accepted card cancellation per order.
      const money: string[] = [];
      // A card refund its card side confirmed (before the kill, or as the gateway came back) ends its claim COMPLETED,
      // not with an operator.
      const cardWaits = orders.filter((o) => o.kind === 'card-waits').map((o) => o.order.orderNo);
      const waitsAfter = claims.filter((c) => cardWaits.includes(c.orderNo));
      const waitsNotCompleted = waitsAfter.filter((c) => c.status !== 'COMPLETED');
      const { operations } = (await (await fetch(`${endpoints.paymentsEndpoint}/__operations`)).json()) as {
        operations: { kind: string; request: { orderNo?: string }; declined: boolean }[];
      };
      for (const { order } of orders) {
        const read = (await api(endpoints, 'GET', `/orders/${order.orderNo}`, operator)).body;
        const completed = read.refunds.filter((r: { status: string }) => r.status === 'COMPLETED');
        if (completed.length > 1) money.push(`${order.orderNo}: refunded twice`);
        if (['CANCELLED', 'RETURNED'].includes(read.storedStatus)) {
          const owner = read.claims.find((c: { status: string }) => ['COMPLETED', 'NEEDS_OPERATOR'].includes(c.status));
          if (read.refunds.length !== 1 || !owner)
            money.push(
              `${order.orderNo}: ${read.storedStatus} with ${read.refunds.length} refunds, claim ` +
                `${owner?.status ?? 'none'}`,
            );
          else if (owner.status === 'COMPLETED' && completed.length !== 1)
            money.push(`${order.orderNo}: completed claim, refund ${read.refunds[0].status}`);
        }
        const accepted = operations.filter(
          (o) => o.kind === 'AUTHORIZATION_CANCELLATION' && !o.declined && o.request.orderNo === order.orderNo,
        ).length;
        if (accepted > 1) money.push(`${order.orderNo}: ${accepted} card cancellations accepted`);
        const balance = (await api(endpoints, 'GET', `/buyers/${order.buyer.id}/balance`, operator)).body;
        const sum = balance.entries.reduce(
          (total: number, e: { amount: { amount: number } }) => total + e.amount.amount,
          0,
        );
        if (sum !== balance.balance.amount || balance.entries.length > 1)
          money.push(
            `${order.buyer.id}: balance ${balance.balance.amount}, ${balance.entries.length} entries summing to ${sum}`,
          );
      }
      record('crash', {
        claimsLaunched: orders.length,
        answered202BeforeTheKill: answered,
        claimsAfterRestart: claims.length,
        openAtRestart,
        undefinedAfterRecovery: undefinedClaims,
        recoveredInMs,
        listReadsUnansweredAfterRestart: unanswered,
        statuses: Object.fromEntries(
          [...new Set(claims.map((c) => c.status))].map((s) => [s, claims.filter((c) => c.status === s).length]),
        ),
        moneyViolations: money.length,
        examples: money.slice(0, 10),
        cardWaits: {
          launched: cardWaits.length,
          foundAfterRestart: waitsAfter.length,
          notCompleted: waitsNotCompleted.length,
        },
        cardWaitExamples: waitsNotCompleted.slice(0, 5),
      });
      expect(undefinedClaims).toBe(0);
      expect(money).toEqual([]);
      expect(waitsNotCompleted).toEqual([]);
      expect(claims.length).toBeGreaterThan(0);
    },
    FULL ? 900_000 : 240_000,
  );
});
