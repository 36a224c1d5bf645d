// Expected failures. Throwing one of these from a resolver that lists it returns a typed
// result to the client; anything else is an unexpected error, masked and logged by Yoga.

/** Base class of every expected failure; its message is safe to show to the caller. */
export class CohortError extends Error {
  override name = 'CohortError';
}

export class NotFoundError extends CohortError {
  override name = 'NotFoundError';
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
  constructor(
    message: string,
    readonly path: string[],
  ) {
    super(message);
  }
}

export class ConflictError extends CohortError {
  override name = 'ConflictError';
}
