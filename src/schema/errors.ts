// GraphQL types of the expected failures (src/shared/errors.ts). Every one implements
// the Error interface, so clients can always ask `... on Error { message }`.
import { CohortError, ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { SchemaParts } from './builder.js';

export function errorTypes({ builder }: SchemaParts) {
  const ErrorInterface = builder.interfaceRef<CohortError>('Error').implement({
    description: 'An expected failure; `message` explains it to a person.',
    fields: (t) => ({ message: t.exposeString('message') }),
  });

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
  return { ErrorInterface };
}
