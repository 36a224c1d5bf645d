// Segment benchmarks (issue: condition plugins and segments). Prints its figures; not a test.
//  1. Whole-base member count of "spent more than $300 in the last 365 days AND viewed
//     product X at least 3 times AND NOT in category wholesale", through Cohort's compiled
//     predicate versus a hand-written SQL query for the same question, same run, alternated.
//  2. In-memory evaluation of 200 segments for one shopper whose facts are loaded.
// Usage: npx tsx bench/generate-data.ts && npx tsx bench/segments.ts
import { BENCH_DATABASE_URL } from './generate-data.js';

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.LOG_LEVEL = 'error';
const { database, prisma, query } = await import('../src/db/client.js');
const { conditionRegistry } = await import('../src/segments/condition-plugins.js');
const { countMembers } = await import('../src/segments/membership.js');
const { evaluateRuleTree, factsOf, parseRuleTree } = await import('../src/segments/rule-tree.js');
const { fixedClock, DAY_MS } = await import('../src/shared/clock.js');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const clock = fixedClock(new Date());
const now = clock.now();

// The most viewed product, so the question has members.
const [popular] = await prisma.$queryRaw<{ sku: string; id: string }[]>`SELECT p.sku, p.id FROM "ProductView" v JOIN "Product" p ON p.id = v."productId" GROUP BY p.id ORDER BY count(*) DESC LIMIT 1`;
if (!popular) throw new Error('No data: run `npx tsx bench/generate-data.ts` first');

const rule = parseRuleTree(
  {
    and: [
      { condition: { type: 'amountSpent', params: { amount: { atLeast: { amount: 30_001, currency: 'USD' } }, within: { lastDays: 365 } } } },
      { condition: { type: 'viewCount', params: { products: { skus: [popular.sku] }, count: { atLeast: 3 } } } },
      { not: { condition: { type: 'customerCategory', params: { categories: ['wholesale'] } } } },
    ],
  },
  conditionRegistry,
);

const since = new Date(now.getTime() - 365 * DAY_MS);
const handWritten = () => prisma.$queryRaw<{ count: bigint }[]>`
  SELECT count(*) AS count FROM "Customer" c
  WHERE c.id IN (SELECT "customerId" FROM "Order" WHERE status = 'VALIDATED' AND currency = 'USD' AND "placedAt" >= ${since} GROUP BY "customerId" HAVING sum(total) > 30000)
    AND c.id IN (SELECT "customerId" FROM "ProductView" WHERE "productId" = ${popular.id} GROUP BY "customerId" HAVING count(*) >= 3)
    AND c.category IS DISTINCT FROM 'wholesale'`.then(([row]) => Number(row?.count));

const segment = { id: 'bench', kind: 'DYNAMIC' as const, rule };
const cohortCount = () => countMembers(segment, clock);

const [expected, actual] = [await handWritten(), await cohortCount()];
if (expected !== actual) throw new Error(`Counts differ: hand-written ${expected}, Cohort ${actual}`);

const rounds = 15;
const times = { cohort: [] as number[], hand: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  for (const [name, run] of (round % 2 === 0 ? [['cohort', cohortCount], ['hand', handWritten]] : [['hand', handWritten], ['cohort', cohortCount]]) as [keyof typeof times, () => Promise<number>][]) {
    const started = performance.now();
    await run();
    times[name].push(performance.now() - started);
  }
}
const counts = await prisma.$queryRaw<{ customers: bigint; orders: bigint; views: bigint }[]>`SELECT (SELECT count(*) FROM "Customer") AS customers, (SELECT count(*) FROM "Order") AS orders, (SELECT count(*) FROM "ProductView") AS views`;
console.log(`Data: ${counts[0]?.customers} customers, ${counts[0]?.orders} orders, ${counts[0]?.views} product views (PostgreSQL)`);
console.log(`1. Member count of the three-condition segment: ${actual} members`);
console.log(`   Cohort compiled predicate: median ${median(times.cohort).toFixed(1)} ms`);
console.log(`   hand-written SQL:          median ${median(times.hand).toFixed(1)} ms`);
console.log(`   ratio Cohort / hand-written: ${(median(times.cohort) / median(times.hand)).toFixed(2)} (target ≤ 1.5)`);

// 2. 200 segments of one to four conditions drawn from the catalogue, evaluated in memory.
// A typical shopper (the median number of orders) and the busiest one in the data set.
const byActivity = await prisma.$queryRaw<{ id: string }[]>`SELECT "customerId" AS id FROM "Order" GROUP BY 1 ORDER BY count(*), 1`;
const shoppers = { typical: byActivity[Math.floor(byActivity.length / 2)] as { id: string }, busiest: byActivity[byActivity.length - 1] as { id: string } };
const skus = (await prisma.product.findMany({ select: { sku: true }, take: 50 })).map((product) => product.sku);
let seed = 7;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
const leaves = [
  () => ({ condition: { type: 'amountSpent', params: { amount: { atLeast: { amount: Math.floor(random() * 100_000), currency: 'USD' } }, within: { lastDays: pick([30, 90, 365]) } } } }),
  () => ({ condition: { type: 'viewCount', params: { products: { skus: [pick(skus)] }, count: { atLeast: 1 + Math.floor(random() * 4) }, within: { lastDays: 30 } } } }),
  () => ({ condition: { type: 'brandPurchased', params: { brands: [`Brand ${Math.floor(random() * 20)}`], within: { lastDays: 90 } } } }),
  () => ({ condition: { type: 'customerCategory', params: { categories: [pick(['wholesale', 'vip', 'retail'])] } } }),
  () => ({ condition: { type: 'orderCount', params: { count: { atLeast: 1 + Math.floor(random() * 10) } } } }),
  () => ({ condition: { type: 'productsOrdered', params: { products: { categories: [`Category ${Math.floor(random() * 30)}`] }, within: { lastDays: 365 } } } }),
  () => ({ condition: { type: 'country', params: { anyOf: [pick(['US', 'FR', 'DE'])] } } }),
  () => ({ condition: { type: 'lastOrder', params: { daysAgo: { atMost: 30 + Math.floor(random() * 300) } } } }),
];
const segments = Array.from({ length: 200 }, () => {
  const size = 1 + Math.floor(random() * 4);
  const children = Array.from({ length: size }, () => (random() < 0.2 ? { not: pick(leaves)() } : pick(leaves)()));
  return parseRuleTree(size === 1 ? children[0] : { [random() < 0.7 ? 'and' : 'or']: children }, conditionRegistry);
});
const needed = new Map();
for (const tree of segments) factsOf(tree, conditionRegistry, needed);
const shop = { timeZone: 'UTC', cartAbandonmentMinutes: 60 };
console.log('2. 200 segments (1 to 4 conditions each) evaluated in memory for one shopper whose facts are loaded');
for (const [label, shopper] of Object.entries(shoppers)) {
  const facts: Record<string, unknown> = {};
  for (const fact of needed.values()) facts[fact.name] = (await fact.load([shopper.id], { query, prisma, clock, shop })).get(shopper.id) ?? fact.empty;
  const history = facts as { orders?: unknown[]; productViews?: unknown[] };
  const passes: number[] = [];
  let members = 0;
  for (let pass = 0; pass < 2_000; pass += 1) {
    const started = performance.now();
    members = 0;
    for (const tree of segments) if (evaluateRuleTree(tree, conditionRegistry, facts, { now, shop, cart: null })) members += 1;
    passes.push(performance.now() - started);
  }
  passes.sort((a, b) => a - b);
  console.log(
    `   ${label} shopper (${history.orders?.length ?? 0} orders, ${history.productViews?.length ?? 0} views, in ${members} segments): ` +
      `median ${(median(passes) * 1000).toFixed(0)} µs, p99 ${((passes[Math.floor(passes.length * 0.99)] as number) * 1000).toFixed(0)} µs (target: median < 1000 µs)`,
  );
}
await database.close();
