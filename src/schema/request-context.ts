// Per-request context: who is calling, the request's DataLoaders, the clock, and what the
// server was built with (its plugins, its live promotions).
import type { YogaInitialContext } from 'graphql-yoga';
import { authenticate, type Caller } from '../access/api-keys.js';
import { createFactLoader, type LoadFact } from '../facts/loaders.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { LivePromotions } from '../eligibility/catalogue.js';
import type { PluginRegistry } from '../registry/registry.js';
import type { Clock } from '../shared/clock.js';
import type { ShopValues } from '../segments/shop-values.js';

export interface RequestContext {
  caller: Caller | null;
  loaders: Loaders;
  /** Loads a fact about a customer, batched and cached for the request. */
  loadFact: LoadFact;
  clock: Clock;
  registry: PluginRegistry;
  promotions: LivePromotions;
  /** Values from the shop's data for segment query suggestions, kept for the server. */
  shopValues: ShopValues;
}

export function contextFactory(server: { clock: Clock; registry: PluginRegistry; promotions: LivePromotions; shopValues: ShopValues }) {
  const { clock, registry, promotions, shopValues } = server;
  return async ({ request }: YogaInitialContext): Promise<RequestContext> => ({
    caller: await authenticate(request.headers.get('authorization') ?? request.headers.get('x-api-key')),
    loaders: createLoaders(registry),
    loadFact: createFactLoader(clock),
    clock,
    registry,
    promotions,
    shopValues,
  });
}
