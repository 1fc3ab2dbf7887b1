// npm run smoke's own steps, run on the local stack: what the operator runs after the first deploy.
import { describe, expect, it, inject } from 'vitest';
import { localTarget } from '../../infra/smoke/local-target.js';
import { runSmoke, type SmokeStep } from '../../infra/smoke/smoke.js';

describe('npm run smoke, locally', () => {
  it(
    'signs in, cancels a demo order without a correlation header to COMPLETED, and checks the alarm topic; the ' +
      'archive is AWS’s only',
    async () => {
      const steps: SmokeStep[] = [];
      const passed = await runSmoke(localTarget(inject('apiUrl')), (step) => steps.push(step), {
        settleTimeoutMs: 30_000,
      });
      expect(steps.map(({ step, outcome }) => [step, outcome])).toEqual([
        ['sign in', 'passed'],
        ['register a demo order', 'passed'],
        ['cancel it without X-Correlation-Id', 'passed'],
        ['wait for COMPLETED', 'passed'],
        ['read an event back from the archive', 'skipped'],
        ['set an alarm and see the topic deliver', 'passed'],
      ]);
      expect(steps[4]!.detail).toMatch(/^locally: /);
      expect(passed).toBe(true);
    },
  );
});
