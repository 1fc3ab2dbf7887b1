// The step plumbing: what a step's input may carry besides its own fields.
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { stepHandler } from '../../../shared/workflow/step-handler.js';
import { context } from '../../support/lambda.js';
import { STEPS } from '../../../shared/workflow/steps.js';

const step = stepHandler(STEPS.notifySeller, z.object({ claimId: z.string().min(1) }), async ({ claimId }) => ({
  claimId,
}));

describe('step handler', () => {
  it(
    'a correlation id of another shape (a run from before request ids were carried base64url) never fails the ' +
      'step',
    async () => {
      await expect(step({ claimId: 'C-1', correlationId: 'JKJaXmPLvHcESHA=' }, context)).resolves.toEqual({
        claimId: 'C-1',
      });
      await expect(step({ claimId: 'C-1', correlationId: 'req-1' }, context)).resolves.toEqual({ claimId: 'C-1' });
    },
  );

  it('its own input is still checked', async () => {
    await expect(step({ claimId: '', correlationId: 'req-1' }, context)).rejects.toThrow();
  });
});
