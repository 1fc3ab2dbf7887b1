// The local Step Functions runner refuses what it cannot serve faithfully.
import { describe, expect, it } from 'vitest';
import { LocalLambda } from '../../local/lambda-runtime.js';
import { startStepFunctionsLocal } from '../../local/step-functions/index.js';

describe('local Step Functions runner', () => {
  it('refuses to load a workflow whose Task resource has no local function', async () => {
    await expect(startStepFunctionsLocal({ lambda: new LocalLambda([]) })).rejects.toThrow(
      /workflows\/settle-claim\.asl\.json: state apply-claim uses arn:aws:lambda:.*:function:apply-claim, which the local runner cannot serve/,
    );
  });
});
