// Per-request context: who is calling, the request's DataLoaders, the clock, and what the
// server was built with (its plugins, its live promotions, its console sessions' lifetime).
import type { YogaInitialContext } from 'graphql-yoga';
import type { Caller } from '../access/api-keys.js';
import { callerOf } from '../access/caller.js';
import { CONSOLE_HEADER } from '../access/sessions.js';
import { createFactLoader, type LoadFact } from '../facts/loaders.js';
import { createLoaders, type Loaders } from './request-loaders.js';
import type { LivePromotions } from '../checkout/live-promotions.js';
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
  /** Console sign-in: how long a session lasts, whether the request came over HTTPS (its cookie is then Secure) and from the console (its header), and headers for the response (Set-Cookie). */
  sessions: { ttlMs: number; secure: boolean; fromConsole: boolean; responseHeaders: Headers };
  /** Values from the shop's data for segment query suggestions, kept for the server. */
  shopValues: ShopValues;
}

export interface ContextOptions {
  clock: Clock;
  registry: PluginRegistry;
  promotions: LivePromotions;
  sessionTtlMs: number;
  responseHeadersOf: (request: Request) => Headers;
  shopValues: ShopValues;
}

export function contextFactory(server: ContextOptions) {
  const { clock, registry, promotions, sessionTtlMs, responseHeadersOf, shopValues } = server;
  return async ({ request }: YogaInitialContext): Promise<RequestContext> => ({
    caller: await callerOf(request, clock),
    loaders: createLoaders(registry, clock),
    loadFact: createFactLoader(clock),
    clock,
    registry,
    promotions,
    sessions: {
      ttlMs: sessionTtlMs,
      // Behind a proxy that ends TLS, the proxy says so.
      secure: new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https',
      fromConsole: request.headers.get(CONSOLE_HEADER) === '1',
      responseHeaders: responseHeadersOf(request),
    },
    shopValues,
  });
}
