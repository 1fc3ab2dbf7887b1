// Every error is application/problem+json (RFC 9457). This maps each reason a request can fail
// to its status; anything unmapped is a bug and answers 500 without details.

import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RefusedError,
  StatusConflictError,
  UnauthorizedError,
  UnavailableError,
  type FieldError,
} from '../app/common/errors.js';
import { ConcurrentChangeError, InvalidCursorError } from '../app/ports/port-errors.js';
import type { Principal } from '../app/common/access.js';
import { actionsOf } from '../domain/transitions.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** A body in a format the route does not take. */
export class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
}

export function problemResponse(
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(problem),
  };
}

const problem = (
  status: number,
  slug: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem => ({
  type: `/problems/${slug}`,
  title,
  status,
  detail,
  ...extensions,
});

/**
 * The problem for an error, or undefined when the error is a bug (the caller logs it and answers
 * 500). A 409's `allowedActions` are what this caller may do now, not what anybody may.
 */
export function problemFor(error: unknown, caller?: Principal): Problem | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof InvalidInputError)
    return problem(400, 'invalid-request', 'The request is not valid', error.message, { errors: error.errors });
  if (error instanceof InvalidCursorError)
    return problem(400, 'invalid-request', 'The request is not valid', error.message, {
      errors: [{ path: 'query.cursor', message: error.message }],
    });
  if (error instanceof UnsupportedMediaTypeError)
    return problem(415, 'unsupported-media-type', 'Unsupported media type', error.message);
  if (error instanceof UnauthorizedError) return problem(401, 'unauthorized', 'Authentication required', error.message);
  if (error instanceof ForbiddenError) return problem(403, 'forbidden', 'Not allowed', error.message);
  if (error instanceof NotFoundError) return problem(404, 'not-found', 'Not found', error.message);
  if (error instanceof RefusedError) {
    const { refusal } = error;
    return refusal.kind === 'CONFLICT'
      ? problem(409, 'status-conflict', 'The order’s status does not allow this', refusal.detail, {
          currentStatus: refusal.currentStatus,
          allowedActions: caller ? actionsOf(caller.role, refusal.allowedActions) : refusal.allowedActions,
        })
      : problem(
          422,
          `rule/${refusal.rule.toLowerCase().replaceAll('_', '-')}`,
          'A business rule does not allow this',
          refusal.detail,
          {
            rule: refusal.rule,
            ...(error.errors.length > 0 ? { errors: error.errors } : {}),
            ...error.extensions,
          },
        );
  }
  if (error instanceof StatusConflictError) {
    return problem(409, 'status-conflict', 'The current status does not allow this', error.message, {
      currentStatus: error.currentStatus,
      allowedActions: error.allowedActions,
    });
  }
  if (error instanceof ConcurrentChangeError) {
    return problem(
      409,
      'concurrent-change',
      'Changed by another request',
      'Another request changed this at the same time; read it again and retry.',
    );
  }
  if (error instanceof UnavailableError) return problem(503, 'unavailable', 'Try again shortly', error.message);
  // Powertools idempotency: a second request with the same key while the first runs, or with another body.
  if (error.name === 'IdempotencyAlreadyInProgressError') {
    return problem(
      409,
      'idempotency-in-flight',
      'A request with this Idempotency-Key is still running',
      'Wait for it to finish, then retry to get its answer.',
    );
  }
  if (error.name === 'IdempotencyValidationError') {
    return problem(
      422,
      'rule/idempotency-key-reused',
      'Idempotency-Key reused with another request',
      'This Idempotency-Key was used for a different request; use a new key.',
      { rule: 'IDEMPOTENCY_KEY_REUSED' },
    );
  }
  return undefined;
}

export const internalErrorProblem = (): Problem =>
  problem(
    500,
    'internal',
    'Internal error',
    'Something went wrong on our side; it has been logged. Nothing you sent caused it.',
  );
