// kill -9 during delivery: five events are waiting for a receiver that does not answer when the
// process is killed, one of them in flight (an endpoint gets one try at a time); once it is
// started again, every event arrives, the one in flight with the webhook-id it had before the
// crash. On PostgreSQL the killed process's graphile-worker jobs, and the endpoint's queue, are
// unlocked by the new process (their lease lock is free); on the embedded database the LocalJob
// rows are still there. Processes are started as `npm start` runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, run, userEnvironment, type RunningProcess } from '../support/processes.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { eventually } from '../support/eventually.js';

const serverUrl = process.env.TEST_POSTGRES_URL;
const databaseName = `cohort_webhook_crash_${process.pid}_${Date.now()}`;
const home = mkdtempSync(join(tmpdir(), 'cohort-webhook-crash-'));
const databaseUrl = (() => {
  if (!serverUrl) return `pglite:${join(home, 'data')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

const started: RunningProcess[] = [];
let receiver: Receiver;
let port = 0;
let adminKey = '';

async function start(): Promise<RunningProcess> {
  const env = userEnvironment({
    DATABASE_URL: databaseUrl,
    COHORT_HOME: home,
    PORT: String(port),
    COHORT_SECRETS_KEY: 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=',
    COHORT_JOB_SWEEP_MS: '500',
    COHORT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    // More workers than events: a job wrongly unlocked while its process lives would be taken again at once.
    COHORT_JOB_CONCURRENCY: '8',
    DATABASE_POOL_SIZE: '5',
  });
  const server = run('node', ['--import', 'tsx', 'src/main.ts'], env);
  started.push(server);
  await server.waitFor(/serving GraphQL at/);
  return server;
}

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  expect(JSON.stringify(result.data)).not.toMatch(/Error"/);
  return result.data as Record<string, any>;
}

beforeAll(async () => {
  if (serverUrl) {
    const server = new pg.Client({ connectionString: serverUrl });
    await server.connect();
    await server.query(`CREATE DATABASE "${databaseName}"`);
    await server.end();
  }
  receiver = await startReceiver();
  port = await freePort();
}, 30_000);

afterAll(async () => {
  for (const server of started) if (server.child.pid && isAlive(server.child.pid)) server.child.kill('SIGKILL');
  await Promise.all(started.map((server) => server.exited));
  await receiver.close();
  if (serverUrl) {
    const server = new pg.Client({ connectionString: serverUrl });
    await server.connect();
    await server.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await server.end();
  }
  rmSync(home, { recursive: true, force: true });
}, 60_000);

describe(`kill -9 during webhook delivery (${serverUrl ? 'PostgreSQL, graphile-worker' : 'embedded database, in-process jobs'})`, () => {
  it('delivers every event after a restart, with the same webhook-id', async () => {
    const first = await start();
    adminKey = /ADMIN\s+(cohort_\S+)/.exec(first.output())?.[1] ?? '';
    expect(adminKey).not.toBe('');
    await graphql(
      `mutation { upsertProduct(input: { sku: "CRASH-1", name: "Item", price: { amount: 40000, currency: "USD" } }) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }`,
    );
    await graphql(
      `mutation { createSegment(input: { name: "Spent more than $300", rule: { condition: { amountSpent: { amount: { moreThan: { amount: 30000, currency: "USD" } }, within: { lastDays: 365 } } } } }) { __typename ... on Error { message } } }`,
    );
    const created = await graphql(
      `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [SEGMENT_ENTERED] }) { ... on MutationCreateWebhookEndpointSuccess { data { secret } } } }`,
      { url: receiver.url },
    );
    receiver.secret = created.createWebhookEndpoint.data.secret;
    // The receiver takes the requests and never answers: they are in flight when the process dies.
    receiver.answer = () => 'hang';
    for (let index = 0; index < 5; index += 1) {
      await graphql(`mutation ($id: String!) { upsertCustomer(input: { externalId: $id }) { __typename } }`, { id: `crash-${index}` });
      await graphql(`mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }`, {
        input: {
          externalId: `CRASH-ORDER-${index}`,
          customer: { externalId: `crash-${index}` },
          status: 'VALIDATED',
          placedAt: new Date().toISOString(),
          currency: 'USD',
          lines: [{ sku: 'CRASH-1', quantity: 1, unitPrice: 40_000 }],
        },
      });
    }
    await eventually(() => expect(receiver.received.length, first.output()).toBe(1), 10_000);
    // While the process lives, its jobs stay its own: other sweeps (every 500 ms here, for locks
    // older than 2 s) leave them alone, so no event is sent twice while its first try hangs, and
    // the endpoint's other deliveries wait behind it.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const inFlight = new Set(receiver.received.map((request) => request.id));
    expect(receiver.received).toHaveLength(1);
    process.kill(first.child.pid as number, 'SIGKILL');
    await first.exited;

    receiver.answer = () => 200;
    const killedAt = performance.now();
    const second = await start();
    await eventually(() => {
      const answered = new Set(receiver.received.filter((request) => request.at > killedAt).map((request) => request.id));
      expect(answered.size).toBe(5);
    }, 30_000);
    const after = receiver.received.filter((request) => request.at > killedAt);
    // The events in flight were sent again under their own webhook-id, and all were signed.
    for (const id of inFlight) expect(after.map((request) => request.id)).toContain(id);
    expect(after.every((request) => request.verified)).toBe(true);
    expect(after.map((request) => request.payload.data.customer.externalId).sort()).toEqual(
      expect.arrayContaining(['crash-0', 'crash-1', 'crash-2', 'crash-3', 'crash-4']),
    );
    // On PostgreSQL the new process found the dead one's workers and unlocked their jobs.
    if (serverUrl) expect(second.output()).toMatch(/Unlocked the jobs of \d+ job worker/);
    console.log(`every event delivered ${Math.round(Math.max(...after.map((request) => request.at)) - killedAt)} ms after the kill (restart included)`);
  }, 90_000);
});
