// POST /bulk-cancellations: a seller cancels many orders in one job. Everything that can be known
// now is checked now: the shape, the reasons, duplicates, personal data, whose orders they are (a
// foreign order refuses the whole job) and which can be cancelled (an unknown or not cancellable
// order is a failed line with its reason, never dropped). The job is stored and its workflow
// started; the answer comes at once, however many lines.

import {
  chunkLines,
  duplicateLines,
  finishedStatus,
  noticeFor,
  type BulkCancellation,
  type BulkLine,
} from '../../domain/bulk.js';
import { memoLanguageWarning, type AnswerWarning } from '../../domain/memo-language.js';
import { faultOf, type CancelReason } from '../../domain/reasons.js';
import { decideSellerCancel } from '../../domain/transitions.js';
import type { Order } from '../../domain/order.js';
import { telemetry } from '../common/telemetry.js';
import { actor, notFound, type Principal } from '../common/access.js';
import { ForbiddenError, InvalidInputError, RefusedError, type FieldError } from '../common/errors.js';
import { newId } from '../common/ids.js';
import { guardPersonalData } from '../messages/personal-data-guard.js';
import type { BulkStore } from '../ports/bulk-store.js';
import type { ClaimStore } from '../ports/claim-store.js';
import type { Workflows } from '../ports/workflows.js';
import { bulkRun, bulkRunInput } from './bulk-runs.js';
import { bulkEvents } from '../changes/integration-events.js';

export interface BulkSubmission {
  orders?: { orderNo: string; reason?: CancelReason }[];
  retryOf?: string;
  reason?: CancelReason;
  sellerMemo: string;
  notice: { title: string; body: string; alsoEmail: boolean };
  correlationId?: string;
}

export interface BulkDeps {
  store: ClaimStore;
  bulks: BulkStore;
  workflows: Workflows;
  approvalThreshold: number;
  approvalWaitSeconds: number;
}

/** At most this many per-line errors in one answer; the count says how many there were. */
const MAX_LISTED = 20;

function listed(errors: FieldError[]): { errors: FieldError[]; extensions: Record<string, unknown> } {
  return { errors: errors.slice(0, MAX_LISTED), extensions: { lines: errors.length } };
}

/** The lines asked for: given, or the lines of an earlier job that were not cancelled. */
async function requestedLines(
  bulks: BulkStore,
  principal: Principal,
  input: BulkSubmission,
): Promise<{ orderNo: string; reason?: CancelReason }[]> {
  if (!input.retryOf) return input.orders!;
  const earlier = await bulks.getBulk(input.retryOf);
  if (!earlier || earlier.sellerId !== principal.id) throw notFound('bulk cancellation', input.retryOf);
  if (!['COMPLETED', 'COMPLETED_WITH_FAILURES', 'FAILED'].includes(earlier.status)) {
    throw new RefusedError({
      kind: 'RULE',
      rule: 'NOTHING_TO_RETRY',
      detail:
        `Bulk cancellation ${input.retryOf} is ${earlier.status}: only a finished job's failed lines can be ` +
        `tried again.`,
    });
  }
  const chunks = await bulks.getChunks(earlier.bulkId, 0, earlier.chunks);
  const lines = chunks.flatMap((chunk) => chunk.lines).filter((line) => line.status !== 'CANCELLED');
  if (lines.length === 0)
    throw new RefusedError({
      kind: 'RULE',
      rule: 'NOTHING_TO_RETRY',
      detail: `Every line of bulk cancellation ${input.retryOf} was cancelled.`,
    });
  return lines.map((line) => ({ orderNo: line.orderNo, reason: input.reason ?? line.reason }));
}

function checkReasons(
  lines: { orderNo: string; reason?: CancelReason }[],
  fallback: CancelReason | undefined,
): CancelReason[] {
  const missing: FieldError[] = [];
  const buyerFault: FieldError[] = [];
  const reasons = lines.map((line, i) => {
    const reason = line.reason ?? fallback;
    if (!reason)
      missing.push({ path: `orders[${i}].reason`, message: 'no reason: give one for the line or for the job' });
    else if (faultOf(reason) === 'BUYER')
      buyerFault.push({ path: `orders[${i}].reason`, message: `${reason} is a buyer-fault reason` });
    return reason!;
  });
  if (missing.length > 0) {
    const { errors } = listed(missing);
    throw new InvalidInputError(`${missing.length} line(s) have no reason.`, errors);
  }
  if (buyerFault.length > 0) {
    const { errors, extensions } = listed(buyerFault);
    throw new RefusedError(
      {
        kind: 'RULE',
        rule: 'BUYER_REQUEST_REQUIRED',
        detail:
          `${buyerFault.length} line(s) give a buyer-fault reason: a bulk cancellation is the seller's fault; ` +
          `a buyer-fault cancellation needs the buyer's own request.`,
      },
      errors,
      extensions,
    );
  }
  return reasons;
}

function checkDuplicates(orderNos: string[]): void {
  const duplicates = duplicateLines(orderNos);
  if (duplicates.length === 0) return;
  const { errors } = listed(
    duplicates.map((d) => ({
      path: `orders[${d.line - 1}].orderNo`,
      message: `${d.orderNo} is also on line ${d.firstLine}`,
    })),
  );
  throw new InvalidInputError(
    `${duplicates.length} order number(s) are given more than once; give each order once.`,
    errors,
  );
}

/**
 * Every line as it stands now: PENDING, or FAILED with why it cannot be cancelled. Another
 * seller's order is a line of an unknown order, word for word: a job cannot probe what exists.
 */
function classify(
  principal: Principal,
  orderNos: string[],
  reasons: CancelReason[],
  orders: Map<string, Order>,
  now: Date,
): BulkLine[] {
  return orderNos.map((orderNo, i): BulkLine => {
    const base = { line: i + 1, orderNo, reason: reasons[i]! };
    const order = orders.get(orderNo);
    if (!order || order.sellerId !== principal.id)
      return { ...base, status: 'FAILED', failure: { code: 'UNKNOWN_ORDER', detail: `No order ${orderNo}.` } };
    const decision = decideSellerCancel(order, reasons[i]!, now);
    if (!decision.ok)
      return {
        ...base,
        status: 'FAILED',
        failure: {
          code: decision.refusal.kind === 'CONFLICT' ? 'NOT_CANCELLABLE' : decision.refusal.rule,
          detail: decision.refusal.detail,
        },
      };
    return { ...base, status: 'PENDING' };
  });
}

export async function submitBulkCancellation(deps: BulkDeps, principal: Principal, input: BulkSubmission, now: Date) {
  if (principal.role !== 'seller') throw new ForbiddenError('Only a seller files a bulk cancellation of its orders.');
  const requested = await requestedLines(deps.bulks, principal, input);
  const orderNos = requested.map((line) => line.orderNo);
  checkDuplicates(orderNos);
  const reasons = checkReasons(requested, input.reason);
  const orders = new Map((await deps.store.getOrders(orderNos)).map((order) => [order.orderNo, order]));
  const lines = classify(principal, orderNos, reasons, orders, now);
  // The memo and the notice go to every buyer: none may carry any of them's personal data.
  let otherLanguage = 0;
  for (const order of orders.values()) {
    if (memoLanguageWarning(input.sellerMemo, order.buyer.country)) otherLanguage++;
    const notice = noticeFor(input.notice, order.orderNo);
    guardPersonalData(order, {
      sellerMemo: input.sellerMemo,
      'notice.title': notice.title,
      'notice.body': notice.body,
    });
  }

  const bulkId = newId('BC', now);
  const chunks = chunkLines(bulkId, lines);
  const failed = lines.filter((line) => line.status === 'FAILED').length;
  const at = now.toISOString();
  const approvalRequired = lines.length > deps.approvalThreshold;
  const nothingToDo = failed === lines.length;
  const job: BulkCancellation = {
    bulkId,
    sellerId: principal.id,
    status: nothingToDo
      ? finishedStatus({ done: 0, failed, total: lines.length })
      : approvalRequired
        ? 'AWAITING_APPROVAL'
        : 'RUNNING',
    total: lines.length,
    done: 0,
    failed,
    chunks: chunks.length,
    nextChunk: 0,
    sellerMemo: input.sellerMemo,
    notice: input.notice,
    approvalRequired,
    ...(input.retryOf ? { retryOf: input.retryOf } : {}),
    ...(input.correlationId ? { correlationId: input.correlationId } : {}),
    submittedBy: actor(principal),
    createdAt: at,
    updatedAt: at,
    ...(nothingToDo ? { finishedAt: at } : {}),
    version: 0,
  };
  await deps.bulks.createBulk(job, chunks, bulkEvents(job, null));
  const warnings: AnswerWarning[] =
    otherLanguage > 0
      ? [
          {
            code: 'MEMO_LANGUAGE',
            detail:
              `The memo is not in the language of ${otherLanguage} of the orders' countries (each buyer reads ` +
              `it as written).`,
          },
        ]
      : [];
  const answer = (status: BulkCancellation['status']) => ({
    bulkId,
    status,
    total: job.total,
    failed,
    ...(warnings.length > 0 ? { warnings } : {}),
  });
  if (nothingToDo) return answer(job.status);

  try {
    await deps.workflows.start(bulkRun(bulkId), bulkRunInput(job, deps.approvalWaitSeconds));
  } catch (error) {
    // Nothing was cancelled: the job says so, and its lines can be submitted again (retryOf).
    telemetry.error('bulk cancellation workflow not started', { bulkId, error: error as Error });
    const stopped: BulkCancellation = {
      ...job,
      version: 1,
      status: 'FAILED',
      failure: {
        code: 'NOT_STARTED',
        detail: 'The job could not be started; nothing was cancelled. Submit it again with retryOf.',
      },
      finishedAt: at,
    };
    await deps.bulks.saveBulk(stopped, bulkEvents(stopped, job.status));
    return answer(stopped.status);
  }
  return answer(job.status);
}
