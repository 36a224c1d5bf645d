// Redis is an accelerator, never a single point: Cohort started with REDIS_URL pointing at
// nothing serves, its subscriptions hear the changes recorded on their own instance, /ready
// says it is ready but degraded, and the log says once that Redis is away instead of a line
// per reconnection attempt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, run, userEnvironment, type RunningProcess } from '../support/processes.js';

const home = mkdtempSync(join(tmpdir(), 'cohort-redis-away-'));
let server: RunningProcess | null = null;

afterAll(async () => {
  if (server?.child.pid && isAlive(server.child.pid)) {
    server.child.kill('SIGTERM');
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  rmSync(home, { recursive: true, force: true });
}, 30_000);

describe('Redis away', () => {
  it('leaves subscriptions hearing their own instance, /ready degraded, and the log quiet', async () => {
    const port = await freePort();
    const nowhere = await freePort();
    server = run(
      'npm',
      ['start'],
      userEnvironment({ COHORT_HOME: home, PORT: String(port), REDIS_URL: `redis://127.0.0.1:${nowhere}`, COHORT_RATE_LIMIT_PER_KEY: '1000' }),
    );
    const [, adminKey] = (await server.waitFor(/ADMIN\s+(cohort_\S+)/, 120_000)) as unknown as [string, string];
    await server.waitFor(/serving GraphQL at/, 120_000);
    const base = `http://127.0.0.1:${port}`;
    const graphql = async (query: string) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as any;
    };

    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    const readiness = (await ready.json()) as { status: string; degraded?: string[] };
    expect(readiness.status).toBe('ready');
    expect(readiness.degraded?.join(' ')).toMatch(/Redis .* unreachable/);

    const segment = await graphql(
      `mutation { createSegment(input: { name: "VIP", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    const abort = new AbortController();
    const stream = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({
        query: 'subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { entered customer { externalId } } }',
        variables: { segment: segment.data.createSegment.data.segment.id },
      }),
      signal: abort.signal,
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const heard = (async () => {
      while (!text.includes('"entered":true')) {
        const { done, value } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      return text;
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const linesBefore = server
      .output()
      .split('\n')
      .filter((line) => line.includes('Redis')).length;
    await graphql(`mutation { upsertCustomer(input: { externalId: "redis-away-1", category: "vip" }) { __typename } }`);
    const timer = setTimeout(() => abort.abort(), 10_000);
    expect(await heard.catch(() => text)).toContain('"externalId":"redis-away-1"');
    clearTimeout(timer);
    abort.abort();

    // Idle for a few seconds while ioredis keeps retrying: no new line about Redis.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const redisLines = server
      .output()
      .split('\n')
      .filter((line) => line.includes('Redis'));
    expect(redisLines.length).toBe(linesBefore);
    // One line per connection that went away (rate limits, and the two of membership events), said once.
    expect(redisLines.length).toBeLessThanOrEqual(3);
    expect(redisLines.every((line) => line.includes('is unreachable'))).toBe(true);
  }, 180_000);
});
