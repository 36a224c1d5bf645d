// Per-request context: who is calling, the request's DataLoaders, the clock, and what the
// server was built with (its plugins, its live promotions).
import type { YogaInitialContext } from 'graphql-yoga';
import type { Caller } from '../access/api-keys.js';
import { callerOf } from '../access/caller.js';
import { createFactLoader, type LoadFact } from '../facts/loaders.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { LivePromotions } from '../eligibility/catalogue.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { Clock } from '../shared/clock.js';

export interface RequestContext {
  caller: Caller | null;
  loaders: Loaders;
  /** Loads a fact about a customer, batched and cached for the request. */
  loadFact: LoadFact;
  clock: Clock;
  registry: PluginRegistry;
  promotions: LivePromotions;
}

export function contextFactory(server: { clock: Clock; registry: PluginRegistry; promotions: LivePromotions }) {
  const { clock, registry, promotions } = server;
  return async ({ request }: YogaInitialContext): Promise<RequestContext> => ({
    caller: await callerOf(request),
    loaders: createLoaders(registry),
    loadFact: createFactLoader(clock),
    clock,
    registry,
    promotions,
  });
}
