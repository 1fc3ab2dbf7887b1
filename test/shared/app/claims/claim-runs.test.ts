// Which workflow run drives a claim now, by a deterministic name, and starting it: a start Step
// Functions does not take is left to the reconciler, never undone.
import { describe, expect, it } from 'vitest';
import {
  currentRun,
  operatorRuns,
  runInput,
  startCurrentRun,
  startRunOf,
} from '../../../../shared/app/claims/claim-runs.js';
import type { Claim } from '../../../../shared/domain/claim.js';
import { seedRequest } from '../../../support/world-claims.js';
import { seedClaim, world } from '../../../support/worlds.js';

type Resolution = NonNullable<Claim['resolutions']>[number];
const resolution = (action: Resolution['action']): Resolution => ({
  action,
  reason: 'why',
  by: { role: 'operator', id: 'OP-1' },
  at: '2026-11-25T00:30:00.000Z',
});

describe('operatorRuns', () => {
  it('counts the operator’s COMPLETE resolutions only', () => {
    expect(operatorRuns({})).toBe(0);
    expect(operatorRuns({ resolutions: [resolution('COMPLETE'), resolution('CLOSE'), resolution('COMPLETE')] })).toBe(
      2,
    );
  });
});

describe('currentRun', () => {
  it('a request waiting for the seller is driven by its approval run, named after the claim', () => {
    expect(currentRun({ claimId: 'C-1', status: 'AWAITING_APPROVAL' })).toEqual({
      workflow: 'approveCancelRequest',
      name: 'C-1',
    });
    // A return waits for the parties' steps in its own run; its refund, once received, in settle-claim.
    for (const status of ['AWAITING_APPROVAL', 'AWAITING_RETURN', 'RETURN_IN_TRANSIT'] as const)
      expect(currentRun({ claimId: 'C-R', type: 'RETURN', status })).toEqual({ workflow: 'returnClaim', name: 'C-R' });
    expect(currentRun({ claimId: 'C-R', type: 'RETURN', status: 'REFUSED' })).toBeUndefined();
    expect(currentRun({ claimId: 'C-R', type: 'RETURN', status: 'IN_PROGRESS' })).toEqual({
      workflow: 'settleClaim',
      name: 'C-R',
    });
  });

  it.each(['REQUESTED', 'IN_PROGRESS'] as const)(
    'a %s claim is driven by its settle run, named after the claim',
    (status) => {
      expect(currentRun({ claimId: 'C-1', status })).toEqual({ workflow: 'settleClaim', name: 'C-1' });
    },
  );

  it('after each operator’s COMPLETE, by the operator’s run of that number', () => {
    expect(currentRun({ claimId: 'C-1', status: 'IN_PROGRESS', resolutions: [resolution('COMPLETE')] })).toEqual({
      workflow: 'settleClaim',
      name: 'C-1-op1',
    });
    expect(
      currentRun({
        claimId: 'C-1',
        status: 'IN_PROGRESS',
        resolutions: [resolution('COMPLETE'), resolution('COMPLETE')],
      }),
    ).toEqual({ workflow: 'settleClaim', name: 'C-1-op2' });
  });

  it.each(['NEEDS_OPERATOR', 'COMPLETED', 'WITHDRAWN', 'FAILED'] as const)(
    'a %s claim waits on no workflow',
    (status) => {
      expect(currentRun({ claimId: 'C-1', status })).toBeUndefined();
    },
  );
});

describe('runInput', () => {
  const timing = { reminderAfterSeconds: 60, handOverAfterSeconds: 30 };

  it('a settle run gets the claim (and its correlation id, the claim’s own when it has none)', () => {
    expect(runInput({ claimId: 'C-1' }, { workflow: 'settleClaim', name: 'C-1' }, timing)).toEqual({
      claimId: 'C-1',
      correlationId: 'C-1',
    });
    expect(runInput({ claimId: 'C-1', correlationId: 'req-42' }, { workflow: 'settleClaim', name: 'C-1' })).toEqual({
      claimId: 'C-1',
      correlationId: 'req-42',
    });
  });

  it('an approval run also gets the timing of its waits', () => {
    expect(runInput({ claimId: 'C-1' }, { workflow: 'approveCancelRequest', name: 'C-1' }, timing)).toEqual({
      claimId: 'C-1',
      correlationId: 'C-1',
      timing,
    });
  });
});

describe('a non-receipt report', () => {
  const nonReceiptTiming = { answerSeconds: 60, refundAfterSeconds: 30, buyerSeconds: 604800 };

  it('waiting for the seller runs non-receipt-claim with its timing; answered, it waits on the buyer, no run', () => {
    const run = currentRun({ claimId: 'C-N', status: 'AWAITING_SELLER', type: 'NON_RECEIPT' });
    expect(run).toEqual({ workflow: 'nonReceiptClaim', name: 'C-N' });
    expect(runInput({ claimId: 'C-N' }, run!, undefined, nonReceiptTiming)).toEqual({
      claimId: 'C-N',
      correlationId: 'C-N',
      timing: nonReceiptTiming,
    });
    expect(currentRun({ claimId: 'C-N', status: 'ANSWERED', type: 'NON_RECEIPT' })).toBeUndefined();
    expect(currentRun({ claimId: 'C-N', status: 'IN_PROGRESS', type: 'NON_RECEIPT' })).toEqual({
      workflow: 'settleClaim',
      name: 'C-N',
    });
  });
});

describe('startCurrentRun', () => {
  it('starts the claim’s run with its input', async () => {
    const { store, workflows, timing } = world();
    const { claim } = await seedRequest(store);

    expect(await startCurrentRun({ workflows, timing }, claim)).toBe('STARTED');
    expect(workflows.started).toEqual([
      {
        run: { workflow: 'approveCancelRequest', name: claim.claimId },
        input: runInput(claim, { workflow: 'approveCancelRequest', name: claim.claimId }, timing),
      },
    ]);
    // An approval's run gets the approval's waits only.
    const { reminderAfterSeconds, handOverAfterSeconds } = timing;
    expect(workflows.started[0]!.input).toEqual({
      claimId: claim.claimId,
      correlationId: claim.claimId,
      timing: { reminderAfterSeconds, handOverAfterSeconds },
    });
  });

  it('a start Step Functions does not take is left to the reconciler: answered, not thrown', async () => {
    const { store, workflows } = world();
    const { claim } = await seedClaim(store, { status: 'REQUESTED' });
    workflows.failStarts = 1;

    expect(await startCurrentRun({ workflows }, claim)).toBe('LEFT_TO_RECONCILER');
    expect(workflows.started).toEqual([]);
    expect(await store.getClaim(claim.claimId)).toEqual(claim);
  });

  it('a claim that waits on no workflow starts nothing', async () => {
    const { store, workflows } = world();
    const { claim } = await seedClaim(store, { status: 'NEEDS_OPERATOR' });

    expect(await startCurrentRun({ workflows }, claim)).toBe('NOTHING_TO_RUN');
    expect(workflows.started).toEqual([]);
  });
});

describe('startRunOf', () => {
  it('reads the claim again and starts the run it now needs', async () => {
    const { store, workflows } = world();
    const { claim } = await seedClaim(store, {
      status: 'IN_PROGRESS',
      claim: { resolutions: [resolution('COMPLETE')] },
    });

    expect(await startRunOf({ store, workflows }, claim.claimId)).toBe('STARTED');
    expect(workflows.started.map((s) => s.run)).toEqual([{ workflow: 'settleClaim', name: `${claim.claimId}-op1` }]);
  });

  it('an unknown claim starts nothing', async () => {
    const { store, workflows } = world();
    expect(await startRunOf({ store, workflows }, 'C-NONE')).toBe('NOTHING_TO_RUN');
    expect(workflows.started).toEqual([]);
  });
});
