// Ingestion benchmark on PostgreSQL, with membership tracking on (every dynamic segment
// recorded): orders per second through POST /import (NDJSON, streamed, batches of 1,000), then
// the same file again (every order updated), and through single-order upsertOrder calls, as a
// shop's webhooks send them; memory before and after. Prints its figures; not a test.
//
// Usage: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/cohort_ingest_bench npm run bench:data
//        npm run bench:ingest   (BENCH_IMPORT_ORDERS=100000, BENCH_SINGLE_ORDERS=300; the demo shop's segments are added when there are none)
process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/cohort_ingest_bench';
const { prisma, query } = await import('./database.js');
const { sql } = await import('@cohort/plugin-sdk');
const { configuredRegistry } = await import('../src/registry/load.js');
const { builtinPlugins } = await import('../plugins/index.js');
const { currentRuntime } = await import('../src/runtime.js');
const { createServer } = await import('../src/server/yoga.js');
const { createApiKey } = await import('../src/access/api-keys.js');
const { MembershipTracker } = await import('../src/segments/tracking.js');
const { systemClock } = await import('../src/shared/clock.js');

const IMPORT_ORDERS = Number(process.env.BENCH_IMPORT_ORDERS ?? 100_000);
const SINGLE_ORDERS = Number(process.env.BENCH_SINGLE_ORDERS ?? 300);
const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
const rate = (count: number, ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString('en')} orders/s`;

const registry = await configuredRegistry(builtinPlugins, currentRuntime().config.plugins);
// The demo shop's segments (and customers, products) when the data set has none.
if (((await query<{ segments: number }>(sql`SELECT count(*)::int AS segments FROM "Segment" WHERE kind = 'DYNAMIC'`))[0]?.segments ?? 0) === 0) {
  await (await import('../scripts/demo-seed.js')).seedDemoShop(registry);
}
const [sizes] = await query<{ customers: number; orders: number; segments: number; tracked: number }>(
  sql`SELECT (SELECT count(*) FROM "Customer")::int AS customers, (SELECT count(*) FROM "Order")::int AS orders,
    (SELECT count(*) FROM "Segment" WHERE kind = 'DYNAMIC')::int AS segments, (SELECT count(*) FROM "Segment" WHERE kind = 'DYNAMIC' AND "membershipTrackedAt" IS NOT NULL)::int AS tracked`,
);
if (!sizes?.customers) throw new Error(`No data in ${process.env.BENCH_DATABASE_URL}: run \`npm run bench:data\` with this BENCH_DATABASE_URL first`);
if (sizes.tracked < sizes.segments) {
  const started = performance.now();
  await new MembershipTracker(registry, systemClock).reconcile(() => false, { unrecordedOnly: true });
  console.log(`Recorded the members of ${sizes.segments - sizes.tracked} segments first (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
console.log(
  `Data: ${sizes.customers.toLocaleString('en')} customers, ${sizes.orders.toLocaleString('en')} orders, ${sizes.segments} dynamic segments tracked (PostgreSQL)`,
);

const server = createServer({ registry, clock: systemClock, rateLimits: { perKey: 0, perAnonymousIp: 0, windowSeconds: 60, redisUrl: null } });
const admin = (await createApiKey(`bench ingest ${Date.now()}`, ['ADMIN'])).secret;
const customers = (await query<{ externalId: string }>(sql`SELECT "externalId" FROM "Customer" WHERE "erasedAt" IS NULL ORDER BY md5(id) LIMIT 20000`)).map(
  (row) => row.externalId,
);
const products = await query<{ sku: string; price: number }>(sql`SELECT sku, price FROM "Product" ORDER BY sku LIMIT 500`);
const run = Date.now().toString(36);

/** The n-th order of this run, the same each time it is asked for. */
function order(n: number) {
  const first = products[n % products.length]!;
  const second = products[(n * 7 + 3) % products.length]!;
  return {
    externalId: `BENCH-IMPORT-${run}-${n}`,
    customer: { externalId: customers[(n * 13) % customers.length] },
    status: 'VALIDATED',
    placedAt: new Date(Date.UTC(2026, 0, 1) + (n % 300) * 86_400_000).toISOString(),
    currency: 'USD',
    lines: [
      { sku: first.sku, quantity: 1 + (n % 3), unitPrice: first.price },
      { sku: second.sku, quantity: 1, unitPrice: second.price },
    ],
  };
}

/** The file, made as it is sent: 1,000 lines per chunk. */
function ndjsonBody(count: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next >= count) return controller.close();
      let text = '';
      for (const end = Math.min(count, next + 1000); next < end; next += 1) text += `${JSON.stringify(order(next))}\n`;
      controller.enqueue(encoder.encode(text));
    },
  });
}

async function importOrders(label: string) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const response = await server.fetch('http://bench/import?kind=orders&format=ndjson', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: ndjsonBody(IMPORT_ORDERS),
    duplex: 'half',
  } as RequestInit);
  const answer = (await response.json()) as { state: string; recordsWritten: number; errorCount: number; errors: unknown[] };
  const elapsed = performance.now() - started;
  if (answer.state !== 'SUCCEEDED') throw new Error(`The import ended ${answer.state}: ${JSON.stringify(answer).slice(0, 500)}`);
  console.log(
    `${label.padEnd(44)} ${rate(answer.recordsWritten, elapsed).padStart(16)}  (${answer.recordsWritten.toLocaleString('en')} in ${(elapsed / 1000).toFixed(1)} s; RSS ${megabytes(before)} → ${megabytes(process.memoryUsage().rss)}, peak ${megabytes(process.resourceUsage().maxRSS * 1024)})`,
  );
  return elapsed;
}

console.log('\nThrough POST /import (NDJSON, batches of 1,000, tracking on):');
const created = await importOrders(`${IMPORT_ORDERS.toLocaleString('en')} new orders`);
const updated = await importOrders('the same file again (every order updated)');

const UPSERT_ORDER = `mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { message } } }`;
let nextSingle = IMPORT_ORDERS;
/** `count` upsertOrder calls, `concurrency` at a time, as a shop's webhooks send them. */
async function singleCalls(count: number, concurrency: number) {
  const started = performance.now();
  const worker = async () => {
    for (let sent = 0; sent < count / concurrency; sent += 1) {
      const input = order((nextSingle += 1));
      const response = await server.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: UPSERT_ORDER, variables: { input } }),
      });
      const result = (await response.json()) as { data?: { upsertOrder: { __typename: string } }; errors?: unknown };
      if (result.data?.upsertOrder.__typename !== 'MutationUpsertOrderSuccess') throw new Error(JSON.stringify(result));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = performance.now() - started;
  console.log(`  ${concurrency} at a time: ${rate(count, elapsed)} (${((elapsed * concurrency) / count).toFixed(1)} ms per call)`);
}
console.log('\nupsertOrder, one order per call (tracking on; 94 orders/s one at a time before, target ≥ 282):');
await singleCalls(SINGLE_ORDERS, 1);
await singleCalls(SINGLE_ORDERS, 8);
console.log(
  `\nTargets: import ≥ 10,000 orders/s: ${IMPORT_ORDERS / (created / 1000) >= 10_000 ? 'met' : 'MISSED'} (new), ${IMPORT_ORDERS / (updated / 1000) >= 10_000 ? 'met' : 'MISSED'} (updates)`,
);

await prisma.$executeRawUnsafe(`DELETE FROM "Order" WHERE "externalId" LIKE 'BENCH-IMPORT-${run}-%'`);
await server.dispose();
process.exit(0);
