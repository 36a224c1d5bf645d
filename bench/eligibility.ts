// eligiblePromotions benchmark (issue: promotions). Prints its figures; not a test.
// On the bench data set (bench/generate-data.ts) it adds 300 segments and 500 active
// promotions, starts Cohort as a separate process, and measures over HTTP, in one run:
// `{ __typename }` and `eligiblePromotions` for a known customer with a five-line cart.
// Usage: npx tsx bench/generate-data.ts && npx tsx bench/eligibility.ts
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
import { spawn } from 'node:child_process';
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
const customer = byActivity[Math.floor(byActivity.length / 2)]?.externalId as string;
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

const eligibility = JSON.stringify({
  query: `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { total { amount } promotions { promotion { name } discount { amount } } } } ... on Error { message } } }`,
  variables: { input: { customer: { externalId: customer }, cart: { currency: 'USD', lines: skus.slice(0, 5).map((sku, index) => ({ sku, quantity: 1 + (index % 2) })) } } },
});
const typename = JSON.stringify({ query: '{ __typename }' });

async function load(body: string, seconds: number) {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body });
        const json = (await response.json()) as { errors?: unknown };
        if (!response.ok || json.errors) failures += 1;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] as number).toFixed(1);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), failures };
}

const sample = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: eligibility })).json();
const applied = (sample as { data: { eligiblePromotions: { data: { promotions: unknown[] } } } }).data.eligiblePromotions.data.promotions.length;
await load(typename, 2);
await load(eligibility, 2);
const base = await load(typename, SECONDS);
const hot = await load(eligibility, SECONDS);
server.kill('SIGTERM');

console.log(`Catalogue: 500 active promotions, 300 segments; customer ${customer} (median activity); 5-line cart; ${applied} promotions apply`);
console.log(`HTTP, ${CONCURRENCY} concurrent clients, ${SECONDS} s each, server in its own process:`);
console.log(`  { __typename }        ${base.rps.toFixed(0)} req/s  p50 ${base.p50} ms  p99 ${base.p99} ms  (${base.failures} failures)`);
console.log(`  eligiblePromotions    ${hot.rps.toFixed(0)} req/s  p50 ${hot.p50} ms  p99 ${hot.p99} ms  (${hot.failures} failures)`);
console.log(`  ratio: eligiblePromotions reaches ${((hot.rps / base.rps) * 100).toFixed(1)}% of { __typename } (target ≥ 25%)`);
process.exit(0);
