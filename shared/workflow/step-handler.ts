// Every workflow step is a plain async function of its validated input. What it throws reaches the
// state machine as the error's name (Lambda's errorType), for Retry and Catch to match.

import type middy from '@middy/core';
import { handlerOf } from '../middy.js';
import * as z from 'zod';
import { logger } from '../observability.js';

/** The approval workflow's timing, as its run input carries it (shared/app/claim-runs.ts). */
export const approvalTimingSchema = z.object({ reminderAfterSeconds: z.number().int().min(1), handOverAfterSeconds: z.number().int().min(1) });

export class InvalidStepInputError extends Error {
  override name = 'InvalidStepInput';
}

export function stepHandler<S extends z.ZodType, T>(step: string, schema: S, fn: (input: z.output<S>, now: Date) => Promise<T>) {
  return handlerOf<unknown, T>().handler(async (event) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) throw new InvalidStepInputError(`${step}: ${parsed.error.message}`);
    try {
      return await fn(parsed.data, new Date());
    } catch (error) {
      logger.warn('step failed', { step, error: error as Error });
      throw error;
    }
  });
}
