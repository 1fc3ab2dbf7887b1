// How a money scenario ends: the faults stop, every run goes on until it ends (a wait runs out
// when nothing else can move; the card side answers what it still holds, by webhook or only when
// asked, or never), the reconciler starts what never started; then the operator completes every
// claim that waits for them and settles every withdrawal the bank left open.
import { resolveClaim } from '../../shared/app/claims/resolve-claim.js';
import { receivePaymentEvent } from '../../shared/app/settle/payment-events.js';
import { OPERATOR } from '../support/principals.js';
import { perform, reconcile } from './money-actions.js';
import { unsettled } from './money-invariants.js';
import type { MoneyWorld } from './money-world.js';

/** What the card side does with what it still has pending once the faults stop. */
export type CardSideAtRest = 'CONFIRM_BY_WEBHOOK' | 'CONFIRM_WHEN_ASKED' | 'DECLINE_BY_WEBHOOK' | 'NEVER';

function stopFaults(world: MoneyWorld): void {
  world.card.answers = [];
  world.card.silentChecks = 0;
  (world.mailer as unknown as { failures: unknown[] }).failures = [];
  world.workflows.failStarts = 0;
  world.workflows.failWakes = 0;
  world.workflows.crashAfterWork = 0;
  world.workflows.runTwice = 0;
  world.bank.answers = [];
  world.bank.silentOutcomes = 0;
}

const moves = (report: Awaited<ReturnType<typeof reconcile>>) =>
  report.started.length + report.stepped.length + report.closed.length > 0;

/** The longest a run waits for a party, and the reconciler's stale time after it. */
const longestWaitMs = ({ nonReceiptTiming: t }: MoneyWorld) =>
  (Math.max(t.answerSeconds, t.refundAfterSeconds, t.buyerSeconds) + 600) * 1000;

/** Runs everything until nothing moves; false if it would not come to rest. */
export async function runToRest(world: MoneyWorld, cardSide: CardSideAtRest): Promise<boolean> {
  const { workflows, card } = world;
  for (let round = 0; round < 500; round++) {
    let moved = false;
    for (const run of workflows.live()) moved = (await workflows.tick(run)) || moved;
    if (moved) continue;
    const pending = [...card.cancellations.values()].filter((c) => c.state === 'PENDING');
    if (cardSide !== 'NEVER' && pending.length > 0) {
      for (const c of pending) {
        const event = card.decide(c.key, cardSide === 'DECLINE_BY_WEBHOOK' ? 'DECLINED' : 'CONFIRMED');
        if (event && cardSide !== 'CONFIRM_WHEN_ASKED')
          await receivePaymentEvent({ store: world.store, workflows }, event, world.now());
      }
      continue;
    }
    const waiting = workflows.live().filter((run) => run.waiting && !run.waiting.woken);
    waiting.sort((a, b) => a.waiting!.until - b.waiting!.until);
    if (waiting.length > 0) {
      workflows.timeOut(waiting[0]!);
      continue;
    }
    // Nothing runs: the reconciler, a while later, starts a run that never started; if that moves
    // nothing, once every wait of a run that is gone is over, it takes the step that run would have.
    world.clock.advanceTo(world.now().getTime() + 10 * 60_000);
    if (moves(await reconcile(world))) continue;
    world.clock.advanceTo(world.now().getTime() + longestWaitMs(world));
    if (!moves(await reconcile(world))) return true;
  }
  return false;
}

export interface Ending {
  /** What is left undefined when the runs have ended: a claim of an operator's that says why is not. */
  atRest: string[];
  /** What is left once the operator completed every claim waiting for them (the card side confirms). */
  finished: string[];
}

export async function settleEverything(world: MoneyWorld, cardSide: CardSideAtRest): Promise<Ending> {
  stopFaults(world);
  const rested = await runToRest(world, cardSide);
  const atRest = [...(rested ? [] : ['the runs did not come to rest']), ...unsettled(world, false)];
  for (let round = 0; round < 3; round++) {
    const waiting = [...world.store.claims.values()].filter((claim) => claim.status === 'NEEDS_OPERATOR');
    if (waiting.length === 0) break;
    for (const claim of waiting) {
      await resolveClaim(
        world.claimDeps,
        OPERATOR,
        claim.claimId,
        { action: 'COMPLETE', reason: 'Finished by the operator.' },
        world.now(),
      );
    }
    if (!(await runToRest(world, 'CONFIRM_BY_WEBHOOK'))) atRest.push('the operator’s runs did not come to rest');
  }
  for (const [i, w] of [...world.store.withdrawals.values()].entries()) {
    if (w.status === 'PENDING') await perform(world, { kind: 'settleWithdrawal', withdrawal: i });
  }
  return { atRest, finished: unsettled(world, true) };
}
