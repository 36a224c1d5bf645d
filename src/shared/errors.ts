// Expected failures. Throwing one of these from a resolver that lists it returns a typed
// result to the client; anything else is an unexpected error, masked and logged by Yoga.
// Each carries a code from ERROR_CODES (GraphQL: `Error.code`), so that a client handles every
// typed failure with one switch; docs/errors.md lists them with what a client should do.

/** The codes of typed failures, with what they mean (the `ErrorCode` enum's descriptions). */
export const ERROR_CODES = {
  FAILED: 'An expected failure with no more specific code; the message says what happened.',
  NOT_FOUND: 'The input names something that does not exist (a read that failed is never reported as this).',
  INVALID_INPUT: 'The input is well-formed but cannot be accepted; `path` names the field.',
  CONFLICT: 'The change conflicts with existing data (an idempotency key already used for another order, say).',
  ALREADY_ROLLED_BACK: "The order's redemptions were rolled back already; nothing changed.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Base class of every expected failure; its message is safe to show to the caller. */
export class CohortError extends Error {
  override name = 'CohortError';
  readonly code: ErrorCode = 'FAILED';
}

export class NotFoundError extends CohortError {
  override name = 'NotFoundError';
  override readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly reference: string,
    /** The input field that named the missing entity, as a path. */
    readonly path: string[] = [],
  ) {
    super(`${entity} "${reference}" does not exist`);
  }
}

/** Input that is well-formed but not acceptable (e.g. an order line naming an unknown SKU). */
export class InvalidInputError extends CohortError {
  override name = 'InvalidInputError';
  override readonly code = 'INVALID_INPUT';
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
  }
}

export class ConflictError extends CohortError {
  override name = 'ConflictError';
  override readonly code = 'CONFLICT';
}

/** A second rollback of the same order: the first one gave everything back. */
export class AlreadyRolledBackError extends CohortError {
  override name = 'AlreadyRolledBackError';
  override readonly code = 'ALREADY_ROLLED_BACK';
  constructor(
    readonly orderRef: string,
    readonly rolledBackAt: Date,
  ) {
    super(`The redemptions of order "${orderRef}" were rolled back already, at ${rolledBackAt.toISOString()}`);
  }
}
