// The invariants of one settled race scenario (test/adversarial/races.test.ts): what money, the
// order, its claims, their workflow runs and the order's integration events must agree on however
// the scenario's commands interleaved. Each broken one is a line naming the scenario.
import { DescribeExecutionCommand, ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { currentRun } from '../../shared/app/claims/claim-runs.js';
import type { IntegrationEvent } from '../../shared/app/ports/change-set.js';
import { eventValidator } from '../support/event-schemas.js';
import { sfn, executionArn } from '../support/executions.js';
import { call, eventsOf, eventually, stepFunctionsFaultsLeft, token } from '../support/http.js';

/** A workflow's state machine, by its id in the code (settleClaim: settle-claim). */
const stateMachineOf = (workflow: string) => workflow.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

async function runStatus(workflow: string, name: string): Promise<string> {
  try {
    return (
      (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(workflow, name) }))).status ?? 'RUNNING'
    );
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return 'MISSING';
    throw error;
  }
}

/** The invariants of one settled scenario; each broken one is a line. */
export async function violations(scenario: {
  order: { orderNo: string; total: { amount: number } };
  buyerId: string;
  index: number;
  commands: string;
  faults: string;
}): Promise<string[]> {
  const operator = await token('operator', 'OP-RACE');
  const found: string[] = [];
  const { orderNo } = scenario.order;
  // Settled: no claim of the order is moving any more (a request may wait for the seller).
  const read = await eventually(
    () => call('GET', `/orders/${orderNo}`, { token: operator }),
    (answer) =>
      (answer.body.claims ?? []).every((c: { status: string }) => !['REQUESTED', 'IN_PROGRESS'].includes(c.status)),
    30_000,
  );
  const order = read.body;
  const claims = await Promise.all(
    (order.claims as { claimId: string }[]).map(
      async (c) => (await call('GET', `/claims/${c.claimId}`, { token: operator })).body,
    ),
  );

  const live = order.refunds.filter((r: { status: string }) => r.status !== 'FAILED');
  if (order.refunds.filter((r: { status: string }) => r.status === 'COMPLETED').length > 1)
    found.push(`${orderNo}: refunded twice`);
  const refunded = live.reduce((sum: number, r: { amount: { amount: number } }) => sum + r.amount.amount, 0);
  if (refunded > scenario.order.total.amount)
    found.push(`${orderNo}: ${refunded} refunded of ${scenario.order.total.amount}`);

  const balance = (await call('GET', `/buyers/${scenario.buyerId}/balance`, { token: operator })).body;
  const sum = balance.entries.reduce((total: number, e: { amount: { amount: number } }) => total + e.amount.amount, 0);
  if (sum !== balance.balance.amount)
    found.push(`${scenario.buyerId}: balance ${balance.balance.amount}, entries ${sum}`);
  if (balance.entries.filter((e: { kind: string }) => e.kind === 'REFUND_CREDIT').length > 1)
    found.push(`${scenario.buyerId}: credited twice`);

  const applied = claims.filter((c) => ['COMPLETED', 'NEEDS_OPERATOR'].includes(c.status) && c.refunds.length > 0);
  if (['CANCELLED', 'RETURNED'].includes(order.storedStatus)) {
    if (applied.length !== 1) found.push(`${orderNo}: ${order.storedStatus} by ${applied.length} claims`);
  } else if (applied.length > 0 || live.length > 0) {
    found.push(`${orderNo}: ${order.storedStatus}, yet refunded by ${applied.map((c) => c.claimId).join(', ')}`);
  }
  if (order.storedStatus === 'CANCEL_REQUESTED') {
    const holder = claims.find((c) => c.claimId === order.claimInProgress);
    if (holder?.type !== 'BUYER_CANCEL' || !['AWAITING_APPROVAL', 'NEEDS_OPERATOR'].includes(holder.status))
      found.push(`${orderNo}: CANCEL_REQUESTED held by ${holder?.claimId ?? 'nothing'} ${holder?.status ?? ''}`);
  }
  for (const claim of claims) {
    // A non-receipt answer the buyer accepted completes with nothing refunded, the order as it was.
    const acceptedAnswer = claim.type === 'NON_RECEIPT' && claim.refunds.length === 0;
    if (claim.status === 'COMPLETED' && !acceptedAnswer && !['CANCELLED', 'RETURNED'].includes(order.storedStatus))
      found.push(`${claim.claimId}: COMPLETED, order ${order.storedStatus}`);
    // A claim that waits on a workflow (the same rule the reconciler keeps) has that run running.
    const run = currentRun(claim);
    if (run) {
      const status = await runStatus(stateMachineOf(run.workflow), run.name);
      // Read the claim again: its run may have ended (an expired request, say) after the claim was read.
      const now =
        status === 'RUNNING' ? claim : (await call('GET', `/claims/${claim.claimId}`, { token: operator })).body;
      if (status !== 'RUNNING' && currentRun(now)?.name === run.name)
        found.push(`${claim.claimId}: ${now.status} with its run ${run.name} ${status}`);
    }
    // Read again: the claim may have closed (and let go of the order) since the order was read.
    const heldNow =
      claim.status === 'FAILED' || claim.status === 'WITHDRAWN' || claim.status === 'COMPLETED'
        ? (await call('GET', `/orders/${orderNo}`, { token: operator })).body.claimInProgress
        : order.claimInProgress;
    if (heldNow === claim.claimId && !currentRun(claim) && claim.status !== 'NEEDS_OPERATOR') {
      const timeline = claim.timeline.map((e: { type: string; actor: { id: string } }) => `${e.type}/${e.actor.id}`);
      found.push(
        `${orderNo}: held by ${claim.claimId}, which is ${claim.status} (${JSON.stringify(claim.failure)}); ` +
          `timeline ${timeline.join(' ')}`,
      );
    }
  }
  found.push(...(await eventViolations(orderNo, order, claims)));
  return found.map((line) => `#${scenario.index} [${scenario.commands}] faults ${scenario.faults}: ${line}`);
}

const validateEvent = eventValidator();

/**
 * The order's integration events (docs/EVENTS.md) against what the API says: each once, numbered
 * without gaps, valid; one cancellation or return event for a cancelled or returned order, one
 * completion per completed refund and claim, and each claim's last event its status now.
 */
async function eventViolations(
  orderNo: string,
  order: { storedStatus: string; refunds: { refundId: string; status: string }[] },
  claims: { claimId: string; status: string }[],
): Promise<string[]> {
  const found: string[] = [];
  // Settled on the bus: the same events twice, a little apart.
  let events = await eventsOf(`order:${orderNo}`);
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await eventsOf(`order:${orderNo}`);
    if (again.length === events.length) break;
    events = again;
  }
  const count = (type: string, subject?: string) =>
    events.filter((e) => e.type === type && (!subject || e.subject === subject)).length;
  if (new Set(events.map((e) => e.id)).size !== events.length) found.push(`${orderNo}: an event twice`);
  if (events.some((e, i) => Number(e.sequence) !== i + 1))
    found.push(`${orderNo}: sequence ${events.map((e) => Number(e.sequence)).join(',')}`);
  for (const event of events) for (const problem of validateEvent(event)) found.push(`${orderNo}: ${problem}`);
  const ended = count('order.cancelled') + count('order.returned');
  if (ended !== (['CANCELLED', 'RETURNED'].includes(order.storedStatus) ? 1 : 0))
    found.push(`${orderNo}: ${order.storedStatus} with ${ended} cancellation or return events`);
  for (const refund of order.refunds) {
    if (count('refund.completed', refund.refundId) !== (refund.status === 'COMPLETED' ? 1 : 0))
      found.push(
        `${refund.refundId}: ${refund.status} with ${count('refund.completed', refund.refundId)} refund.completed`,
      );
  }
  for (const claim of claims) {
    if (count('claim.requested', claim.claimId) !== 1)
      found.push(`${claim.claimId}: ${count('claim.requested', claim.claimId)} claim.requested`);
    const lastOf = (all: IntegrationEvent[]) => all.filter((e) => e.subject === claim.claimId).at(-1);
    if (claim.status === 'IN_PROGRESS' || claim.status === 'REQUESTED' || lastOf(events)?.data.status === claim.status)
      continue;
    // A waiting request moves on by itself (to the operator when nobody decides): read both again.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = (await call('GET', `/claims/${claim.claimId}`, { token: await token('operator', 'OP-RACE') })).body
      .status as string;
    const last = lastOf(await eventsOf(`order:${orderNo}`));
    if (now !== 'IN_PROGRESS' && last?.data.status !== now)
      found.push(`${claim.claimId}: ${now}, its last event ${last?.type ?? 'none'}`);
  }
  return found;
}

/** How many of the scenarios' Step Functions faults met a call: a fault no call met tested nothing. */
export async function faultsMet(injected: { about: string; count: number; scenario: string }[]) {
  const faults = (await stepFunctionsFaultsLeft()) as { about?: string; count: number }[];
  const left = new Map(faults.map((f) => [f.about, f.count]));
  const met = injected.filter((f) => !left.has(f.about)).length;
  const partly = injected.filter((f) => (left.get(f.about) ?? f.count) < f.count).length;
  const notMet = injected.filter((f) => left.get(f.about) === f.count).map((f) => f.scenario);
  return { injected: injected.length, met, metPartly: partly, notMet: notMet.length, notMetExamples: notMet };
}
