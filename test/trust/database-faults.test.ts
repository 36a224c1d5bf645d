// The database's worst day, under write load: two Cohort instances (`npm start`) on a private
// PostgreSQL cluster of the test's own, with shoppers redeeming, an importer writing orders
// that move customers into a segment (webhooks follow), storefront reads and a readiness probe,
// while the test ends every Cohort backend (pg_terminate_backend: the request pools, the
// transactions, the job workers, their lease and the change listener), then restarts the
// cluster with `-m fast` and with `-m immediate`. Clients retry what answers 503, as the answer
// tells them to. Afterwards: both processes are alive; every answer was a success or a
// retryable 503 (never a masked error); /ready went 503 and came back; the redemptions are
// exactly the promotion's limit; no recorded membership is missing; every event was delivered;
// the change listener and the jobs work again. What happened is printed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, run, userEnvironment, type RunningProcess } from '../support/processes.js';
import { POSTGRES_BINARIES, startPrivateCluster, type PrivateCluster } from '../support/private-postgres.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

// The cluster is the test's own; the PostgreSQL run of the suite (TEST_POSTGRES_URL) is where it belongs.
const enabled = Boolean(process.env.TEST_POSTGRES_URL && POSTGRES_BINARIES);
const LIMIT = 25;
const SECRETS_KEY = 'dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=';

interface Answer {
  status: number;
  code: string;
  retryAfter: string | null;
  body: any;
}

/** Waits for /health to answer (the log is kept to warnings here, so the start line is not printed). */
async function untilServing(port: number, server: RunningProcess): Promise<void> {
  for (let tries = 0; tries < 1_200; tries += 1) {
    if (server.child.exitCode !== null) throw new Error(`Cohort exited: ${server.output()}`);
    if ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Cohort did not start: ${server.output()}`);
}

describe.runIf(enabled)('a PostgreSQL restart under write load', () => {
  let cluster: PrivateCluster;
  let receiver: Receiver;
  const instances: { server: RunningProcess; url: string }[] = [];
  let adminKey = '';
  let storefrontKey = '';

  const send = async (instance: number, query: string, variables: Record<string, unknown>, key: string): Promise<Answer> => {
    const response = await fetch(instances[instance]?.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return {
      status: response.status,
      code: body.errors ? String(body.errors[0]?.extensions?.code) : 'OK',
      retryAfter: response.headers.get('retry-after'),
      body,
    };
  };
  const answers: Answer[] = [];
  /** Sends until the answer is not a retryable 503, waiting as the answer says (at most 200 ms here, to keep the test short). */
  const untilDone = async (instance: number, query: string, variables: Record<string, unknown>, key: string): Promise<Answer> => {
    for (;;) {
      const answer = await send(instance, query, variables, key);
      answers.push(answer);
      if (answer.status !== 503) return answer;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, Number(answer.retryAfter) * 1000)));
    }
  };

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE cohort');
    await admin.end();
    receiver = await startReceiver();
    const env = {
      DATABASE_URL: cluster.url('cohort'),
      DATABASE_POOL_SIZE: '5',
      // Long TTLs: after the faults, only the change listener can make the other instance see a change soon.
      COHORT_CATALOGUE_TTL_MS: '600000',
      COHORT_SECRETS_KEY: SECRETS_KEY,
      COHORT_WEBHOOK_RETRIES: '200ms,500ms,1s,2s,3s,5s,5s',
      COHORT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      COHORT_JOB_SWEEP_MS: '1000',
      COHORT_JOB_POLL_MS: '200',
      LOG_LEVEL: 'warn',
    };
    for (let instance = 0; instance < 2; instance += 1) {
      const port = await freePort();
      const server = run('npm', ['start'], userEnvironment({ ...env, PORT: String(port) }));
      instances.push({ server, url: `http://127.0.0.1:${port}/graphql` });
      if (instance === 0) {
        const [, admin, storefront] = (await server.waitFor(/ADMIN\s+(cohort_\S+)[\s\S]*STOREFRONT\s+(cohort_\S+)/, 120_000)) as unknown as [
          string,
          string,
          string,
        ];
        adminKey = admin;
        storefrontKey = storefront;
      }
      await untilServing(port, server);
    }
    const setup = async (query: string, variables: Record<string, unknown> = {}) => {
      const answer = await send(0, query, variables, adminKey);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data;
    };
    await setup(`mutation { upsertProduct(input: { sku: "FAULT-1", name: "Item", price: { amount: 5000, currency: "USD" } }) { __typename } }`);
    await setup(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, {
      input: { name: 'Spent more than $100', rule: { condition: { amountSpent: { amount: { moreThan: { amount: 10_000, currency: 'USD' } } } } } },
    });
    await setup(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
      input: { name: 'Limited', status: 'ACTIVE', currency: 'USD', usageLimit: LIMIT, effects: [{ amountOff: { amount: 100 } }] },
    });
    const endpoint = await setup(
      `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { data { secret } } } }`,
      {
        input: { url: receiver.url, eventTypes: ['SEGMENT_ENTERED', 'REDEMPTION_CREATED'] },
      },
    );
    receiver.secret = endpoint.createWebhookEndpoint.data.secret;
  }, 240_000);

  afterAll(async () => {
    for (const { server } of instances) if (server.child.pid && isAlive(server.child.pid)) server.child.kill('SIGTERM');
    await Promise.all(instances.map(({ server }) => Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))])));
    await receiver?.close();
    cluster?.destroy();
  }, 60_000);

  it('keeps both processes serving, answers every failure as retryable, and loses nothing', async () => {
    let stop = false;
    const readiness: { at: number; status: number }[] = [];
    const started = performance.now();
    const probe = (async () => {
      while (!stop) {
        const response = await fetch(instances[0]?.url.replace('/graphql', '/ready') as string).catch(() => null);
        readiness.push({ at: performance.now() - started, status: response?.status ?? 0 });
        await response?.text();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const cart = { currency: 'USD', lines: [{ sku: 'FAULT-1', quantity: 1 }] };
    const redeemed: string[] = [];
    const shopper = async (worker: number) => {
      for (let n = 0; !stop; n += 1) {
        const orderRef = `R-${worker}-${n}`;
        const answer = await untilDone(
          n % 2,
          `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename } }`,
          { input: { orderRef, customer: { externalId: `c-${worker}` }, cart } },
          storefrontKey,
        );
        if (answer.body.data?.redeem?.__typename === 'MutationRedeemSuccess') redeemed.push(orderRef);
      }
    };
    const imported: string[] = [];
    const importer = async (worker: number) => {
      for (let n = 0; !stop; n += 1) {
        const externalId = `O-${worker}-${n}`;
        // $60 an order against a $100 threshold: each customer enters the segment with their second order (four customers per importer).
        const order = {
          externalId,
          customer: { externalId: `c-${worker}-${n % 4}` },
          placedAt: new Date().toISOString(),
          status: 'VALIDATED',
          currency: 'USD',
          lines: [{ sku: 'FAULT-1', quantity: 1, unitPrice: 6_000 }],
        };
        const answer = await untilDone(n % 2, `mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }`, { input: order }, adminKey);
        if (answer.body.data?.upsertOrder?.__typename === 'MutationUpsertOrderSuccess') imported.push(externalId);
      }
    };
    const reader = async (worker: number) => {
      while (!stop)
        await untilDone(
          worker % 2,
          `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }`,
          { input: { customer: { externalId: `c-${worker}` }, cart } },
          storefrontKey,
        );
    };
    const customers = [...[0, 1, 2, 3, 4, 5].map((worker) => `c-${worker}`), ...[0, 1, 2, 3].flatMap((worker) => [0, 1, 2, 3].map((n) => `c-${worker}-${n}`))];
    const created = await untilDone(
      0,
      `mutation ($input: UpsertCustomersInput!) { upsertCustomers(input: $input) { __typename } }`,
      { input: { customers: customers.map((externalId) => ({ externalId })) } },
      adminKey,
    );
    expect(created.body.data.upsertCustomers.__typename).toBe('MutationUpsertCustomersSuccess');
    const load = [...[0, 1, 2, 3, 4, 5].map(shopper), ...[0, 1, 2, 3].map(importer), ...[0, 1].map(reader)];

    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const faults: { fault: string; at: number; ended?: number }[] = [];
    await wait(3_000);
    const terminated = await cluster.terminate('cohort%');
    faults.push({ fault: `pg_terminate_backend of ${terminated} Cohort backends`, at: performance.now() - started });
    await wait(4_000);
    faults.push({ fault: 'pg_ctl restart -m fast', at: performance.now() - started });
    await cluster.restart('fast');
    (faults.at(-1) as { ended?: number }).ended = performance.now() - started;
    await wait(5_000);
    faults.push({ fault: 'pg_ctl restart -m immediate', at: performance.now() - started });
    await cluster.restart('immediate');
    (faults.at(-1) as { ended?: number }).ended = performance.now() - started;
    await wait(5_000);
    stop = true;
    await Promise.all([...load, probe]);

    // Both processes still serve.
    for (const { server } of instances) expect(server.child.exitCode, server.output().slice(-3000)).toBeNull();

    // Every answer is a success or a retryable 503 telling when to retry; none is a masked error.
    const tally = new Map<string, number>();
    for (const answer of answers) tally.set(`${answer.status} ${answer.code}`, (tally.get(`${answer.status} ${answer.code}`) ?? 0) + 1);
    console.log(
      'Answers during the faults:',
      Object.fromEntries(tally),
      'faults:',
      faults.map((fault) => `${fault.fault} at ${(fault.at / 1000).toFixed(1)} s`).join('; '),
    );
    for (const answer of answers) {
      if (answer.status === 503) {
        expect(['UNAVAILABLE', 'BUSY']).toContain(answer.code);
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        expect(answer.body.errors[0].extensions.retryAfterSeconds).toBe(Number(answer.retryAfter));
      } else expect({ status: answer.status, code: answer.code }).toEqual({ status: 200, code: 'OK' });
    }

    // /ready said 503 during the restarts and 200 again after; how long it took is printed.
    const restarts = faults.filter((fault) => fault.fault.startsWith('pg_ctl'));
    for (const restart of restarts) {
      const back = readiness.find((entry) => entry.at > (restart.ended as number) && entry.status === 200);
      expect(back, JSON.stringify(readiness)).toBeDefined();
      console.log(`${restart.fault}: /ready 200 again ${(((back as { at: number }).at - restart.at) / 1000).toFixed(1)} s after it began`);
    }
    expect(readiness.some((entry) => entry.status === 503)).toBe(true);
    expect(readiness.at(-1)?.status).toBe(200);

    // Redemptions: exactly the limit, each order once, the counter agreeing.
    const db = new pg.Client({ connectionString: cluster.url('cohort') });
    await db.connect();
    try {
      const { rows: counted } = await db.query<{ applied: number; orders: number; counter: number }>(
        `SELECT count(*)::int AS applied, count(DISTINCT "orderRef")::int AS orders, (SELECT "redemptionCount" FROM "Promotion" WHERE name = 'Limited') AS counter FROM "Redemption" WHERE status = 'APPLIED'`,
      );
      expect(redeemed.length).toBeGreaterThan(LIMIT);
      expect(counted[0]).toEqual({ applied: LIMIT, orders: LIMIT, counter: LIMIT });

      // Every order the importer was told is recorded is there.
      const { rows: orders } = await db.query<{ count: number }>(`SELECT count(*)::int FROM "Order" WHERE "externalId" = ANY($1::text[])`, [imported]);
      expect(orders[0]?.count).toBe(imported.length);

      // No membership is missing: the record agrees with the rule without a reconciliation's correction.
      const reconciled = await send(
        0,
        `mutation { reconcileSegmentMemberships { ... on MutationReconcileSegmentMembershipsSuccess { data { corrected } } } }`,
        {},
        adminKey,
      );
      expect(reconciled.body.data.reconcileSegmentMemberships.data.corrected).toBe(0);

      // Every event recorded is delivered, signed.
      const deadline = performance.now() + 60_000;
      let events: string[] = [];
      for (;;) {
        events = (await db.query<{ id: string }>(`SELECT id FROM "WebhookEvent"`)).rows.map((row) => row.id);
        const delivered = new Set(receiver.received.filter((request) => request.verified).map((request) => request.id));
        if (events.every((id) => delivered.has(id)) || performance.now() > deadline) {
          expect(events.filter((id) => !delivered.has(id))).toEqual([]);
          break;
        }
        await wait(250);
      }
      const { rows: entered } = await db.query<{ count: number }>(`SELECT count(*)::int FROM "SegmentMembershipEvent" WHERE entered`);
      console.log(
        `${redeemed.length} orders redeemed against a limit of ${LIMIT}: ${counted[0]?.applied} redemptions; ${imported.length} orders imported; ${entered[0]?.count} segment entries; ${events.length} events, all delivered`,
      );
      expect(entered[0]?.count).toBeGreaterThan(0);
      expect(events.length).toBe(LIMIT + (entered[0]?.count ?? 0));
    } finally {
      await db.end();
    }

    // The change listener hears again: a promotion made on one instance is offered by the other within seconds (its TTL is 10 minutes).
    await send(
      0,
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`,
      { input: { name: 'After the faults', status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 50 } }] } },
      adminKey,
    );
    const offered = async () => {
      const answer = await send(
        1,
        `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
        { input: { cart } },
        storefrontKey,
      );
      return (answer.body.data?.eligiblePromotions?.data?.promotions ?? []).some(
        (entry: { promotion: { name: string } }) => entry.promotion.name === 'After the faults',
      );
    };
    let tries = 0;
    while (!(await offered())) {
      if ((tries += 1) > 100) throw new Error('The other instance did not offer the new promotion within 10 s: its change listener did not come back');
      await wait(100);
    }
  }, 240_000);
});
