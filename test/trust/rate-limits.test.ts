// Rate limits as a client meets them: per API key, per address without one, 429 with
// Retry-After, probes never limited; shared by two servers through Redis when configured.
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createServer } from '../../src/server/yoga.js';
import { closeRateLimitStores, rateLimitStoresReady } from '../../src/server/rate-limits.js';
import { createTestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

const REDIS = 'redis://127.0.0.1:6379';
const probe = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
const redisUp = await probe.connect().then(
  () => true,
  () => false,
);
probe.disconnect();
if (!redisUp && process.env.CI) throw new Error(`Redis is not answering at ${REDIS}`);

afterAll(closeRateLimitStores);

const ask = async (server: ReturnType<typeof createServer>, key?: string, path = '/graphql') => {
  const response = await server.fetch(`http://cohort.test${path}`, {
    method: path === '/graphql' ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    ...(path === '/graphql' ? { body: JSON.stringify({ query: '{ __typename }' }) } : {}),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json().catch(() => null)) as { errors?: { extensions: { code: string } }[] } | null,
  };
};

describe('rate limits', () => {
  it('allow each key its requests per window, then answer 429 with Retry-After; other keys and probes are not affected', async () => {
    const { keys } = await createTestClient();
    const server = createServer({ registry: pluginRegistry, rateLimits: { perKey: 3, perAnonymousIp: 2, windowSeconds: 60, redisUrl: null } });
    for (let request = 0; request < 3; request += 1) expect((await ask(server, keys.storefront)).status).toBe(200);
    const refused = await ask(server, keys.storefront);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body?.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    expect((await ask(server, keys.admin)).status).toBe(200);
    expect((await ask(server, keys.storefront, '/health')).status).toBe(200);
  });

  it('count requests without a valid key per address, wrong keys included', async () => {
    const server = createServer({ registry: pluginRegistry, rateLimits: { perKey: 100, perAnonymousIp: 2, windowSeconds: 60, redisUrl: null } });
    expect((await ask(server)).status).toBe(200);
    expect((await ask(server, 'cohort_wrongwrong_key')).status).toBe(200);
    expect((await ask(server, 'cohort_another0_wrong')).status).toBe(429);
  });

  it.skipIf(!redisUp)('are shared by every instance through Redis', async () => {
    const { keys } = await createTestClient(); // new keys: no count left in Redis from an earlier run
    const limits = { perKey: 4, perAnonymousIp: 0, windowSeconds: 60, redisUrl: REDIS };
    const [one, two] = [createServer({ registry: pluginRegistry, rateLimits: limits }), createServer({ registry: pluginRegistry, rateLimits: limits })];
    await rateLimitStoresReady();
    const statuses = [];
    for (let request = 0; request < 6; request += 1) statuses.push((await ask(request % 2 === 0 ? one : two, keys.storefront)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
