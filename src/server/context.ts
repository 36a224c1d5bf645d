// Per-request context: who is calling, the request's DataLoaders, and the clock.
import type { YogaInitialContext } from 'graphql-yoga';
import { authenticate, type Caller } from '../access/api-keys.js';
import { createFactLoader, type LoadFact } from '../facts/loaders.js';
import { createLoaders, type Loaders } from './loaders.js';
import { systemClock, type Clock } from '../shared/clock.js';

export interface RequestContext {
  caller: Caller | null;
  loaders: Loaders;
  /** Loads a fact about a customer, batched and cached for the request. */
  loadFact: LoadFact;
  clock: Clock;
}

export interface ContextOptions {
  clock?: Clock;
}

export function contextFactory(options: ContextOptions = {}) {
  const clock = options.clock ?? systemClock;
  return async ({ request }: YogaInitialContext): Promise<RequestContext> => ({
    caller: await authenticate(request.headers.get('authorization') ?? request.headers.get('x-api-key')),
    loaders: createLoaders(),
    loadFact: createFactLoader(clock),
    clock,
  });
}
