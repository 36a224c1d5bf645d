// Membership tracking benchmark on PostgreSQL (run `npm run bench:data` first: 100,000
// customers, 1,000,000 orders, 300 segments). Prints its figures; not a test.
//
//  1. The first reconciliation: recording every dynamic segment's members (no events).
//  2. A second reconciliation on unchanged data: its time, and its corrections (should be 0).
//  3. Re-evaluating one customer against every recorded segment in memory: CPU per customer
//     of the evaluation alone (the compiled rules over facts already read). Target: < 1 ms.
//  4. Ingestion throughput: upsertOrders of one order at a time, as a shop's webhook sends
//     them, in alternating rounds (orders per second): membership tracking off; on (entries,
//     exits, due-time jobs); on with a webhook endpoint taking segment.entered and
//     segment.left (the outbox written too; the jobs are not run, so no request is sent).
import { BENCH_DATABASE_URL } from './generate-data.js';

const { database, prisma, query } = await import('./database.js');
const { sql } = await import('@cohort/plugin-sdk');
const { configuredRegistry } = await import('../src/registry/load.js');
const { builtinPlugins } = await import('../plugins/index.js');
const { MembershipTracker, trackAnnouncedCustomers } = await import('../src/segments/tracking.js');
const { changeBus } = await import('../src/shared/change-bus.js');
const { asSegmentRule, CompiledSegments } = await import('../src/segments/membership.js');
const { isUnreadable } = await import('../src/rules/rule-tree.js');
const { createFactLoader } = await import('../src/facts/loaders.js');
const { getShopContext } = await import('../src/settings/shop-context.js');
const { upsertOrders } = await import('../src/orders/ingest.js');
const { systemClock } = await import('../src/shared/clock.js');

const registry = await configuredRegistry(builtinPlugins, (await import('../src/runtime.js')).currentRuntime().config.plugins);
const clock = systemClock;
const tracker = new MembershipTracker(registry, clock);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 200);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const [sizes] = await query<{ customers: number; segments: number }>(
  sql`SELECT (SELECT count(*) FROM "Customer")::int AS customers, (SELECT count(*) FROM "Segment" WHERE kind = 'DYNAMIC')::int AS segments`,
);
if (!sizes?.customers) throw new Error('No data: run `npm run bench:data` first');
console.log(`Data: ${sizes.customers} customers, ${sizes.segments} dynamic segments (PostgreSQL, ${BENCH_DATABASE_URL})`);

// 1 and 2. Reconciliations (BENCH_RECONCILE=0 keeps what the last run recorded and skips them).
if (process.env.BENCH_RECONCILE !== '0') {
  await prisma.$executeRawUnsafe(`UPDATE "Segment" SET "membershipTrackedAt" = NULL`);
  await prisma.$executeRawUnsafe(`DELETE FROM "SegmentMember"`);
  await prisma.$executeRawUnsafe(`DELETE FROM "SegmentMembershipEvent"`);
  let started = performance.now();
  await tracker.reconcile();
  const [recorded] = await query<{ members: number }>(sql`SELECT count(*)::int AS members FROM "SegmentMember"`);
  console.log(`\n1. First reconciliation (recording every segment): ${seconds(performance.now() - started)}, ${recorded?.members} memberships recorded`);
  started = performance.now();
  const second = await tracker.reconcile();
  console.log(
    `2. Second reconciliation: ${seconds(performance.now() - started)}, ${second.corrected} corrected (target 0: ${second.corrected === 0 ? 'met' : 'MISSED'})`,
  );
}

// 3. CPU of the evaluation per customer.
const segments = (await prisma.segment.findMany({ where: { kind: 'DYNAMIC' } }))
  .map((segment) => asSegmentRule(segment, registry))
  .filter((segment) => !isUnreadable(segment.rule));
const compiled = new CompiledSegments(segments, registry);
const sample = await query<{ id: string }>(sql`SELECT id FROM "Customer" ORDER BY md5(id) LIMIT 1000`);
const loadFact = createFactLoader(clock);
const shop = await getShopContext(clock.now());
const factsOf = await Promise.all(
  sample.map(async ({ id }) => Object.fromEntries(await Promise.all(compiled.facts.map(async (fact) => [fact.name, await loadFact(fact, id)])))),
);
const now = clock.now();
for (const facts of factsOf.slice(0, 100)) compiled.membersOf(facts, { now, shop, cart: null }); // warm up
const cpu = process.cpuUsage();
for (const facts of factsOf) compiled.membersOf(facts, { now, shop, cart: null });
const used = process.cpuUsage(cpu);
const perCustomer = (used.user + used.system) / 1000 / factsOf.length;
console.log(
  `\n3. Evaluating one customer against ${compiled.ids.length} segments in memory: ${perCustomer.toFixed(3)} ms of CPU (mean of ${factsOf.length} customers)   target < 1 ms: ${perCustomer < 1 ? 'met' : 'MISSED'}`,
);

// 4. Ingestion throughput, tracking on and off.
const [product] = await query<{ sku: string; price: number; currency: string }>(sql`SELECT sku, price, currency FROM "Product" ORDER BY sku LIMIT 1`);
const customers = await query<{ external_id: string }>(sql`SELECT "externalId" AS external_id FROM "Customer" ORDER BY md5(id) LIMIT ${ORDERS}::int`);
let serial = 0;
async function ingest(): Promise<number> {
  const begun = performance.now();
  for (const { external_id } of customers) {
    serial += 1;
    await upsertOrders(
      [
        {
          externalId: `bench-membership-${Date.now()}-${serial}`,
          customer: { externalId: external_id },
          status: 'VALIDATED',
          placedAt: new Date(),
          currency: product!.currency,
          lines: [{ sku: product!.sku, quantity: 1, unitPrice: product!.price }],
        } as never,
      ],
      [['input']],
    );
  }
  return customers.length / ((performance.now() - begun) / 1000);
}
const off: number[] = [];
const on: number[] = [];
const withWebhooks: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  off.push(await ingest());
  const stop = trackAnnouncedCustomers(changeBus(), tracker);
  on.push(await ingest());
  // Never delivered (no job runner here): the secret is never read.
  const endpoint = await prisma.webhookEndpoint.create({
    data: { url: 'http://127.0.0.1:9/bench', eventTypes: ['segment.entered', 'segment.left'], secretEncrypted: 'v1:bench' },
  });
  withWebhooks.push(await ingest());
  await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
  stop();
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const [events] = await query<{ events: number; webhooks: number }>(
  sql`SELECT (SELECT count(*) FROM "SegmentMembershipEvent" WHERE cause = 'INGESTION')::int AS events, (SELECT count(*) FROM "WebhookEvent")::int AS webhooks`,
);
const share = (value: number) => `${((value / median(off)) * 100).toFixed(0)} %`;
console.log(`\n4. Ingestion, one order per call, ${customers.length} orders a round, ${ROUNDS} alternating rounds`);
console.log(
  `   tracking off: ${median(off).toFixed(0)} orders/s; on: ${median(on).toFixed(0)} orders/s (${share(median(on))}); on with segment webhooks: ${median(withWebhooks).toFixed(0)} orders/s (${share(median(withWebhooks))})`,
);
console.log(`   ${events?.events} entries and exits recorded, ${events?.webhooks} webhook events written`);
await prisma.$executeRawUnsafe(`DELETE FROM "WebhookEvent"`);
await prisma.$executeRawUnsafe(`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs WHERE task_identifier = 'webhook.deliver'`);
await prisma.$executeRawUnsafe(`DELETE FROM "Order" WHERE "externalId" LIKE 'bench-membership-%'`);

await database.close();
