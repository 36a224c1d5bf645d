// eligiblePromotions benchmark: the question a cart page asks, measured over HTTP against
// { __typename } on the same server, in alternating rounds. Prints its figures; not a test.
//
// The document is ../shared/bench/cart-page.graphql as it is (bench/cart-page.graphql, a copy,
// when the shared folder is absent), sent with 240 varied carts of 1 to 8 lines with shipping
// (a tenth with a voucher code), against the catalogue of bench/catalogue.ts (run
// `npm run bench:data` first). Modes:
//   median     one shopper of median activity, many carts
//   many       1,000 shoppers around the median, in turn
//   busiest    the shopper with the most orders
//   anonymous  no customer
//   5000       the median shopper with all 5,000 promotions active (500 otherwise)
// For each: the ratio to { __typename } (median of BENCH_ROUNDS alternating closed-loop
// rounds), CPU per request of the server process and of its own PostgreSQL backends
// (application_name "cohort", read from /proc), and p50/p99 at a fixed arrival rate (open
// loop, half the closed-loop throughput). BENCH_PORT, BENCH_SECONDS, BENCH_ROUNDS,
// BENCH_CONCURRENCY and BENCH_MODES (comma-separated) adjust it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { BENCH_DATABASE_URL } from './generate-data.js';

const PORT = Number(process.env.BENCH_PORT ?? 4_100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MODES = (process.env.BENCH_MODES ?? 'median,many,busiest,anonymous,5000').split(',');

const sharedDocument = new URL('../../shared/bench/cart-page.graphql', import.meta.url);
const documentFile = existsSync(sharedDocument) ? sharedDocument : new URL('./cart-page.graphql', import.meta.url);
const cartPage = readFileSync(documentFile, 'utf8');

const db = new pg.Client({ connectionString: BENCH_DATABASE_URL });
await db.connect();
const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
if ((await count(`SELECT count(*) AS n FROM "Promotion" WHERE name LIKE 'Bench promotion %'`)) === 0) throw new Error('No bench catalogue: run `npm run bench:data` first');

/** Makes the first `active` bench promotions active and the rest drafts. */
const activate = (active: number) =>
  db.query(`UPDATE "Promotion" SET status = (CASE WHEN substring(name from 17)::int < $1 THEN 'ACTIVE' ELSE 'DRAFT' END)::"PromotionStatus" WHERE name LIKE 'Bench promotion %'`, [active]);
await activate(500);

// Shoppers by activity; the storefront key.
const byActivity = (await db.query<{ externalId: string; orders: string }>(`SELECT c."externalId", count(*) AS orders FROM "Order" o JOIN "Customer" c ON c.id = o."customerId" GROUP BY 1 ORDER BY count(*), 1`)).rows;
const middle = Math.floor(byActivity.length / 2);
const medianShopper = byActivity[middle] as { externalId: string; orders: string };
const busiestShopper = byActivity[byActivity.length - 1] as { externalId: string; orders: string };
const around = byActivity.slice(middle - 500, middle + 500).map((row) => row.externalId);
const views = async (externalId: string) => count(`SELECT count(*) AS n FROM "ProductView" v JOIN "Customer" c ON c.id = v."customerId" WHERE c."externalId" = '${externalId}'`);
const codes = (await db.query<{ code: string }>(`SELECT code FROM "VoucherCode" ORDER BY code LIMIT 50`)).rows.map((row) => row.code);

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.LOG_LEVEL = 'error';
const { createApiKey } = await import('../src/access/api-keys.js');
const { database } = await import('../src/db/client.js');
const { secret } = await createApiKey('bench storefront', ['STOREFRONT']);
await database.close();

// 240 carts of 1 to 8 lines among the 200 most sold products, with shipping; a tenth carry a code.
let seed = 23;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
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
    return JSON.stringify({ query: cartPage, operationName: 'CartPage', variables: { input: { ...(shopper ? { customer: { externalId: shopper } } : {}), cart, ...(voucherCodes ? { voucherCodes } : {}) } } });
  });
const manyBodies = around.map((shopper, index) => {
  const { cart, voucherCodes } = carts[index % carts.length] as (typeof carts)[number];
  return JSON.stringify({ query: cartPage, operationName: 'CartPage', variables: { input: { customer: { externalId: shopper }, cart, ...(voucherCodes ? { voucherCodes } : {}) } } });
});
const modes: Record<string, { label: string; bodies: string[]; active: number }> = {
  median: { label: `median shopper (${medianShopper.orders} orders, ${await views(medianShopper.externalId)} views), 500 promotions`, bodies: bodiesFor([medianShopper.externalId]), active: 500 },
  many: { label: '1,000 shoppers around the median in turn, 500 promotions', bodies: manyBodies, active: 500 },
  busiest: { label: `busiest shopper (${busiestShopper.orders} orders, ${await views(busiestShopper.externalId)} views), 500 promotions`, bodies: bodiesFor([busiestShopper.externalId]), active: 500 },
  anonymous: { label: 'anonymous shopper, 500 promotions', bodies: bodiesFor([null]), active: 500 },
  '5000': { label: 'median shopper, 5,000 promotions', bodies: bodiesFor([medianShopper.externalId]), active: 5_000 },
};
const typename = [JSON.stringify({ query: '{ __typename }' })];

// The server, in its own process, as `npm start` runs it.
const server = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts'], {
  env: { ...process.env, PORT: String(PORT), NODE_ENV: 'production', DATABASE_URL: BENCH_DATABASE_URL },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${PORT}/graphql`;
for (let attempt = 0; ; attempt += 1) {
  if (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typename[0] }).then(() => true, () => false)) break;
  if (attempt > 150) throw new Error('The server did not start');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

// CPU (ms) of the server process and of the PostgreSQL backends serving it, from /proc.
const TICK_MS = 10;
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
const backends = async () => (await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = 'cohort' AND datname = current_database()`)).rows.map((row) => row.pid);
async function cpuNow() {
  const pids = await backends();
  return { server: processCpu(server.pid as number), postgres: new Map(pids.map((pid) => [pid, processCpu(pid)])) };
}
function cpuSpent(before: Awaited<ReturnType<typeof cpuNow>>, after: Awaited<ReturnType<typeof cpuNow>>) {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return { server: after.server - before.server, postgres };
}

const headers = { 'content-type': 'application/json', authorization: `Bearer ${secret}` };
async function send(body: string): Promise<boolean> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const json = (await response.json()) as { errors?: unknown; data?: { eligiblePromotions?: { __typename?: string } } };
  return response.ok && !json.errors && (json.data?.eligiblePromotions?.__typename ?? 'QueryEligiblePromotionsSuccess') === 'QueryEligiblePromotionsSuccess';
}

interface Round {
  rps: number;
  serverMs: number;
  postgresMs: number;
  failures: number;
}

/** Closed loop: CONCURRENCY clients, each sending its next request when the last is answered. */
async function closedLoop(bodies: string[], seconds: number): Promise<Round> {
  const before = await cpuNow();
  let next = 0;
  let done = 0;
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        if (!(await send(bodies[next++ % bodies.length] as string))) failures += 1;
        done += 1;
      }
    }),
  );
  const spent = cpuSpent(before, await cpuNow());
  return { rps: done / seconds, serverMs: spent.server / done, postgresMs: spent.postgres / done, failures };
}

/** Open loop: requests sent at a fixed rate whatever the answers; latency counted from when each was due. */
async function openLoop(bodies: string[], rate: number, seconds: number) {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.floor(rate * seconds);
  for (let index = 0; index < total; index += 1) {
    const due = start + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(bodies[index % bodies.length] as string).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] as number;
  return { rate, p50: at(0.5), p99: at(0.99) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** What the answers look like: promotions applied and response size, medians over the first carts. */
async function answerShape(bodies: string[]) {
  const applied: number[] = [];
  const bytes: number[] = [];
  for (const body of bodies.slice(0, 40)) {
    const text = await (await fetch(url, { method: 'POST', headers, body })).text();
    bytes.push(text.length);
    applied.push((JSON.parse(text) as { data?: { eligiblePromotions?: { data?: { promotions?: unknown[] } } } }).data?.eligiblePromotions?.data?.promotions?.length ?? 0);
  }
  return { applied: median(applied), bytes: median(bytes) };
}

const results: Record<string, { ratio: number; ratios: number[]; serverMs: number; postgresMs: number; baseServerMs: number; rps: number; open: Awaited<ReturnType<typeof openLoop>>; failures: number }> = {};

console.log(`Document: ${documentFile.pathname} (sha256 ${createHash('sha256').update(cartPage).digest('hex').slice(0, 12)}), ${carts.length} carts, ${CONCURRENCY} clients, ${ROUNDS} rounds of ${SECONDS} s per side`);
for (const name of MODES) {
  const mode = modes[name];
  if (!mode) throw new Error(`Unknown mode "${name}": ${Object.keys(modes).join(', ')}`);
  await activate(mode.active);
  // The server re-reads its catalogue within its TTL (2 s); then warm up (its JIT settles after a few thousand requests).
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  await closedLoop(typename, 2);
  await closedLoop(mode.bodies, 4);
  const shape = await answerShape(mode.bodies);
  const bases: Round[] = [];
  const runs: Round[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    bases.push(await closedLoop(typename, SECONDS));
    runs.push(await closedLoop(mode.bodies, SECONDS));
  }
  const ratios = runs.map((run, index) => run.rps / (bases[index] as Round).rps);
  const rps = median(runs.map((run) => run.rps));
  const open = await openLoop(mode.bodies, Math.max(1, Math.round(rps / 2)), SECONDS);
  results[name] = {
    ratio: median(ratios),
    ratios,
    serverMs: median(runs.map((run) => run.serverMs)),
    postgresMs: median(runs.map((run) => run.postgresMs)),
    baseServerMs: median(bases.map((run) => run.serverMs)),
    rps,
    open,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
  const result = results[name];
  console.log(`\n${name}: ${mode.label}; a cart gets ${shape.applied} promotions, ${(shape.bytes / 1024).toFixed(1)} kB of JSON (medians)`);
  console.log(`  closed loop: ${rps.toFixed(0)} req/s, ${(result.ratio * 100).toFixed(1)}% of { __typename } (rounds: ${ratios.map((ratio) => `${(ratio * 100).toFixed(1)}%`).join(', ')})`);
  console.log(`  CPU per request: server ${result.serverMs.toFixed(2)} ms, its PostgreSQL backends ${result.postgresMs.toFixed(2)} ms ({ __typename }: server ${result.baseServerMs.toFixed(2)} ms)`);
  console.log(`  open loop at ${open.rate} req/s: p50 ${open.p50.toFixed(1)} ms, p99 ${open.p99.toFixed(1)} ms${result.failures ? `; ${result.failures} failures` : ''}`);
}
await activate(500);
server.kill('SIGTERM');
await db.end();

// Targets (issue 10), printed with the figure reached.
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const targets: string[] = [];
const { median: medianMode, busiest, anonymous } = results;
const thousands = results['5000'];
if (medianMode) targets.push(`median shopper ≥ 30% of { __typename }: ${(medianMode.ratio * 100).toFixed(1)}% — ${verdict(medianMode.ratio >= 0.3)}`, `median shopper ≤ 3 ms server CPU: ${medianMode.serverMs.toFixed(2)} ms — ${verdict(medianMode.serverMs <= 3)}`);
if (medianMode && busiest) {
  targets.push(`busiest ≤ 3× median, server: ${(busiest.serverMs / medianMode.serverMs).toFixed(2)}× — ${verdict(busiest.serverMs <= 3 * medianMode.serverMs)}`);
  targets.push(`busiest ≤ 3× median, PostgreSQL: ${(busiest.postgresMs / medianMode.postgresMs).toFixed(2)}× — ${verdict(busiest.postgresMs <= 3 * medianMode.postgresMs)}`);
}
if (anonymous) targets.push(`anonymous ≥ 40% of { __typename }: ${(anonymous.ratio * 100).toFixed(1)}% — ${verdict(anonymous.ratio >= 0.4)}`);
if (medianMode && thousands) {
  const cost = (result: typeof medianMode) => result.serverMs + result.postgresMs;
  targets.push(`5,000 promotions ≤ 1.5× the cost of 500 (server + PostgreSQL CPU): ${(cost(thousands) / cost(medianMode)).toFixed(2)}× — ${verdict(cost(thousands) <= 1.5 * cost(medianMode))}`);
}
console.log(`\nTargets:\n${targets.map((line) => `  ${line}`).join('\n')}`);
process.exit(0);
