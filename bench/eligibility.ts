// eligiblePromotions benchmark (issue: promotions). Prints its figures; not a test.
// On the bench data set (bench/generate-data.ts) it adds 300 segments and 500 active
// promotions, starts Cohort as a separate process, and measures over HTTP, in one run:
// `{ __typename }` and `eligiblePromotions` for a known customer with a five-line cart.
// Usage: npx tsx bench/generate-data.ts && npx tsx bench/eligibility.ts
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { BENCH_DATABASE_URL } from './generate-data.js';

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.LOG_LEVEL = 'error';
const { database, prisma } = await import('../src/db/client.js');
const { createApiKey } = await import('../src/access/api-keys.js');
const { createSegment } = await import('../src/segments/segments.js');
const { createPromotion } = await import('../src/promotions/promotions.js');
const { systemClock } = await import('../src/shared/clock.js');
const { applyPendingMigrations } = await import('../src/db/migrate.js');
await applyPendingMigrations(database.adapterFactory);

const PORT = 4_100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

let seed = 11;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;

// 1. Catalogue: 300 segments, 500 promotions (replacing the previous bench ones).
await prisma.promotion.deleteMany({ where: { name: { startsWith: 'Bench ' } } });
await prisma.segment.deleteMany({ where: { name: { startsWith: 'Bench ' } } });
const skus = (await prisma.product.findMany({ select: { sku: true }, take: 200, orderBy: { sku: 'asc' } })).map((product) => product.sku);
const leaves = [
  () => ({ condition: { type: 'amountSpent', params: { amount: { atLeast: { amount: Math.floor(random() * 100_000), currency: 'USD' } }, within: { lastDays: pick([90, 365]) } } } }),
  () => ({ condition: { type: 'viewCount', params: { products: { skus: [pick(skus)] }, count: { atLeast: 1 + Math.floor(random() * 3) } } } }),
  () => ({ condition: { type: 'brandPurchased', params: { brands: [`Brand ${Math.floor(random() * 20)}`], within: { lastDays: 90 } } } }),
  () => ({ condition: { type: 'customerCategory', params: { categories: [pick(['wholesale', 'vip', 'retail'])] } } }),
  () => ({ condition: { type: 'orderCount', params: { count: { atLeast: 1 + Math.floor(random() * 10) } } } }),
  () => ({ condition: { type: 'country', params: { anyOf: [pick(['US', 'FR', 'DE', 'CA', 'GB'])] } } }),
];
const segmentIds: string[] = [];
for (let index = 0; index < 300; index += 1) {
  const size = 1 + Math.floor(random() * 3);
  const children = Array.from({ length: size }, () => pick(leaves)());
  const rule = size === 1 ? children[0] : { [random() < 0.7 ? 'and' : 'or']: children };
  segmentIds.push((await createSegment({ name: `Bench segment ${index}`, rule }, systemClock)).id);
}
for (let index = 0; index < 500; index += 1) {
  await createPromotion({
    name: `Bench promotion ${index}`,
    status: 'ACTIVE',
    currency: 'USD',
    priority: Math.floor(random() * 10),
    includeSegmentIds: [pick(segmentIds), ...(random() < 0.3 ? [pick(segmentIds)] : [])],
    cartRule: random() < 0.3 ? { condition: { type: 'cartSubtotal', params: { subtotal: { atLeast: { amount: 5_000 + Math.floor(random() * 20_000), currency: 'USD' } } } } } : null,
    effects: [random() < 0.5 ? { type: 'percentageOff', basisPoints: 100 * (1 + Math.floor(random() * 20)), target: { kind: 'ORDER' } } : { type: 'amountOff', amount: 100 * (1 + Math.floor(random() * 20)), target: { kind: 'ORDER' } }],
  });
}
const { secret } = await createApiKey('bench storefront', ['STOREFRONT']);
const byActivity = await prisma.$queryRaw<{ externalId: string }[]>`
  SELECT c."externalId" FROM "Order" o JOIN "Customer" c ON c.id = o."customerId" GROUP BY c."externalId" ORDER BY count(*), 1`;
const middle = Math.floor(byActivity.length / 2);
const customer = byActivity[middle]?.externalId as string;
// A second load asks for 1,000 different customers around the median, in turn: nothing about
// a customer is cached between requests, and this shows it.
const customers = byActivity.slice(middle - 500, middle + 500).map((row) => row.externalId);
await database.close();

// 2. The server, in its own process.
const server = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts'], { env: { ...process.env, PORT: String(PORT), NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
const url = `http://127.0.0.1:${PORT}/graphql`;
for (let attempt = 0; ; attempt += 1) {
  const up = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then(() => true, () => false);
  if (up) break;
  if (attempt > 100) throw new Error('The server did not start');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

const query = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { total { amount } promotions { promotion { name } discount { amount } } } } ... on Error { message } } }`;
const cart = { currency: 'USD', lines: skus.slice(0, 5).map((sku, index) => ({ sku, quantity: 1 + (index % 2) })) };
const eligibilityFor = (externalId: string) => JSON.stringify({ query, variables: { input: { customer: { externalId }, cart } } });
const eligibility = eligibilityFor(customer);
const manyCustomers = customers.map(eligibilityFor);
const typename = JSON.stringify({ query: '{ __typename }' });

// CPU time (ms) used so far by the server, by PostgreSQL's processes and by this client, read
// from /proc (Linux): it tells where each request's time goes on a machine where all three share the cores.
const TICK_MS = 10;
function processCpu(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
function cpuNow() {
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += processCpu(pid);
    } catch {
      // the process ended
    }
  }
  const own = process.cpuUsage();
  return { server: processCpu(server.pid as number), postgres, client: (own.user + own.system) / 1000 };
}

async function load(body: string | string[], seconds: number) {
  const cpuBefore = cpuNow();
  const bodies = Array.isArray(body) ? body : [body];
  let next = 0;
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: bodies[next++ % bodies.length] });
        const json = (await response.json()) as { errors?: unknown };
        if (!response.ok || json.errors) failures += 1;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] as number).toFixed(1);
  const cpuAfter = cpuNow();
  const perRequest = (key: keyof typeof cpuAfter) => ((cpuAfter[key] - cpuBefore[key]) / latencies.length).toFixed(2);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures, cpu: `CPU/request: server ${perRequest('server')} ms, PostgreSQL ${perRequest('postgres')} ms, client ${perRequest('client')} ms` };
}

const sample = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: eligibility })).json();
const applied = (sample as { data: { eligiblePromotions: { data: { promotions: unknown[] } } } }).data.eligiblePromotions.data.promotions.length;
// Warm-up: the server's JIT needs a few thousand requests of each kind to settle.
await load(typename, 3);
await load(eligibility, 6);
await load(manyCustomers, 3);
// Alternating rounds, so that a noisy neighbour slows both sides alike; the ratio is the median round's.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const rounds: { base: Awaited<ReturnType<typeof load>>; hot: Awaited<ReturnType<typeof load>>; many: Awaited<ReturnType<typeof load>> }[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const base = await load(typename, SECONDS);
  const hot = await load(eligibility, SECONDS);
  const many = await load(manyCustomers, SECONDS);
  rounds.push({ base, hot, many });
}
server.kill('SIGTERM');

const line = (label: string, result: Awaited<ReturnType<typeof load>>) =>
  `  ${label.padEnd(44)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  (${result.failures} failures)\n  ${''.padEnd(44)} ${result.cpu}`;
console.log(`Catalogue: 500 active promotions, 300 segments; customer ${customer} (median activity); 5-line cart; ${applied} promotions apply`);
console.log(`HTTP, ${CONCURRENCY} concurrent clients, ${ROUNDS} alternating rounds of ${SECONDS} s each, server in its own process:`);
const ratios: number[] = [];
rounds.forEach(({ base, hot, many }, index) => {
  ratios.push(hot.rps / base.rps);
  console.log(`round ${index + 1}`);
  console.log(line('{ __typename }', base));
  console.log(line('eligiblePromotions, one customer', hot));
  console.log(line('eligiblePromotions, 1,000 customers in turn', many));
  console.log(`  ratio ${((hot.rps / base.rps) * 100).toFixed(1)}% (one customer), ${((many.rps / base.rps) * 100).toFixed(1)}% (1,000 customers)`);
});
const median = [...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)] as number;
console.log(`median ratio: eligiblePromotions reaches ${(median * 100).toFixed(1)}% of { __typename } (target ≥ 25%)`);
process.exit(0);
