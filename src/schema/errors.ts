// GraphQL types of the expected failures (src/shared/errors.ts). Every one implements
// the Error interface, so clients can always ask `... on Error { message }`.
import { AlreadyRolledBackError, CohortError, ConflictError, ERROR_CODES, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { InterfaceRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from './builder.js';

export const ErrorInterface = new InterfaceRef<BuilderTypes, CohortError>('Error');

export function registerErrorTypes({ builder }: SchemaParts) {
  const ErrorCodeEnum = builder.enumType('ErrorCode', {
    description: 'What kind of expected failure an Error is: switch on it (docs/errors.md says what to do with each).',
    values: Object.fromEntries(Object.entries(ERROR_CODES).map(([code, description]) => [code, { description }])) as Record<
      keyof typeof ERROR_CODES,
      { description: string }
    >,
  });

  implement(
    builder,
    ErrorInterface,
    builder.interfaceRef<CohortError>('Error').implement({
      description: 'An expected failure: `code` says what kind, `message` explains it to a person.',
      fields: (t) => ({ message: t.exposeString('message'), code: t.field({ type: ErrorCodeEnum, resolve: (error) => error.code }) }),
    }),
  );

  builder.objectType(CohortError, {
    name: 'BaseError',
    description: 'An expected failure with no more specific type.',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof CohortError,
  });

  builder.objectType(NotFoundError, {
    name: 'NotFoundError',
    description: 'The input refers to something that does not exist.',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof NotFoundError,
    fields: (t) => ({
      entity: t.exposeString('entity', { description: 'What kind of thing was missing, e.g. "Customer".' }),
      reference: t.exposeString('reference', { description: 'The identifier given.' }),
      path: t.exposeStringList('path', { description: 'The input field that named it, e.g. ["input", "customer", "externalId"].' }),
    }),
  });

  builder.objectType(InvalidInputError, {
    name: 'InvalidInputError',
    description: 'The input is well-formed but cannot be accepted.',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof InvalidInputError,
    fields: (t) => ({
      path: t.exposeStringList('path', { description: 'The input field at fault.' }),
    }),
  });

  builder.objectType(ConflictError, {
    name: 'ConflictError',
    description: 'The change conflicts with existing data.',
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof ConflictError,
  });
  builder.objectType(AlreadyRolledBackError, {
    name: 'AlreadyRolledBackError',
    description: "The order's redemptions were rolled back already: nothing changed (a retry of a rollback can take this as done).",
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof AlreadyRolledBackError,
    fields: (t) => ({
      orderRef: t.exposeString('orderRef'),
      rolledBackAt: t.expose('rolledBackAt', { type: 'DateTime' }),
    }),
  });
}
