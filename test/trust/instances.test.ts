// Several Cohort instances on one PostgreSQL, as a shop runs them behind a load balancer:
// two `npm start` processes on one database. A write or a revocation through one is seen by
// the other at once (each keeps the catalogue and API keys in memory, with long TTLs here so
// that only the change notifications can explain it), and redemption limits stay exact with
// orders split between them. The delays are printed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForChanges } from '../../src/db/changes.js';
import { ChangeBus } from '../../src/shared/change-bus.js';
import { freePort, isAlive, run, userEnvironment, type RunningProcess } from '../support/processes.js';

const serverUrl = process.env.TEST_POSTGRES_URL;
const databaseName = `cohort_instances_${process.pid}_${Date.now()}`;
const databaseUrl = (() => {
  if (!serverUrl) return '';
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

const started: RunningProcess[] = [];
let admin: pg.Client;

describe.skipIf(!serverUrl)('two instances on one PostgreSQL', () => {
  const urls: string[] = [];
  let adminKey = '';
  let storefrontKey = '';

  const graphql = async (instance: number, query: string, variables: Record<string, unknown> = {}, key = adminKey) => {
    const response = await fetch(urls[instance] as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] };
  };
  const cart = { currency: 'USD', lines: [{ sku: 'TWO-1', quantity: 1 }] };
  const applied = async (instance: number) => {
    const result = await graphql(
      instance,
      `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
      { input: { cart } },
      storefrontKey,
    );
    return (result.data?.eligiblePromotions?.data?.promotions ?? []).map((entry: { promotion: { name: string } }) => entry.promotion.name) as string[];
  };
  /**
   * Polls until `done` holds; returns how long it took (ms), which is printed, not asserted. The
   * limit only has to be shorter than the cache a change could otherwise expire from (the
   * catalogue's 10 minutes here), so that only a notification explains it.
   */
  const within = async (done: () => Promise<boolean>, limitMs = 15_000) => {
    const startedAt = performance.now();
    while (!(await done())) {
      if (performance.now() - startedAt > limitMs) throw new Error(`Not seen within ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - startedAt;
  };

  beforeAll(async () => {
    const server = new pg.Client({ connectionString: serverUrl });
    await server.connect();
    await server.query(`CREATE DATABASE "${databaseName}"`);
    await server.end();
    // Long TTLs: only notifications can make the other instance see a change within a second.
    // Redis carries segment membership events between the instances.
    const env = { DATABASE_URL: databaseUrl, COHORT_CATALOGUE_TTL_MS: '600000', DATABASE_POOL_SIZE: '5', REDIS_URL: 'redis://127.0.0.1:6379' };
    for (let instance = 0; instance < 2; instance += 1) {
      const port = await freePort();
      const server = run('npm', ['start'], userEnvironment({ ...env, PORT: String(port) }));
      started.push(server);
      await server.waitFor(/serving GraphQL at/);
      urls.push(`http://127.0.0.1:${port}/graphql`);
      if (instance === 0) {
        adminKey = /ADMIN\s+(cohort_\S+)/.exec(server.output())?.[1] ?? '';
        storefrontKey = /STOREFRONT\s+(cohort_\S+)/.exec(server.output())?.[1] ?? '';
      }
    }
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const product = await graphql(
      0,
      `mutation { upsertProducts(input: { products: [{ sku: "TWO-1", name: "Two", price: { amount: 5000, currency: "USD" } }] }) { __typename } }`,
    );
    expect(product.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    for (const server of started) if (server.child.pid && isAlive(server.child.pid)) server.child.kill('SIGTERM');
    await Promise.all(started.map((server) => server.exited));
    await admin?.end();
    const server = new pg.Client({ connectionString: serverUrl });
    await server.connect();
    await server.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await server.end();
  }, 60_000);

  it('sees a promotion created through the other instance at once (no cache expiry)', async () => {
    expect(await applied(1)).toEqual([]); // instance 1 has read its (empty) catalogue
    const created = await graphql(0, `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename ... on Error { message } } }`, {
      input: { name: 'Made on instance 0', status: 'ACTIVE', currency: 'USD', usageLimit: 10, effects: [{ amountOff: { amount: 100 } }] },
    });
    expect(created.data?.createPromotion.__typename).toBe('MutationCreatePromotionSuccess');
    const delay = await within(async () => (await applied(1)).includes('Made on instance 0'));
    console.log(`Instance 1 saw the promotion created on instance 0 after ${delay.toFixed(0)} ms`);
  });

  it('keeps a usage limit exact with 200 concurrent orders split between the instances', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        graphql(
          index % 2,
          `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename ... on MutationRedeemSuccess { data { redemptions { id } } } } }`,
          { input: { orderRef: `TWO-${index}`, cart } },
          storefrontKey,
        ),
      ),
    );
    const recorded = answers.reduce((sum, answer) => sum + (answer.data?.redeem?.data?.redemptions?.length ?? 0), 0);
    const { rows } = await admin.query<{ applied: number; counter: number }>(
      `SELECT (SELECT count(*)::int FROM "Redemption" WHERE status = 'APPLIED') AS applied, (SELECT "redemptionCount" FROM "Promotion" WHERE name = 'Made on instance 0') AS counter`,
    );
    expect(recorded).toBe(10);
    expect(rows[0]).toEqual({ applied: 10, counter: 10 });
    // Both instances soon say the limit is reached, without waiting for their catalogue check (10 min here): the crossing is notified.
    for (const instance of [0, 1]) {
      const delay = await within(async () => (await applied(instance)).length === 0);
      console.log(`Instance ${instance} stopped offering the used-up promotion after ${delay.toFixed(0)} ms`);
    }
  }, 60_000);

  it('announces every write that another instance caches: settings, keys, promotions', async () => {
    const heard: string[] = [];
    const listener = listenForChanges(databaseUrl, hearing(heard));
    try {
      await listener.ready;
      heard.length = 0;
      const settings = await graphql(
        0,
        `mutation { updateShopSettings(input: { timeZone: "Europe/Paris" }) { ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { message } } }`,
      );
      expect(settings.errors).toBeUndefined();
      await within(async () => heard.includes('settings'));
      await graphql(0, `mutation { createApiKey(input: { name: "Announced", scopes: [STOREFRONT] }) { __typename } }`);
      await within(async () => heard.includes('apiKeys'));
      await admin.query(`UPDATE "Promotion" SET priority = priority + 1`);
      await within(async () => heard.includes('livePromotions'));
      // A key's use (lastUsedAt) is not a change: it announces nothing.
      heard.length = 0;
      await admin.query(`UPDATE "ApiKey" SET "lastUsedAt" = now()`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toEqual([]);
    } finally {
      await listener.close();
    }
  });

  it('refuses a key revoked through the other instance before its cached check expires', async () => {
    expect((await graphql(1, '{ __typename }', {}, storefrontKey)).errors).toBeUndefined(); // instance 1 remembers the key as valid (10 s)
    const keys = await graphql(0, `{ apiKeys(first: 10) { edges { node { id name } } } }`);
    const storefront = (keys.data?.apiKeys.edges as { node: { id: string; name: string } }[])
      .map((edge) => edge.node)
      .find((key) => key.name === 'Initial storefront key');
    const revoked = await graphql(0, `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`, { input: { id: storefront?.id } });
    expect(revoked.data?.revokeApiKey.__typename).toBe('MutationRevokeApiKeySuccess');
    // Instance 1 keeps a key it checked for 10 s: refused before then, the revocation was notified.
    const delay = await within(
      async () =>
        (await graphql(1, `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }`, { input: { cart } }, storefrontKey))
          .errors?.[0]?.extensions?.code === 'UNAUTHENTICATED',
      5_000,
    );
    console.log(`Instance 1 refused the key revoked on instance 0 after ${delay.toFixed(0)} ms`);
  });

  it('streams to a subscriber on one instance the segment entries recorded by the other (through Redis)', async () => {
    const segment = await graphql(
      0,
      `mutation { createSegment(input: { name: "Heard across", rule: { condition: { customerCategory: { categories: ["across"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    const abort = new AbortController();
    const stream = await fetch(urls[1] as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({
        query: 'subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { entered customer { externalId } } }',
        variables: { segment: segment.data?.createSegment.data.segment.id },
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
    await graphql(0, `mutation { upsertCustomer(input: { externalId: "across-1", category: "across" }) { __typename } }`);
    const timer = setTimeout(() => abort.abort(), 10_000);
    expect(await heard.catch(() => text)).toContain('"externalId":"across-1"');
    clearTimeout(timer);
    abort.abort();
  });

  it('ends a subscription open on one instance when its key is revoked through the other', async () => {
    const created = await graphql(
      0,
      `mutation { createApiKey(input: { name: "Watching", scopes: [ADMIN] }) { ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } } }`,
    );
    const { secret, apiKey } = created.data?.createApiKey.data as { secret: string; apiKey: { id: string } };
    const segment = await graphql(
      0,
      `mutation { createSegment(input: { name: "Watched on 1", rule: { condition: { customerCategory: { categories: ["vip"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    const abort = new AbortController();
    const stream = await fetch(urls[1] as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${secret}` },
      body: JSON.stringify({
        query: 'subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { entered } }',
        variables: { segment: segment.data?.createSegment.data.segment.id },
      }),
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const ended = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += new TextDecoder().decode(value);
      }
    })();
    const startedAt = performance.now();
    await graphql(0, `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`, { input: { id: apiKey.id } });
    const timeout = setTimeout(() => abort.abort(), 10_000);
    const body = await ended.catch(() => text).finally(() => clearTimeout(timeout));
    expect(body).toContain('"code":"UNAUTHENTICATED"');
    expect(body).toContain('event: complete');
    console.log(`The subscription on instance 1 ended ${(performance.now() - startedAt).toFixed(0)} ms after its key was revoked on instance 0`);
  });
});

describe.skipIf(!serverUrl)('the change listener', () => {
  it('drops every cache when its connection is lost, then hears changes again', async () => {
    const database = `cohort_listener_${process.pid}_${Date.now()}`;
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const url = new URL(serverUrl as string);
    url.pathname = `/${database}`;
    const heard: string[] = [];
    await client.query(`CREATE DATABASE "${database}"`);
    const listener = listenForChanges(url.toString(), hearing(heard), 50);
    try {
      await listener.ready;
      heard.length = 0;
      const other = new pg.Client({ connectionString: url.toString() });
      await other.connect();
      await other.query(`NOTIFY cohort_changes, 'settings'`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual(['settings']);
      heard.length = 0;
      await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cohort-changes' AND datname = current_database()`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(heard.sort()).toEqual(['apiKeys', 'livePromotions', 'settings']);
      heard.length = 0;
      await other.query(`NOTIFY cohort_changes, 'catalogue'`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual(['livePromotions']);
      await other.end();
    } finally {
      await listener.close();
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.end();
    }
  }, 30_000);
});

/** A bus of its own whose remote changes are written down in `heard`, by topic. */
function hearing(heard: string[]): ChangeBus {
  const bus = new ChangeBus();
  for (const topic of ['livePromotions', 'settings', 'apiKeys'] as const)
    bus.on(topic, (_change, { remote }) => {
      if (remote) heard.push(topic);
    });
  return bus;
}
