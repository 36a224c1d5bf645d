// Bulk import through POST /import, as a shop's first load does it: admin keys only, NDJSON read
// as it arrives, batches written all or none with every bad line reported by number and field,
// the same file sent again changing nothing, memberships recorded by the time it answers, limits.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { database, prisma } from '../../src/db/client.js';
import { IMPORT_LEASE } from '../../src/import/imports.js';
import { createServer } from '../../src/server/yoga.js';
import { fixedClock } from '../../src/shared/clock.js';
import { registry } from '../support/registry.js';

const clock = fixedClock(new Date('2026-03-01T10:00:00Z'));
const server = createServer({ registry, clock, importLimits: { maxBodyBytes: 64 * 1024, maxLineBytes: 2_000, batchSize: 1000, analyzeAfterRecords: 10_000 } });
const keys = {
  admin: (await createApiKey('import admin', ['ADMIN'])).secret,
  analyst: (await createApiKey('import analyst', ['ANALYST'])).secret,
  storefront: (await createApiKey('import storefront', ['STOREFRONT'])).secret,
};

const ndjson = (records: unknown[]) => `${records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n')}\n`;
const send = (query: string, body: BodyInit, key: string | null = keys.admin, headers: Record<string, string> = {}) =>
  server.fetch(`http://cohort.test/import?${query}`, { method: 'POST', headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers }, body });
const importOk = async (query: string, records: unknown[]) => {
  const response = await send(query, ndjson(records));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    jobId: string;
    state: string;
    linesRead: number;
    recordsWritten: number;
    batchesWritten: number;
    batchesFailed: number;
    errorCount: number;
    errors: { line: number; field: string | null; message: string }[];
  };
};
const graphql = async (query: string, variables: Record<string, unknown> = {}, key = keys.admin) =>
  (await (
    await server.fetch('http://cohort.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    })
  ).json()) as {
    data?: any;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };

const customer = (n: number) => ({
  externalId: `imp-c${n}`,
  email: `imp-c${n}@example.com`,
  firstName: `C${n}`,
  category: n % 2 === 0 ? 'imp-even' : 'imp-odd',
  registeredAt: '2025-01-01T00:00:00Z',
});
const order = (n: number, overrides: Record<string, unknown> = {}) => ({
  externalId: `IMP-${n}`,
  customer: { externalId: `imp-c${n % 10}` },
  status: 'VALIDATED',
  placedAt: '2026-02-01T12:00:00Z',
  currency: 'USD',
  lines: [
    { sku: 'IMP-A', quantity: 2, unitPrice: 1_500 },
    { sku: 'IMP-B', quantity: 1, unitPrice: 999 },
  ],
  ...overrides,
});

beforeAll(async () => {
  await importOk('kind=products', [
    { sku: 'IMP-A', name: 'A', brand: 'Acme', price: { amount: 1_500, currency: 'USD' } },
    { sku: 'IMP-B', name: 'B', price: { amount: 999, currency: 'USD' } },
  ]);
  await importOk(
    'kind=customers',
    Array.from({ length: 10 }, (_, n) => customer(n)),
  );
});

describe('POST /import', () => {
  it("reports a value a declared customer attribute refuses as its line's error, and writes nothing of that batch", async () => {
    const declared = await graphql(`mutation { declareCustomerAttribute(input: { name: "renewsOn", type: DATE }) { __typename } }`);
    expect(declared.data?.declareCustomerAttribute.__typename).toBe('MutationDeclareCustomerAttributeSuccess');
    const report = await importOk('kind=customers', [
      { externalId: 'imp-typed-1', customFields: { renewsOn: '2026-12-21' } },
      { externalId: 'imp-typed-2', customFields: { renewsOn: 'next Monday' } },
    ]);
    expect(report).toMatchObject({ state: 'PARTIAL', recordsWritten: 0, batchesFailed: 1, errorCount: 1 });
    expect(report.errors).toEqual([{ line: 2, field: 'customFields.renewsOn', message: expect.stringContaining('(declared DATE)') }]);
    expect(await prisma.customer.count({ where: { externalId: { in: ['imp-typed-1', 'imp-typed-2'] } } })).toBe(0);
  });

  it('is for admin keys only, in the API error shape', async () => {
    const none = await send('kind=orders', ndjson([order(1)]), null);
    expect(none.status).toBe(401);
    expect(((await none.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    for (const key of [keys.analyst, keys.storefront]) {
      const refused = await send('kind=orders', ndjson([order(1)]), key);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await prisma.order.count({ where: { externalId: 'IMP-1' } })).toBe(0);
    const unknownKind = await send('kind=invoices', '');
    expect(unknownKind.status).toBe(400);
    expect(((await unknownKind.json()) as any).errors[0]).toMatchObject({
      extensions: { code: 'BAD_REQUEST' },
      message: 'kind must be one of customers, products, orders, events',
    });
  });

  it('writes customers, products and orders, and sending the same file again duplicates nothing', async () => {
    const file = Array.from({ length: 25 }, (_, n) => order(n));
    const first = await importOk('kind=orders&batchSize=10', file);
    expect(first).toMatchObject({ state: 'SUCCEEDED', linesRead: 25, recordsWritten: 25, batchesWritten: 3, batchesFailed: 0, errorCount: 0, errors: [] });
    const again = await importOk('kind=orders&batchSize=10', file);
    expect(again).toMatchObject({ state: 'SUCCEEDED', recordsWritten: 25 });
    expect(await prisma.order.count({ where: { externalId: { startsWith: 'IMP-' } } })).toBe(25);
    expect(await prisma.orderLine.count({ where: { order: { externalId: { startsWith: 'IMP-' } } } })).toBe(50);
    const stored = await prisma.order.findUniqueOrThrow({ where: { externalId: 'IMP-3' }, include: { customer: true } });
    expect(stored).toMatchObject({ subtotal: 3_999, total: 3_999, currency: 'USD', customer: { externalId: 'imp-c3' } });
    expect(await prisma.customer.count({ where: { externalId: { startsWith: 'imp-c' } } })).toBe(10);
  });

  it('fails a batch with an invalid line whole, reports every error by line and field, and resumes by sending the file again', async () => {
    const file: unknown[] = [
      order(101),
      order(102),
      order(103, { lines: [{ sku: 'IMP-A', quantity: 0, unitPrice: 1_500 }] }), // line 3: batch 2
      order(104, {
        customer: { externalId: 'imp-nobody' },
        lines: [
          { sku: 'IMP-A', quantity: 1, unitPrice: 1 },
          { sku: 'IMP-NONE', quantity: 1, unitPrice: 1 },
        ],
      }), // line 4: batch 2
      '{"externalId": "IMP-105", ', // line 5: batch 3
      '',
      order(107, { placedAt: 'yesterday' }), // line 7: batch 4
    ];
    const report = await importOk('kind=orders&batchSize=2', file);
    // Lines 1-2, 3-4, 5 and 7 (a blank line is no record): the second and third batches fail whole.
    expect(report).toMatchObject({ state: 'PARTIAL', linesRead: 7, recordsWritten: 2, batchesWritten: 1, batchesFailed: 2, errorCount: 3 });
    expect(report.errors).toEqual([
      { line: 3, field: 'lines.0.quantity', message: 'must be at least 1' },
      { line: 5, field: null, message: expect.stringMatching(/^Not JSON/) },
      { line: 7, field: 'placedAt', message: expect.stringMatching(/^DateTime must be an ISO 8601 instant/) },
    ]);
    // Line 4's references are checked once its batch is otherwise valid: fix line 3 and send it all again.
    expect(await prisma.order.count({ where: { externalId: { in: ['IMP-101', 'IMP-102', 'IMP-103', 'IMP-104', 'IMP-107'] } } })).toBe(2);
    const fixed = [
      order(101),
      order(102),
      order(103),
      order(104, {
        customer: { externalId: 'imp-nobody' },
        lines: [
          { sku: 'IMP-A', quantity: 1, unitPrice: 1 },
          { sku: 'IMP-NONE', quantity: 1, unitPrice: 1 },
        ],
      }),
      order(105),
      order(107),
    ];
    const second = await importOk('kind=orders&batchSize=2', fixed);
    expect(second).toMatchObject({ state: 'PARTIAL', recordsWritten: 4, batchesFailed: 1, errorCount: 2 });
    expect(second.errors).toEqual([
      { line: 4, field: 'customer.externalId', message: 'No customer with externalId "imp-nobody"' },
      { line: 4, field: 'lines.1.sku', message: 'No product with SKU "IMP-NONE"' },
    ]);
    // The late customer and SKU arrive: the same file again completes it, nothing twice.
    await importOk('kind=customers', [{ externalId: 'imp-nobody' }]);
    await importOk('kind=products', [{ sku: 'IMP-NONE', name: 'Late', price: { amount: 1, currency: 'USD' } }]);
    expect(await importOk('kind=orders&batchSize=2', fixed)).toMatchObject({ state: 'SUCCEEDED', recordsWritten: 6 });
    expect(await prisma.order.count({ where: { externalId: { in: ['IMP-101', 'IMP-102', 'IMP-103', 'IMP-104', 'IMP-105', 'IMP-107'] } } })).toBe(6);
  });

  it('keeps the job: progress and the error report read through GraphQL by admins and analysts, not storefronts', async () => {
    const report = await importOk('kind=customers&batchSize=1', [customer(1), { externalId: 'imp-bad', email: 'not an email' }]);
    const query = `query ($id: ID!) { importJob(id: $id) { kind format state linesRead recordsWritten batchesWritten batchesFailed errorCount finishedAt errors(first: 10) { totalCount edges { node { line field message } } } } }`;
    for (const key of [keys.admin, keys.analyst]) {
      const result = await graphql(query, { id: report.jobId }, key);
      expect(result.errors).toBeUndefined();
      expect(result.data.importJob).toEqual({
        kind: 'customers',
        format: 'ndjson',
        state: 'PARTIAL',
        linesRead: 2,
        recordsWritten: 1,
        batchesWritten: 1,
        batchesFailed: 1,
        errorCount: 1,
        finishedAt: clock.now().toISOString(),
        errors: { totalCount: 1, edges: [{ node: { line: 2, field: 'email', message: 'must be an email address' } }] },
      });
    }
    const storefront = await graphql(query, { id: report.jobId }, keys.storefront);
    expect(storefront.data?.importJob ?? null).toBeNull();
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await graphql(`{ importJobs(first: 1) { edges { node { id state } } } }`);
    expect(listed.data.importJobs.edges[0].node).toEqual({ id: report.jobId, state: 'PARTIAL' });
  });

  it('records segment entries by the time it answers', async () => {
    const created = await graphql(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } } }`,
      {
        input: { name: 'Imported VIPs', rule: { condition: { customerCategory: { categories: ['imp-vip'] } } } },
      },
    );
    const segmentId = created.data.createSegment.data.segment.id as string;
    await importOk('kind=customers&batchSize=2', [
      { externalId: 'imp-c1', category: 'imp-vip' },
      { externalId: 'imp-c2', category: 'imp-vip' },
      { externalId: 'imp-c3', category: 'imp-vip' },
    ]);
    const members = await prisma.segmentMember.findMany({
      where: { segment: { name: 'Imported VIPs' } },
      include: { customer: { select: { externalId: true } } },
    });
    expect(members.map((member) => member.customer.externalId).sort()).toEqual(['imp-c1', 'imp-c2', 'imp-c3']);
    expect(await prisma.segmentMembershipEvent.count({ where: { segment: { name: 'Imported VIPs' }, entered: true, cause: 'INGESTION' } })).toBe(3);
    expect(segmentId).toBeTruthy();
  });

  it('streams progress, a line per batch, when asked for NDJSON', async () => {
    const response = await send('kind=orders&batchSize=5', ndjson(Array.from({ length: 12 }, (_, n) => order(200 + n))), keys.admin, {
      accept: 'application/x-ndjson',
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.state, line.recordsWritten])).toEqual([
      ['RUNNING', 0],
      ['RUNNING', 5],
      ['RUNNING', 10],
      ['RUNNING', 12],
      ['SUCCEEDED', 12],
    ]);
    expect(new Set(lines.map((line) => line.jobId)).size).toBe(1);
  });

  it('reports a line over the length limit and goes on; stops a body over the size limit with a typed 413', async () => {
    const long = { ...customer(1), firstName: 'x'.repeat(5_000) };
    const report = await importOk('kind=customers', [customer(1), long, customer(2)]);
    expect(report).toMatchObject({ state: 'PARTIAL', linesRead: 3, errors: [{ line: 2, field: null, message: 'The line is longer than 2000 bytes' }] });

    // Sent as a stream, without Content-Length: counted as it arrives.
    const lines = Array.from({ length: 200 }, (_, n) => `${JSON.stringify({ externalId: `imp-big-${n}`, firstName: 'x'.repeat(1_000) })}\n`);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = lines.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const refused = await server.fetch('http://cohort.test/import?kind=customers', {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.admin}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(refused.status).toBe(413);
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'maxBodyBytes', max: 65_536 });
    const job = await graphql(`query ($id: ID!) { importJob(id: $id) { state failure } }`, { id: body.errors[0].extensions.jobId });
    expect(job.data.importJob).toMatchObject({ state: 'FAILED', failure: expect.stringContaining('larger than 65536 bytes') });
  });

  it('shows a job whose server stopped mid-file (kill -9, a restart, the database gone) as FAILED once its heartbeat is older than the lease, and a live one as RUNNING', async () => {
    const { jobId } = await importOk('kind=customers', [customer(900)]);
    const id = decodeGlobalID(jobId).id;
    // Written with the batch: the moment the job last said it was alive.
    expect((await prisma.importJob.findUniqueOrThrow({ where: { id } })).heartbeatAt).toEqual(clock.now());
    const beat = (ago: number) => new Date(clock.now().getTime() - ago);
    // As a killed process leaves them: RUNNING, the last heartbeat before the lease or within it.
    const silent = await prisma.importJob.create({
      data: { kind: 'orders', format: 'ndjson', startedAt: beat(600_000), heartbeatAt: beat(IMPORT_LEASE.leaseMs + 1_000) },
    });
    const alive = await prisma.importJob.create({
      data: { kind: 'orders', format: 'ndjson', startedAt: beat(600_000), heartbeatAt: beat(IMPORT_LEASE.beatMs) },
    });
    const stateOf = async (job: { id: string }) =>
      (await graphql(`query ($id: ID!) { importJob(id: $id) { state failure } }`, { id: encodeGlobalID('ImportJob', job.id) })).data.importJob;
    expect(await stateOf(silent)).toEqual({ state: 'FAILED', failure: expect.stringContaining('Interrupted') });
    expect(await stateOf(alive)).toEqual({ state: 'RUNNING', failure: null });
  });

  it('imports events of declared types, reports an undeclared property and an unknown customer by line, and stores each eventId once when the file comes again', async () => {
    await importOk('kind=customers', [customer(950)]);
    const declared = await graphql(
      'mutation { declareEventType(input: { name: "imp.opened", properties: [{ name: "campaign", type: STRING }] }) { __typename } }',
    );
    expect(declared.errors).toBeUndefined();
    const event = (n: number, overrides: Record<string, unknown> = {}) => ({
      eventId: `imp-ev-${n}`,
      customer: { externalId: 'imp-c950' },
      type: 'imp.opened',
      occurredAt: '2026-02-20T08:00:00Z',
      properties: { campaign: 'spring' },
      ...overrides,
    });
    const good = [event(1), event(2), { ...event(3), customer: undefined, anonymousId: 'imp-anon-1' }];
    const first = await importOk('kind=events', good);
    expect(first).toMatchObject({ state: 'SUCCEEDED', linesRead: 3, recordsWritten: 3, errorCount: 0 });
    const again = await importOk('kind=events', good);
    expect(again).toMatchObject({ state: 'SUCCEEDED', recordsWritten: 0 });
    expect(await prisma.event.count({ where: { externalId: { startsWith: 'imp-ev-' } } })).toBe(3);

    const bad = await importOk('kind=events', [event(4, { properties: { channel: 'email' } }), event(5)]);
    expect(bad).toMatchObject({ state: 'PARTIAL', recordsWritten: 0, batchesFailed: 1 });
    expect(bad.errors).toEqual([{ line: 1, field: 'properties.channel', message: expect.stringContaining('declares no property "channel"') }]);
    const unknown = await importOk('kind=events', [event(6), event(7, { customer: { externalId: 'imp-ev-nobody' } })]);
    expect(unknown.errors).toEqual([{ line: 2, field: 'customer.externalId', message: 'No customer with externalId "imp-ev-nobody"' }]);
    expect(await prisma.event.count({ where: { externalId: { in: ['imp-ev-4', 'imp-ev-5', 'imp-ev-6', 'imp-ev-7'] } } })).toBe(0);
  });

  it("analyses the tables of a large import's kind when it ends, so that the planner knows what was loaded", async () => {
    const analyzeAfterRecords = 40;
    const large = createServer({ registry, clock, importLimits: { maxBodyBytes: 64 * 1024, maxLineBytes: 2_000, batchSize: 1000, analyzeAfterRecords } });
    const products = (from: number, count: number) =>
      Array.from({ length: count }, (_, n) => ({ sku: `IMP-BULK-${from + n}`, name: `Bulk ${from + n}`, price: { amount: 100 + n, currency: 'USD' } }));
    const load = async (records: unknown[]) =>
      (
        await large.fetch('http://cohort.test/import?kind=products', {
          method: 'POST',
          headers: { authorization: `Bearer ${keys.admin}` },
          body: ndjson(records),
        })
      ).json();
    // The planner's estimate of the table's rows, which ANALYZE sets to the count on a table this small.
    const estimate = async () => (await prisma.$queryRaw<{ rows: number }[]>`SELECT reltuples::int AS rows FROM pg_class WHERE relname = 'Product'`)[0]!.rows;
    expect(await load(products(0, analyzeAfterRecords - 1))).toMatchObject({ state: 'SUCCEEDED', recordsWritten: analyzeAfterRecords - 1 });
    // Below the threshold nothing is analysed (on PGlite; PostgreSQL's autovacuum may analyse the table on its own meanwhile).
    if (database.target.kind !== 'postgres') expect(await estimate()).not.toBe(await prisma.product.count());
    expect(await load(products(1_000, analyzeAfterRecords))).toMatchObject({ state: 'SUCCEEDED', recordsWritten: analyzeAfterRecords });
    expect(await estimate()).toBe(await prisma.product.count());
  });
});
