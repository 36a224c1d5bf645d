// Rate limits at the edge, before a request is parsed: per API key for requests that carry a
// valid one, per client IP for the others (anonymous requests, and wrong keys, so that random
// keys cannot buy fresh allowances). Over the limit: 429 with Retry-After (seconds) and a
// GraphQL error of code RATE_LIMITED. Probes (/health, /ready, /metrics) are not limited.
//
// rate-limiter-flexible keeps the counts: in memory per process by default, in Redis when
// REDIS_URL is set, so that every instance shares them (if Redis stops answering, each process
// falls back to its own memory until it answers again). A maintained library rather than our
// own counters: windows, Redis atomics and fallbacks are not our domain.
import type { Redis } from 'ioredis';
import { connectRedis } from '../shared/redis.js';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { callerOf, presentsCredential } from '../access/caller.js';
import { retryableError } from '../db/errors.js';
import { errorResponse } from '../shared/error-response.js';
import { PROBE_PATHS } from './readiness.js';

export interface RateLimits {
  /** Requests per window for each API key; 0: no limit. */
  perKey: number;
  /** Requests per window for each IP without a valid key; 0: no limit. */
  perAnonymousIp: number;
  windowSeconds: number;
  /** Shared counts across instances; in memory per process when null. */
  redisUrl: string | null;
}

function limiter(points: number, windowSeconds: number, keyPrefix: string, redis: Redis | null): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points,
    duration: windowSeconds,
    keyPrefix: `cohort-${keyPrefix}`,
    insuranceLimiter: memory,
    rejectIfRedisNotReady: true,
  });
}

/** One Redis connection per URL per process, however many servers are made. */
const redisClients = new Map<string, Redis>();

function redisFor(url: string): Redis {
  let client = redisClients.get(url);
  if (!client) {
    client = connectRedis(url, 'rate limits');
    redisClients.set(url, client);
  }
  return client;
}

/** Resolves once every Redis connection the limits use is ready (until then they count in memory). */
export async function rateLimitStoresReady(): Promise<void> {
  await Promise.all(
    [...redisClients.values()].map((client) =>
      client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve())),
    ),
  );
}

/** Closes the Redis connections the limits hold (shutdown, tests). */
export async function closeRateLimitStores(): Promise<void> {
  await Promise.all([...redisClients.values()].map((client) => client.quit().catch(() => undefined)));
  redisClients.clear();
}

export function rateLimitPlugin(limits: RateLimits): Plugin {
  const redis = limits.redisUrl ? redisFor(limits.redisUrl) : null;
  const byKey = limits.perKey > 0 ? limiter(limits.perKey, limits.windowSeconds, 'key', redis) : null;
  const byIp = limits.perAnonymousIp > 0 ? limiter(limits.perAnonymousIp, limits.windowSeconds, 'ip', redis) : null;
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (PROBE_PATHS.has(url.pathname) || (!byKey && !byIp)) return;
      const caller = presentsCredential(request) ? await callerOf(request) : null;
      const bucket = caller ? byKey : byIp;
      if (!bucket) return;
      try {
        await bucket.consume(caller ? caller.keyId : clientIp(serverContext));
        return;
      } catch (result) {
        // Not a refusal: the counts could not be kept (Redis away without its insurance). The request is let through; Redis's connection logs its state.
        if (!(result instanceof RateLimiterRes)) return;
        const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        const allowed = caller ? limits.perKey : limits.perAnonymousIp;
        const message = `Too many requests ${caller ? 'for this API key' : 'from this address'}: at most ${allowed} per ${limits.windowSeconds} s. Retry after ${retryAfter} s`;
        endResponse(errorResponse(fetchAPI, retryableError(message, 'RATE_LIMITED', retryAfter)));
      }
    },
  };
}

/** The TCP peer's address: behind a load balancer, that of the balancer (see docs/configuration.md). */
function clientIp(serverContext: unknown): string {
  return (serverContext as { req?: { socket?: { remoteAddress?: string } } }).req?.socket?.remoteAddress ?? 'unknown';
}
