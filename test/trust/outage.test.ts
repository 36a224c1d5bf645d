// An outage must not talk: with its database unreachable, Cohort (`npm start`, in production
// and in development mode) is sent every kind of request, with and without keys (a valid one it
// has checked before, one it has not, a made-up one, in either header): GraphQL queries,
// mutations, introspection, a persisted operation, a subscription, a member export, a CORS
// preflight, the landing page, GraphiQL and the probes. No answer may carry a stack, a file
// path, SQL or the database's address; every answer that needed the database is a 503 with a
// retryable code and Retry-After; the process stays up and serves again once the database is back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, run, userEnvironment, type RunningProcess } from '../support/processes.js';
import { POSTGRES_BINARIES, startPrivateCluster, type PrivateCluster } from '../support/private-postgres.js';

const enabled = Boolean(process.env.TEST_POSTGRES_URL && POSTGRES_BINARIES);
const manifest = join(mkdtempSync(join(tmpdir(), 'cohort-outage-')), 'operations.json');
writeFileSync(manifest, JSON.stringify({ 'shop-v1': 'query Shop { shopSettings { timeZone } }' }));

interface Sent {
  name: string;
  /** Whether answering needs the database (then: 503, retryable). */
  needsDatabase: boolean;
  status: number;
  body: string;
  retryAfter: string | null;
  html: boolean;
}

/** What must never leave the process: stacks, file paths, SQL, the database's address, driver internals. */
const INTERNALS = [
  /\bat .+:\d+:\d+/,
  /\/work\/|node_modules|\.ts\b/,
  /\b(SELECT|INSERT|UPDATE|DELETE)\b.+\b(FROM|INTO|SET)\b/i,
  /127\.0\.0\.1:\d+|localhost:\d+|ECONNREFUSED \d/,
  /prisma|PrismaClient|pg-pool|pglite/i,
];

/** A request that may not hang: an answer that never comes is a failure too. */
const within = (url: string, init: RequestInit = {}) => fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });

async function untilServing(port: number, server: RunningProcess): Promise<void> {
  for (let tries = 0; tries < 1_200; tries += 1) {
    if (server.child.exitCode !== null) throw new Error(`Cohort exited: ${server.output()}`);
    if ((await within(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Cohort did not start: ${server.output()}`);
}

describe.runIf(enabled)('an outage of the database', () => {
  let cluster: PrivateCluster;
  let adminKey = '';
  let storefrontKey = '';
  let unusedKey = '';
  let segmentId = '';
  const servers: RunningProcess[] = [];

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE cohort');
    await admin.end();
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) if (server.child.pid && isAlive(server.child.pid)) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))])));
    cluster?.destroy();
  }, 60_000);

  for (const mode of ['production', 'development'] as const) {
    it(`says nothing of its internals and answers 503 where the database is needed (${mode})`, async () => {
      await cluster.start().catch(() => undefined);
      const port = await freePort();
      const server = run(
        'npm',
        ['start'],
        userEnvironment({
          DATABASE_URL: cluster.url('cohort'),
          PORT: String(port),
          NODE_ENV: mode,
          COHORT_PERSISTED_OPERATIONS: manifest,
          COHORT_CORS_ORIGINS: 'https://shop.example',
          LOG_LEVEL: 'warn',
        }),
      );
      servers.push(server);
      if (!adminKey) {
        const [, admin, storefront] = (await server.waitFor(/ADMIN\s+(cohort_\S+)[\s\S]*STOREFRONT\s+(cohort_\S+)/, 120_000)) as unknown as [
          string,
          string,
          string,
        ];
        adminKey = admin;
        storefrontKey = storefront;
      }
      await untilServing(port, server);
      const base = `http://127.0.0.1:${port}`;
      const graphql = async (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) =>
        within(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
      const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
      // Before the outage: the admin and storefront keys are checked once (so this process remembers them), the third key never.
      if (!unusedKey) {
        const made = (await (
          await graphql(
            `mutation { createApiKey(input: { name: "never used", scopes: [ADMIN] }) { ... on MutationCreateApiKeySuccess { data { secret } } } }`,
            bearer(adminKey),
          )
        ).json()) as any;
        unusedKey = made.data.createApiKey.data.secret;
        const segment = (await (
          await graphql(
            `mutation { createSegment(input: { name: "All", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
            bearer(adminKey),
          )
        ).json()) as any;
        segmentId = segment.data.createSegment.data.segment.id;
      }
      expect((await graphql('{ shopSettings { timeZone } }', bearer(storefrontKey))).status).toBe(200);
      expect((await graphql('{ shopSettings { timeZone } }', bearer(adminKey))).status).toBe(200);

      await cluster.stop('fast');
      const sent: Sent[] = [];
      const send = async (name: string, needsDatabase: boolean, response: Promise<Response>) => {
        try {
          const answer = await response;
          sent.push({
            name,
            needsDatabase,
            status: answer.status,
            body: await answer.text(),
            retryAfter: answer.headers.get('retry-after'),
            html: (answer.headers.get('content-type') ?? '').includes('text/html'),
          });
        } catch (error) {
          // A connection cut is an answer too, and a wrong one.
          sent.push({ name, needsDatabase, status: 0, body: `the connection was cut: ${(error as Error).message}`, retryAfter: null, html: false });
        }
      };
      const madeUp = 'cohort_abcdefghijkl_0123456789012345678901234567890123456789012';
      const cart = { currency: 'USD', lines: [{ sku: 'X', quantity: 1 }] };
      const eligible = 'query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }';
      await send('landing page', false, within(`${base}/`));
      await send('GraphiQL or its notice', false, within(`${base}/graphql`, { headers: { accept: 'text/html' } }));
      await send('health', false, within(`${base}/health`));
      await send('metrics', false, within(`${base}/metrics`));
      await send('docs', false, within(`${base}/docs/`));
      await send('ready', true, within(`${base}/ready`));
      await send('anonymous __typename', false, graphql('{ __typename }'));
      await send('anonymous storefront question', false, graphql(eligible, {}, { input: { cart } }));
      await send('malformed JSON', false, within(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' }));
      await send(
        'CORS preflight',
        false,
        within(`${base}/graphql`, {
          method: 'OPTIONS',
          headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
        }),
      );
      for (const [label, key] of [
        ['checked storefront key', storefrontKey],
        ['checked admin key', adminKey],
        ['unchecked key', unusedKey],
        ['made-up key', madeUp],
      ] as const) {
        // A key this process checked before is known without the database: what needs no data is answered (a storefront key's refusals, introspection).
        const known = label.startsWith('checked');
        const admin = label !== 'checked storefront key';
        await send(`${label}: cart page`, true, graphql(eligible, bearer(key), { input: { cart } }));
        await send(`${label}: cart page, x-api-key`, true, graphql(eligible, { 'x-api-key': key }, { input: { cart } }));
        await send(
          `${label}: admin mutation`,
          admin || !known,
          graphql(`mutation { upsertProduct(input: { sku: "X", name: "X", price: { amount: 1, currency: "USD" } }) { __typename } }`, bearer(key)),
        );
        await send(`${label}: introspection`, !known, graphql('{ __schema { queryType { name } } }', bearer(key)));
        await send(
          `${label}: persisted operation`,
          true,
          within(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer(key) },
            body: JSON.stringify({ documentId: 'shop-v1' }),
          }),
        );
        await send(
          `${label}: subscription`,
          admin || !known,
          within(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(key) },
            body: JSON.stringify({
              query: `subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { entered } }`,
              variables: { segment: segmentId },
            }),
          }),
        );
        await send(`${label}: member export`, admin || !known, within(`${base}/export/segments/${segmentId}/members.csv`, { headers: bearer(key) }));
      }
      for (const answer of sent) {
        // Pages (GraphiQL's bundled editor) are static code, not answers about this request: they are held only to the patterns a leak would show.
        for (const pattern of answer.html ? INTERNALS.slice(3, 4) : INTERNALS)
          expect(answer.body, `${answer.name}: ${answer.body.slice(0, 500)}`).not.toMatch(pattern);
        if (answer.needsDatabase) {
          expect(answer.status, `${answer.name}: ${answer.body.slice(0, 300)}`).toBe(503);
          if (answer.name !== 'ready') {
            // Over server-sent events the error is the stream's first event.
            const json = answer.body.startsWith(':') || answer.body.startsWith('event:') ? (/^data: (.+)$/m.exec(answer.body)?.[1] ?? '{}') : answer.body;
            expect(JSON.parse(json).errors[0].extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: Number(answer.retryAfter) });
            expect(Number(answer.retryAfter)).toBeGreaterThan(0);
          }
        } else {
          expect(answer.status, `${answer.name}: ${answer.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
          expect(answer.status, `${answer.name}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
        }
      }
      console.log(`${mode}, database away:`, sent.map((answer) => `${answer.name} ${answer.status}`).join('; '));

      // Back: the same process serves again.
      await cluster.start();
      let status = 0;
      for (let tries = 0; tries < 100 && status !== 200; tries += 1) {
        status = (await graphql(eligible, bearer(unusedKey), { input: { cart: { currency: 'USD', lines: [] } } })).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
      expect(server.child.exitCode).toBeNull();
      server.child.kill('SIGTERM');
      await server.exited;
    }, 240_000);
  }
});
