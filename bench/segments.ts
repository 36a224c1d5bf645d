// Segment benchmarks: admin work at scale and the storefront's segments in memory. Prints its
// figures and each target met or missed; not a test. Run `npm run bench:data` first (add
// `-- --scale 10` for the 1,000,000-customer data set the admin targets are set for, and point
// BENCH_DATABASE_URL at it for both commands).
//
//  1. memberCount of "spent more than $300 in the last 365 days AND viewed the most viewed
//     product at least 3 times AND NOT wholesale", as the API counts it (Cohort's compiled
//     predicate), against the SQL a DBA would write for that question on the same indexes:
//     start from the product's viewers (ProductView (productId, customerId)), then sum each
//     one's orders in the window through the covering Order index. Alternated rounds.
//  2. Pages of 50 members of that segment (first, middle, last) as the API reads them.
//  3. An export over HTTP (GET /export/segments/<id>/members.csv, admin key) of a segment of
//     about 15 % of the customers (150,000 at scale 10): rows per second, and the process's
//     memory at its peak against before (flat: it must not grow with the rows).
//  4. 200 segments of 1 to 4 conditions evaluated in memory for one shopper, typical and
//     busiest, the way the storefront does: conditions with a measure answered from the value
//     read in SQL, the others from their facts (CompiledSegments). The reference path (every
//     fact loaded, every condition's evaluate) is printed beside it.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BENCH_DATABASE_URL } from './generate-data.js';

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.LOG_LEVEL = 'error';
(await import('../src/runtime.js')).openRuntime();
const { database, prisma, query } = await import('../src/db/client.js');
const { join, raw, sql } = await import('@cohort/plugin-sdk');
const { configuredRegistry } = await import('../src/registry/load.js');
const { builtinPlugins } = await import('../plugins/index.js');
const pluginRegistry = await configuredRegistry(builtinPlugins, (await import('../src/runtime.js')).currentRuntime().config.plugins);
const { CompiledSegments, countMembers, memberIds } = await import('../src/segments/membership.js');
const { parseRuleTree } = await import('../src/rules/rule-tree.js');
const { measuredAnswers } = await import('../src/rules/measures.js');
const { SHOPPER_ID } = await import('../src/facts/loaders.js');
const { createApiKey } = await import('../src/access/api-keys.js');
const { createServer } = await import('../src/server/yoga.js');
const { decodeGlobalId } = await import('../src/schema/global-ids.js');
const { fixedClock, DAY_MS } = await import('../src/shared/clock.js');

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] as number;
const spread = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const clock = fixedClock(new Date());
const now = clock.now();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

const [popular] = await prisma.$queryRaw<
  { sku: string; id: string }[]
>`SELECT p.sku, p.id FROM "ProductView" v JOIN "Product" p ON p.id = v."productId" GROUP BY p.id ORDER BY count(*) DESC LIMIT 1`;
if (!popular) throw new Error('No data: run `npm run bench:data` first');
const [sizes] = await prisma.$queryRaw<
  { customers: number; orders: number; views: number }[]
>`SELECT (SELECT count(*) FROM "Customer")::int AS customers, (SELECT count(*) FROM "Order")::int AS orders, (SELECT count(*) FROM "ProductView")::int AS views`;
console.log(`Data: ${sizes?.customers} customers, ${sizes?.orders} orders, ${sizes?.views} product views (PostgreSQL, ${BENCH_DATABASE_URL})`);

// 1. memberCount.
const question = parseRuleTree(
  {
    and: [
      { condition: { type: 'amountSpent', params: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } } },
      { condition: { type: 'viewCount', params: { products: { skus: [popular.sku] }, count: { atLeast: 3 } } } },
      { not: { condition: { type: 'customerCategory', params: { categories: ['wholesale'] } } } },
    ],
  },
  pluginRegistry,
);
const since = new Date(now.getTime() - 365 * DAY_MS);
const dba = () =>
  prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count
    FROM (SELECT "customerId" FROM "ProductView" WHERE "productId" = ${popular.id} GROUP BY "customerId" HAVING count(*) >= 3) AS viewers
    JOIN "Customer" c ON c.id = viewers."customerId"
    WHERE c.category IS DISTINCT FROM 'wholesale'
      AND (SELECT sum(o.total) FROM "Order" o WHERE o."customerId" = c.id AND o."placedAt" >= ${since} AND o."placedAt" <= ${now} AND o.status = 'VALIDATED' AND o.currency = 'USD') > 30000`.then(
    ([row]) => row?.count ?? 0,
  );
const segment = { id: 'bench', kind: 'DYNAMIC' as const, rule: question };
const cohort = () => countMembers(segment, pluginRegistry, clock);
const [expected, members] = [await dba(), await cohort()];
if (expected !== members) throw new Error(`Counts differ: DBA ${expected}, Cohort ${members}`);
const counts = { cohort: [] as number[], dba: [] as number[] };
for (let round = 0; round < ROUNDS; round += 1) {
  const order: (keyof typeof counts)[] = round % 2 === 0 ? ['cohort', 'dba'] : ['dba', 'cohort'];
  for (const name of order) counts[name].push((await timed(name === 'cohort' ? cohort : dba))[0]);
}
console.log(`\n1. memberCount of the three-condition segment (${members} members), ${ROUNDS} alternated rounds`);
console.log(
  `   Cohort (the API's count):  median ${median(counts.cohort).toFixed(1)} ms (${spread(counts.cohort)})   target < 1000 ms: ${verdict(median(counts.cohort) < 1000)}`,
);
console.log(
  `   a DBA's SQL, same indexes: median ${median(counts.dba).toFixed(1)} ms (${spread(counts.dba)})   Cohort / DBA ${(median(counts.cohort) / median(counts.dba)).toFixed(2)}×`,
);

// 2. Pages of 50 members.
const all = await memberIds(segment, pluginRegistry, clock, { limit: members, inverted: false });
const cursors = { first: null, middle: all[Math.floor(all.length / 2)] ?? null, last: all[Math.max(0, all.length - 51)] ?? null };
console.log(`\n2. A page of 50 members of that segment (keyset pagination, as Segment.members reads it), ${ROUNDS} rounds each`);
for (const [label, after] of Object.entries(cursors)) {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1)
    times.push((await timed(() => memberIds(segment, pluginRegistry, clock, { after, limit: 50, inverted: false })))[0]);
  console.log(`   ${label.padEnd(6)} page: median ${median(times).toFixed(1)} ms (${spread(times)})   target < 50 ms: ${verdict(median(times) < 50)}`);
}

// 3. Export over HTTP.
const [orders] = await prisma.$queryRaw<
  { atLeast: number }[]
>`SELECT percentile_disc(0.85) WITHIN GROUP (ORDER BY n)::int AS "atLeast" FROM (SELECT count(*) AS n FROM "Order" WHERE status = 'VALIDATED' GROUP BY "customerId") AS per`;
const { secret } = await createApiKey('bench admin', ['ADMIN']);
const yoga = createServer({ registry: pluginRegistry });
const http = createHttpServer(yoga);
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
const created = (await (
  await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({
      query: `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } } }`,
      variables: { input: { name: `Bench export ${Date.now()}`, rule: { condition: { orderCount: { count: { atLeast: orders?.atLeast ?? 1 } } } } } },
    }),
  })
).json()) as { data: { createSegment: { data?: { segment: { id: string; memberCount: number } }; message?: string } } };
const exported = created.data.createSegment.data?.segment;
if (!exported) throw new Error(`Could not create the export segment: ${created.data.createSegment.message}`);
global.gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
let firstRow: number | undefined;
const exportStarted = performance.now();
const [exportMs, rows] = await timed(async () => {
  const response = await fetch(`${base}/export/segments/${exported.id}/members.csv`, { headers: { authorization: `Bearer ${secret}` } });
  let lines = -1; // the header
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    for (const byte of chunk) if (byte === 10) lines += 1;
    firstRow ??= lines > 0 ? performance.now() : undefined;
  }
  return lines;
});
const streaming = rows / ((exportStarted + exportMs - (firstRow ?? exportStarted)) / 1000);
clearInterval(sampler);
const rate = rows / (exportMs / 1000);
console.log(
  `\n3. Export of a segment of ${exported.memberCount} members ("at least ${orders?.atLeast} validated orders") as CSV over HTTP, server in this process`,
);
console.log(
  `   ${rows} rows in ${(exportMs / 1000).toFixed(2)} s: ${Math.round(rate).toLocaleString('en-US')} rows/s   target ≥ 50,000 rows/s: ${verdict(rate >= 50_000 && rows === exported.memberCount)}`,
);
console.log(
  `   first row after ${((firstRow ?? exportStarted) - exportStarted).toFixed(0)} ms (the segment's query finding its members), then ${Math.round(streaming).toLocaleString('en-US')} rows/s`,
);
console.log(
  `   memory (RSS): ${(before / 2 ** 20).toFixed(0)} MB before, ${(peak / 2 ** 20).toFixed(0)} MB at its peak (+${((peak - before) / 2 ** 20).toFixed(0)} MB for ${rows} rows)`,
);
await prisma.segment.delete({ where: { id: decodeGlobalId(exported.id).id } });
await new Promise((resolve) => http.close(resolve));

// 4. 200 segments in memory for one shopper.
const byActivity = await prisma.$queryRaw<{ id: string; orders: number; views: number }[]>`
  SELECT "customerId" AS id, count(*)::int AS orders, (SELECT count(*)::int FROM "ProductView" v WHERE v."customerId" = o."customerId") AS views
  FROM "Order" o GROUP BY 1 ORDER BY count(*), 1`;
const shoppers = { typical: byActivity[Math.floor(byActivity.length / 2)], busiest: byActivity[byActivity.length - 1] };
const skus = (await prisma.product.findMany({ select: { sku: true }, take: 50, orderBy: { sku: 'asc' } })).map((product) => product.sku);
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
const leaves = [
  () => ({
    condition: {
      type: 'amountSpent',
      params: { amount: { atLeast: { amount: Math.floor(random() * 100_000), currency: 'USD' } }, within: { lastDays: pick([30, 90, 365]) } },
    },
  }),
  () => ({
    condition: { type: 'viewCount', params: { products: { skus: [pick(skus)] }, count: { atLeast: 1 + Math.floor(random() * 4) }, within: { lastDays: 30 } } },
  }),
  () => ({ condition: { type: 'brandPurchased', params: { brands: [`Brand ${Math.floor(random() * 20)}`], within: { lastDays: 90 } } } }),
  () => ({ condition: { type: 'customerCategory', params: { categories: [pick(['wholesale', 'vip', 'retail'])] } } }),
  () => ({ condition: { type: 'orderCount', params: { count: { atLeast: 1 + Math.floor(random() * 10) } } } }),
  () => ({
    condition: { type: 'productsOrdered', params: { products: { categories: [`Category ${Math.floor(random() * 30)}`] }, within: { lastDays: 365 } } },
  }),
  () => ({ condition: { type: 'country', params: { anyOf: [pick(['US', 'FR', 'DE'])] } } }),
  () => ({ condition: { type: 'lastOrder', params: { daysAgo: { atMost: 30 + Math.floor(random() * 300) } } } }),
];
const trees = Array.from({ length: 200 }, (_, index) => {
  const size = 1 + Math.floor(random() * 4);
  const children = Array.from({ length: size }, () => (random() < 0.2 ? { not: pick(leaves)() } : pick(leaves)()));
  return {
    id: `s${index}`,
    kind: 'DYNAMIC' as const,
    rule: parseRuleTree(size === 1 ? children[0] : { [random() < 0.7 ? 'and' : 'or']: children }, pluginRegistry),
  };
});
const compiled = new CompiledSegments(trees, pluginRegistry);
const shop = { timeZone: 'UTC', cartAbandonmentMinutes: 60 };
const context = { now, shop, cart: null };
// Each measured condition's value, read in SQL for the shopper as the storefront's statement reads it.
const slots = Int32Array.from(compiled.rules.conditions, () => -1);
const expressions: ReturnType<typeof sql>[] = [];
compiled.rules.conditions.forEach(({ condition, params }, index) => {
  if (!condition.measure) return;
  slots[index] = expressions.push(condition.measure.sql(params, { customer: SHOPPER_ID, now, shop }, condition.measure.keys?.(params) ?? [])) - 1;
});
const loadFacts = async (facts: typeof compiled.facts, id: string) => {
  const values: Record<string, unknown> = {};
  for (const fact of facts) values[fact.name] = (await fact.load([id], { query, now: clock.now(), shop })).get(id) ?? fact.empty;
  return values;
};
const passes = (run: () => void) => {
  const times: number[] = [];
  for (let pass = 0; pass < 2_000; pass += 1) {
    const started = performance.now();
    run();
    times.push((performance.now() - started) * 1000);
  }
  return sorted(times);
};
const targets = { typical: 500, busiest: 2_000 };
console.log(
  `\n4. 200 segments (1 to 4 conditions each; ${expressions.length} of ${compiled.rules.conditions.length} distinct conditions measured) in memory for one shopper, 2,000 passes`,
);
for (const [label, shopper] of Object.entries(shoppers)) {
  if (!shopper) continue;
  const [row] = await query<Record<string, unknown>>(
    sql`SELECT ${join(expressions.map((expression, index) => sql`${expression} AS ${raw(`"m${index}"`)}`))} FROM cohort_v1.customers "_shopper" WHERE "_shopper".id = ${shopper.id}`,
  );
  const values = expressions.map((_, index) => row?.[`m${index}`] ?? null);
  const unmeasured = await loadFacts(compiled.unmeasuredFacts, shopper.id);
  let inSegments = 0;
  const storefront = passes(() => {
    const members = compiled.membersOf(unmeasured, context, measuredAnswers(compiled.rules, slots, values, context));
    inSegments = members.reduce((sum, member) => sum + member, 0);
  });
  const every = await loadFacts(compiled.facts, shopper.id);
  let reference = 0;
  const full = passes(() => {
    reference = compiled.membersOf(every, context).reduce((sum, member) => sum + member, 0);
  });
  if (reference !== inSegments) throw new Error(`${label}: measures put the shopper in ${inSegments} segments, evaluate in ${reference}`);
  const p99 = (times: number[]) => times[Math.floor(times.length * 0.99)] as number;
  console.log(`   ${label} shopper (${shopper.orders} orders, ${shopper.views} views, in ${inSegments} segments):`);
  console.log(
    `     storefront (measures + facts): median ${median(storefront).toFixed(0)} µs, p99 ${p99(storefront).toFixed(0)} µs   target < ${targets[label as keyof typeof targets]} µs: ${verdict(median(storefront) < targets[label as keyof typeof targets])}`,
  );
  console.log(`     reference (every fact, evaluate): median ${median(full).toFixed(0)} µs, p99 ${p99(full).toFixed(0)} µs`);
}
await database.close();
