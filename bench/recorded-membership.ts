// Admin reads from recorded membership against the rule evaluated (docs/concepts.md#recorded-membership):
// 100,000 customers inserted with SQL, 40 % with one to three orders over the last 400 days, and
// one segment "spent more than $300 in the last 365 days" (about 15,000 members). memberCount, a
// page of 50 members (first and middle) and the CSV export, over GraphQL/HTTP as an admin calls
// them: first while the segment is EVALUATED (created, its membership.schedule pass not run), then
// once the pass has run (RECORDED). Prints medians and the pass's duration; not a test.
//
// Usage: npm run bench:recorded   (BENCH_DATABASE_URL, default .../cohort_bench_recorded: dropped and recreated)
//        npm run bench:recorded -- --again   (measures the segment a previous run left, as it is now)
import pg from 'pg';

const again = process.argv.includes('--again');

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cohort_bench_recorded');
process.env.BENCH_DATABASE_URL = url.toString();
const name = url.pathname.slice(1);
if (!again) {
  const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

const { query, database, prisma } = await import('./database.js');
const { sql } = await import('@cohort/plugin-sdk');
const { configuredRegistry } = await import('../src/registry/load.js');
const { builtinPlugins } = await import('../plugins/index.js');
const { currentRuntime } = await import('../src/runtime.js');
const { createApiKey } = await import('../src/access/api-keys.js');
const { createServer } = await import('../src/server/yoga.js');
const { MembershipTracker } = await import('../src/segments/tracking.js');
const { systemClock } = await import('../src/shared/clock.js');
const { decodeGlobalId } = await import('../src/schema/global-ids.js');
const { asSegmentRule, countMembers, memberIds } = await import('../src/segments/membership.js');
const { membershipSources } = await import('../src/segments/recorded.js');
const { exportPath } = await import('../src/segments/export.js');
const { encodeGlobalID } = await import('@pothos/plugin-relay');

const CUSTOMERS = 100_000;
const ROUNDS = 7;
const registry = await configuredRegistry(builtinPlugins, currentRuntime().config.plugins);

let at = performance.now();
if (!again) {
  await query(sql`SELECT setseed(0.28)::text`);
  await query(sql`
  INSERT INTO "Customer" (id, "externalId", email, "firstName", "registeredAt", "updatedAt")
  SELECT gen_random_uuid()::text, 'bench-' || n, 'bench-' || n || '@example.com', 'Customer ' || n, now() - interval '800 days', now()
  FROM generate_series(1, ${CUSTOMERS}::int) AS n`);
  await query(sql`
  INSERT INTO "Order" (id, "externalId", "customerId", status, "placedAt", currency, subtotal, total)
  SELECT gen_random_uuid()::text, 'bench-order-' || o.id || '-' || o.k, o.id, 'VALIDATED', now() - (random() * 400) * interval '1 day', 'USD', o.t, o.t
  FROM (SELECT c.id, k, (5000 + floor(random() * 20000) + 0 * k)::int AS t
        FROM (SELECT id, 1 + floor(random() * 3)::int AS orders FROM "Customer" WHERE random() < 0.4) AS c
        CROSS JOIN LATERAL generate_series(1, c.orders) AS k) AS o`);
  await query(sql`ANALYZE`);
  console.log(`data: ${CUSTOMERS} customers and their orders in ${((performance.now() - at) / 1000).toFixed(1)} s`);
}
const key = (await createApiKey('bench admin', ['ADMIN'])).secret;
const yoga = createServer({ registry });
async function graphql<Data>(text: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as Data;
}

const segmentName = 'Spent more than $300 in the last 365 days';
const existing = again ? await prisma.segment.findUniqueOrThrow({ where: { name: segmentName } }) : null;
const created = existing
  ? {
      createSegment: {
        data: { segment: { id: encodeGlobalID('Segment', existing.id), exportUrl: exportPath(encodeGlobalID('Segment', existing.id), 'csv') } },
      },
    }
  : await graphql<{ createSegment: { data: { segment: { id: string; exportUrl: string } } } }>(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id exportUrl } } } } }`,
      {
        input: {
          name: segmentName,
          rule: { condition: { amountSpent: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } } },
        },
      },
    );
const { id, exportUrl } = created.createSegment.data.segment;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

type Page = { node: { membershipSource: string; members: { edges: { cursor: string }[]; pageInfo: { endCursor: string } } } };
async function measure() {
  const counts: number[] = [];
  const firstPages: number[] = [];
  const middlePages: number[] = [];
  let count = 0;
  let source = '';
  for (let round = 0; round < ROUNDS; round += 1) {
    const counted = await timed(() =>
      graphql<{ node: { memberCount: number; membershipSource: string } }>(
        `query ($id: ID!) { node(id: $id) { ... on Segment { memberCount membershipSource } } }`,
        { id },
      ),
    );
    counts.push(counted.ms);
    count = counted.value.node.memberCount;
    source = counted.value.node.membershipSource;
    const page = `query ($id: ID!, $after: String) { node(id: $id) { ... on Segment { membershipSource members(first: 50, after: $after) { edges { cursor } pageInfo { endCursor } } } } }`;
    const first = await timed(() => graphql<Page>(page, { id }));
    firstPages.push(first.ms);
    // The middle: a cursor about half-way, read with pages of 50 would take 150 requests; a member id at the median stands in.
    const [middle] = await query<{ customerId: string }>(
      sql`SELECT "customerId" FROM "SegmentMember" WHERE "segmentId" = ${decodeGlobalId(id).id} ORDER BY "customerId" OFFSET ${Math.floor(count / 2)}::int LIMIT 1`,
    );
    if (!middle) throw new Error(`no member at ${Math.floor(count / 2)} of ${count} (${source})`);
    const cursor = Buffer.from(`SegmentMember:${middle?.customerId ?? ''}`).toString('base64');
    middlePages.push((await timed(() => graphql<Page>(page, { id, after: cursor }))).ms);
  }
  // The same reads without HTTP, the key's check and GraphQL: what the source changes.
  const stored = await prisma.segment.findUniqueOrThrow({ where: { id: decodeGlobalId(id).id } });
  const rule = asSegmentRule(stored, registry);
  const chosen = source as 'RECORDED' | 'EVALUATED';
  const decide: number[] = [];
  const directCounts: number[] = [];
  const directPages: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    decide.push((await timed(() => membershipSources([stored.id], registry, systemClock))).ms);
    directCounts.push((await timed(() => countMembers(rule, registry, systemClock, chosen))).ms);
    directPages.push((await timed(() => memberIds(rule, registry, systemClock, { limit: 51, inverted: false }, chosen))).ms);
    baseline.push((await timed(() => graphql('{ __typename }'))).ms);
  }
  console.log(
    `${source.padEnd(9)} without HTTP: choosing the source ${median(decide).toFixed(2)} ms, count ${median(directCounts).toFixed(1)} ms, page of 50 ids ${median(directPages).toFixed(1)} ms; ` +
      `an admin request for { __typename } ${median(baseline).toFixed(1)} ms`,
  );
  const exportStarted = performance.now();
  const response = await yoga.fetch(`http://bench${exportUrl}`, { headers: { authorization: `Bearer ${key}` } });
  const reader = response.body!.getReader();
  let firstRowMs = 0;
  let rows = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstRowMs === 0) firstRowMs = performance.now() - exportStarted;
    for (const byte of value) if (byte === 10) rows += 1;
  }
  const exportMs = performance.now() - exportStarted;
  console.log(
    `${source.padEnd(9)} members ${count}: memberCount ${median(counts).toFixed(1)} ms, page of 50 first ${median(firstPages).toFixed(1)} ms / middle ${median(middlePages).toFixed(1)} ms (medians of ${ROUNDS}); ` +
      `export (${response.headers.get('cohort-membership-source')}) ${rows} rows in ${exportMs.toFixed(0)} ms = ${Math.round(rows / (exportMs / 1000))} rows/s, first bytes after ${firstRowMs.toFixed(0)} ms`,
  );
}

await measure();
if (again) {
  await database.close();
  process.exit(0);
}
at = performance.now();
const pass = await new MembershipTracker(registry, systemClock).scheduleDueTimes();
console.log(
  `membership.schedule pass: ${pass.customers} customers tracked again, ${pass.segments} segment marked, in ${((performance.now() - at) / 1000).toFixed(1)} s`,
);
// As autovacuum would after so many new jobs: the planner then reads the due times by their index (recorded.ts).
await query(sql`ANALYZE graphile_worker._private_jobs`);
const [jobs] = await query<{ count: number }>(sql`SELECT count(*)::int AS count FROM graphile_worker._private_jobs`);
console.log(`pending jobs (due times): ${jobs?.count}`);
await measure();
await database.close();
