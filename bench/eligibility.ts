// eligiblePromotions benchmark: the question a cart page asks, measured over HTTP against
// { __typename } on the same server, in alternating rounds. Prints its figures; not a test.
//
// The document is the storefront's cart page, bench/cart-page.graphql, as it is (or BENCH_DOCUMENT), sent with 240 varied carts of 1 to 8 lines with shipping
// (a tenth with a voucher code), against the catalogue of bench/catalogue.ts (run
// `npm run bench:data` first). Modes:
//   median     one shopper of median activity, many carts
//   many       1,000 shoppers around the median, in turn
//   busiest    the shopper with the most orders
//   anonymous  no customer
//   5000       the median shopper with all 5,000 promotions active (500 otherwise)
//   experiment as `many`, with a 50 % holdout running on each of the 50 highest-priority active
//              promotions (BENCH_EXPERIMENTS): stored arms read with the shopper, first
//              exposures written in a pass over every shopper before the rounds, which then measure
//              the steady state (arms read with the shopper, nothing written); run it after `many` to compare
// For each: the ratio to { __typename } (median of BENCH_ROUNDS alternating closed-loop
// rounds), CPU per request of the server process and of its own PostgreSQL backends
// (application_name "cohort", read from /proc), and p50/p99 at a fixed arrival rate (open
// loop, half the closed-loop throughput). BENCH_PORT, BENCH_SECONDS, BENCH_ROUNDS,
// BENCH_CONCURRENCY and BENCH_MODES (comma-separated) adjust it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { BENCH_DATABASE_URL } from './generate-data.js';
import { answerShape, describeMode, measureMode, processCpu, sendEach, startServer, verdict, type Load, type ModeResult } from './load.js';

const PORT = Number(process.env.BENCH_PORT ?? 4_100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MODES = (process.env.BENCH_MODES ?? 'median,many,busiest,anonymous,5000').split(',');

// The storefront's cart page, as its team keeps it; BENCH_DOCUMENT sends another one as it is.
const documentFile = process.env.BENCH_DOCUMENT ? new URL(`file://${resolve(process.env.BENCH_DOCUMENT)}`) : new URL('./cart-page.graphql', import.meta.url);
const cartPage = readFileSync(documentFile, 'utf8');

const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
await db.connect();
const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
if ((await count(`SELECT count(*) AS n FROM "Promotion" WHERE name LIKE 'Bench promotion %'`)) === 0)
  throw new Error('No bench catalogue: run `npm run bench:data` first');

/** Makes the first `active` bench promotions active and the rest drafts. */
const activate = (active: number) =>
  db.query(
    `UPDATE "Promotion" SET status = (CASE WHEN substring(name from 17)::int < $1 THEN 'ACTIVE' ELSE 'DRAFT' END)::"PromotionStatus" WHERE name LIKE 'Bench promotion %'`,
    [active],
  );
await activate(500);

// Shoppers by activity; the storefront key.
const byActivity = (
  await db.query<{ externalId: string; orders: string }>(
    `SELECT c."externalId", count(*) AS orders FROM "Order" o JOIN "Customer" c ON c.id = o."customerId" GROUP BY 1 ORDER BY count(*), 1`,
  )
).rows;
const middle = Math.floor(byActivity.length / 2);
const medianShopper = byActivity[middle] as { externalId: string; orders: string };
const busiestShopper = byActivity[byActivity.length - 1] as { externalId: string; orders: string };
const around = byActivity.slice(middle - 500, middle + 500).map((row) => row.externalId);
const views = async (externalId: string) =>
  count(`SELECT count(*) AS n FROM "ProductView" v JOIN "Customer" c ON c.id = v."customerId" WHERE c."externalId" = '${externalId}'`);
const codes = (await db.query<{ code: string }>(`SELECT code FROM "VoucherCode" ORDER BY code LIMIT 50`)).rows.map((row) => row.code);

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.LOG_LEVEL = 'error';
(await import('../src/runtime.js')).openRuntime();
const { createApiKey } = await import('../src/access/api-keys.js');
const { database } = await import('../src/db/client.js');
const { secret } = await createApiKey('bench storefront', ['STOREFRONT']);
await database.close();

// 240 carts of 1 to 8 lines among the 200 most sold products, with shipping; a tenth carry a code.
let seed = 23;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const carts = Array.from({ length: 240 }, (_, index) => {
  const lines = new Map<string, number>();
  const size = 1 + Math.floor(random() * 8);
  while (lines.size < size) lines.set(`SKU-${String(1 + Math.floor(random() * 200)).padStart(5, '0')}`, 1 + Math.floor(random() * 3));
  return {
    cart: { currency: 'USD', lines: [...lines].map(([sku, quantity]) => ({ sku, quantity })), shipping: 100 * Math.floor(random() * 15) },
    voucherCodes: index % 10 === 0 && codes.length > 0 ? [codes[index % codes.length] as string] : undefined,
  };
});
const bodiesFor = (shoppers: (string | null)[]) =>
  carts.map(({ cart, voucherCodes }, index) => {
    const shopper = shoppers[index % shoppers.length];
    return JSON.stringify({
      query: cartPage,
      operationName: 'CartPage',
      variables: { input: { ...(shopper ? { customer: { externalId: shopper } } : {}), cart, ...(voucherCodes ? { voucherCodes } : {}) } },
    });
  });
const manyBodies = around.map((shopper, index) => {
  const { cart, voucherCodes } = carts[index % carts.length] as (typeof carts)[number];
  return JSON.stringify({
    query: cartPage,
    operationName: 'CartPage',
    variables: { input: { customer: { externalId: shopper }, cart, ...(voucherCodes ? { voucherCodes } : {}) } },
  });
});
const EXPERIMENTS = Number(process.env.BENCH_EXPERIMENTS ?? 50);
/** A running 50 % holdout on each of the `count` highest-priority active bench promotions (none: ends them all). */
const runExperiments = async (count: number) => {
  await db.query(`DELETE FROM "Experiment" WHERE salt LIKE 'bench-%'`);
  if (count === 0) return;
  await db.query(
    `INSERT INTO "Experiment" (id, "promotionId", salt, coverage, arms, "expectedSampleSize", "startedAt", "updatedAt")
     SELECT 'bench-' || p.id, p.id, 'bench-' || p.id, 10000, '[{"key":"holdout","weight":5000},{"key":"treatment","weight":5000}]'::jsonb, 10000, now(), now()
       FROM "Promotion" p WHERE p.status = 'ACTIVE' AND p.name LIKE 'Bench promotion %' ORDER BY p.priority DESC, p."createdAt", p.id LIMIT $1`,
    [count],
  );
};
const modes: Record<string, { label: string; bodies: string[]; active: number; experiments?: number }> = {
  median: {
    label: `median shopper (${medianShopper.orders} orders, ${await views(medianShopper.externalId)} views), 500 promotions`,
    bodies: bodiesFor([medianShopper.externalId]),
    active: 500,
  },
  many: { label: '1,000 shoppers around the median in turn, 500 promotions', bodies: manyBodies, active: 500 },
  busiest: {
    label: `busiest shopper (${busiestShopper.orders} orders, ${await views(busiestShopper.externalId)} views), 500 promotions`,
    bodies: bodiesFor([busiestShopper.externalId]),
    active: 500,
  },
  anonymous: { label: 'anonymous shopper, 500 promotions', bodies: bodiesFor([null]), active: 500 },
  '5000': { label: 'median shopper, 5,000 promotions', bodies: bodiesFor([medianShopper.externalId]), active: 5_000 },
  experiment: {
    label: `1,000 shoppers around the median in turn, 500 promotions, ${EXPERIMENTS} of them with a 50 % holdout`,
    bodies: manyBodies,
    active: 500,
    experiments: EXPERIMENTS,
  },
};
// The server, in its own process, as `npm start` runs it; CPU of it and of the PostgreSQL backends serving it.
const server = await startServer(PORT, { DATABASE_URL: BENCH_DATABASE_URL });
const backends = async () =>
  (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = 'cohort' AND datname = current_database()`)).rows.map(
    (row) => row.pid,
  );
const load: Load = {
  url: server.url,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
  concurrency: CONCURRENCY,
  async cpu() {
    const counters: Record<string, number> = { server: processCpu(server.process.pid as number) };
    for (const pid of await backends()) counters[`postgres:${pid}`] = processCpu(pid);
    return counters;
  },
};

const results: Record<string, ModeResult> = {};
console.log(
  `Document: ${documentFile.pathname} (sha256 ${createHash('sha256').update(cartPage).digest('hex').slice(0, 12)}), ${carts.length} carts, ${CONCURRENCY} clients, ${ROUNDS} rounds of ${SECONDS} s per side`,
);
for (const name of MODES) {
  const mode = modes[name];
  if (!mode) throw new Error(`Unknown mode "${name}": ${Object.keys(modes).join(', ')}`);
  await activate(mode.active);
  await runExperiments(mode.experiments ?? 0);
  // The server re-reads its catalogue within its TTL (2 s).
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  if (mode.experiments) {
    // Every shopper once first: their first exposures are written (an insert each), so that the rounds measure what a
    // running experiment costs every cart page after that (the arms read with the shopper).
    const started = performance.now();
    const written = await sendEach(load, mode.bodies);
    console.log(`\n${name}: first exposures of ${mode.bodies.length} shoppers (${written} answered) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const result = (results[name] = await measureMode(load, mode.bodies, ROUNDS, SECONDS));
  console.log(describeMode(name, mode.label, await answerShape(load, mode.bodies), result));
}
await activate(500);
await runExperiments(0);
server.stop();
await db.end();

// Targets (issue 10), printed with the figure reached.
const targets: string[] = [];
const { median: medianMode, busiest, anonymous } = results;
const thousands = results['5000'];
if (medianMode)
  targets.push(
    `median shopper ≥ 30% of { __typename }: ${(medianMode.ratio * 100).toFixed(1)}% — ${verdict(medianMode.ratio >= 0.3)}`,
    `median shopper ≤ 3 ms server CPU: ${medianMode.cpuMs.server!.toFixed(2)} ms — ${verdict(medianMode.cpuMs.server! <= 3)}`,
  );
if (medianMode && busiest) {
  targets.push(
    `busiest ≤ 3× median, server: ${(busiest.cpuMs.server! / medianMode.cpuMs.server!).toFixed(2)}× — ${verdict(busiest.cpuMs.server! <= 3 * medianMode.cpuMs.server!)}`,
  );
  targets.push(
    `busiest ≤ 3× median, PostgreSQL: ${(busiest.cpuMs.postgres! / medianMode.cpuMs.postgres!).toFixed(2)}× — ${verdict(busiest.cpuMs.postgres! <= 3 * medianMode.cpuMs.postgres!)}`,
  );
}
if (anonymous) targets.push(`anonymous ≥ 40% of { __typename }: ${(anonymous.ratio * 100).toFixed(1)}% — ${verdict(anonymous.ratio >= 0.4)}`);
if (medianMode && thousands) {
  const cost = (result: ModeResult) => (result.cpuMs.server ?? 0) + (result.cpuMs.postgres ?? 0);
  targets.push(
    `5,000 promotions ≤ 1.5× the cost of 500 (server + PostgreSQL CPU): ${(cost(thousands) / cost(medianMode)).toFixed(2)}× — ${verdict(cost(thousands) <= 1.5 * cost(medianMode))}`,
  );
}
console.log(`\nTargets:\n${targets.map((line) => `  ${line}`).join('\n')}`);
process.exit(0);
