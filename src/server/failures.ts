// Failures outside GraphQL execution (the plugins that run before it: keys, rate limits,
// guards, exports) take the one shape every failure has: a GraphQL error response in JSON,
// with a code. A database that cannot be used answers 503 UNAVAILABLE (or BUSY) with
// Retry-After; anything else is masked as INTERNAL_SERVER_ERROR and logged. Nothing of the
// cause (a stack, a path, SQL, a host) leaves the process, whichever plugin failed: without
// this, the server adapter would answer a plugin's exception with its stack as text/plain.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { retryableDatabaseError } from '../db/errors.js';
import { errorResponse } from '../shared/error-response.js';
import { logger } from '../shared/logger.js';

/** The error a client gets for `error`: retryable when the database was the cause, masked otherwise. */
export function clientError(error: unknown): GraphQLError {
  const retryable = retryableDatabaseError(error);
  if (retryable) return retryable;
  logger.error('Unexpected error', error);
  return new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } });
}

/** The plugin with its `onRequest` unable to throw: a failure there is answered as `clientError` says. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- plugins of any context type
export function guarded<P extends Plugin<any>>(plugin: P): P {
  const { onRequest } = plugin;
  if (!onRequest) return plugin;
  return {
    ...plugin,
    async onRequest(payload: Parameters<NonNullable<P['onRequest']>>[0]) {
      try {
        await onRequest(payload);
      } catch (error) {
        payload.endResponse(errorResponse(payload.fetchAPI, clientError(error)));
      }
    },
  };
}
