// Why a use case said no. The HTTP layer turns each into its problem+json answer.

import type { Refusal } from '../../domain/transitions.js';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** No valid credentials: a missing or bad token, or an unsigned webhook. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

/** A valid principal acting on what is not theirs, or in the wrong role. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

export interface FieldError {
  path: string;
  message: string;
  /**
   * What is wrong, as a code a client words in its reader's language (zod's issue code for a body that does not
   * validate).
   */
  code?: string;
}

/** The domain said no: the refusal says whether it is the order's status (409) or a rule (422). */
export class RefusedError extends Error {
  override name = 'RefusedError';
  constructor(
    readonly refusal: Refusal,
    readonly errors: FieldError[] = [],
    /** More the client needs, e.g. the claim the operator took over. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(refusal.detail);
  }
}

/** What is not an order (a job, say) is in a status that does not allow this (409), with what its status allows. */
export class StatusConflictError extends Error {
  override name = 'StatusConflictError';
  constructor(
    message: string,
    readonly currentStatus: string,
    readonly allowedActions: string[],
  ) {
    super(message);
  }
}

export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
  }
}

/** A service the request needs did not answer; nothing was changed and the client may try again. */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
}
