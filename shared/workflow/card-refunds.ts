// The card refunds a settle-claim wait is for, as its two card steps take them: the claim's list,
// or one refund as executions started before the wait was one per claim still send (kept for one
// release, so that a deploy does not fail the claims waiting at that moment).

import * as z from 'zod';
import type { CardRefundRef } from '../app/settle/apply-claim.js';

export const refundRef = z.object({
  claimId: z.string().min(1),
  orderNo: z.string().min(1),
  refundId: z.string().min(1),
});

/** The one refund of an earlier execution's input. */
export const oneRefund = { orderNo: z.string().min(1).optional(), refundId: z.string().min(1).optional() };

type Input = {
  claimId: string;
  refunds?: CardRefundRef[] | undefined;
  orderNo?: string | undefined;
  refundId?: string | undefined;
};

/** An input with neither is refused: an empty list would end the wait at once. */
export const namesItsRefunds = (input: Input) =>
  input.refunds !== undefined || (input.orderNo !== undefined && input.refundId !== undefined);

export const refundsOf = (input: Input): CardRefundRef[] =>
  input.refunds ?? [{ claimId: input.claimId, orderNo: input.orderNo!, refundId: input.refundId! }];
