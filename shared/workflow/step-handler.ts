// Every workflow step is a plain async function of its validated input. The input is parsed by
// Powertools' parser middleware against the step's own schema (each step file exports it as
// `inputSchema`); the correlation id the workflow carries goes into every log line. What the step
// throws reaches the state machine as the error's name (Lambda's errorType), for Retry and Catch.

import { parser } from '@aws-lambda-powertools/parser/middleware';
import * as z from 'zod';
import { handlerOf } from '../middy.js';
import { awsCalls } from '../aws-calls.js';
import { correlateWith, CORRELATION_ID, logger } from '../observability.js';
import type { StepId } from './steps.js';

/** The approval workflow's timing, as its run input carries it (shared/app/claims/claim-runs.ts); built by its steps. */
export const approvalTimingSchema = () => {
  return z.object({ reminderAfterSeconds: z.number().int().min(1), handOverAfterSeconds: z.number().int().min(1) });
};

/** The return workflow's timing, as its run input carries it (shared/app/claims/claim-runs.ts). */
export const returnTimingSchema = () =>
  approvalTimingSchema().extend({
    shipBackSeconds: z.number().int().min(1),
    receiptSeconds: z.number().int().min(1),
  });

/**
 * Every step's Parameters may carry the run's correlation id besides its own input. It labels logs
 * and e-mails only: one of another shape (a run started before the API carried request ids
 * base64url) is left out of them, never a reason to fail a step that moves money.
 */
const correlated = { correlationId: z.string().max(1024).optional() };

export function stepHandler<S extends z.ZodObject, T>(
  step: StepId,
  schema: S,
  fn: (input: z.output<S>, now: Date) => Promise<T>,
) {
  const withCorrelation = schema.extend(correlated);
  return handlerOf<z.output<typeof withCorrelation>, T>()
    .use(parser({ schema: withCorrelation }))
    .handler(async (event) => {
      const { correlationId, ...input } = event as { correlationId?: string };
      if (correlationId !== undefined && !CORRELATION_ID.test(correlationId))
        logger.warn('correlation id not usable; left out', { step });
      else correlateWith(correlationId);
      try {
        const output = await fn(input as z.output<S>, new Date());
        // One line per step, as the API logs one per request: by step name and its AWS calls, never the input.
        logger.info('step finished', { step, awsCalls: awsCalls() });
        return output;
      } catch (error) {
        logger.warn('step failed', { step, error: error as Error, awsCalls: awsCalls() });
        throw error;
      }
    });
}
