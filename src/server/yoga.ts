// The GraphQL server as a value: tests call yoga.fetch() on it, main.ts listens with it.
import { createYoga, maskError } from 'graphql-yoga';
import { config } from '../config.js';
import { schema } from '../schema/index.js';
import { logger } from '../shared/logger.js';
import { segmentExportPlugin } from '../segments/export.js';
import { systemClock } from '../shared/clock.js';
import { contextFactory, type ContextOptions } from './context.js';
import { compiledQueries } from './jit.js';
import { busyError, isBusy } from '../db/busy.js';

export function createServer(options: ContextOptions = {}) {
  return createYoga({
    schema,
    context: contextFactory(options),
    plugins: [...(config.graphqlJit ? [compiledQueries()] : []), segmentExportPlugin(options.clock ?? systemClock)],
    graphiql: { title: 'Cohort', defaultQuery: '{ __typename }' },
    landingPage: false,
    logging: logger,
    maskedErrors: {
      // Deliberate GraphQL errors pass through; anything else is masked for the client and logged with its cause.
      maskError: (error, message, isDev) => {
        // Contention (a pool, transaction or lock wait that ran out) is not a failure: say so, and when to retry.
        if (isBusy((error as { originalError?: unknown }).originalError ?? error)) return busyError();
        const masked = maskError(error, message, isDev);
        if (masked !== error) logger.error('Unexpected error', (error as { originalError?: unknown }).originalError ?? error);
        return masked;
      },
    },
  });
}

export type CohortServer = ReturnType<typeof createServer>;
