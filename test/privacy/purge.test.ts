// The retention purge: raw events older than the kept age (views, carts, webhook events with
// their delivery logs, membership events) go; current memberships do not change, and the
// history still answers for every moment after the cutoff; settings come from loadConfig.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { prisma } from '../../src/db/client.js';
import { purgeExpiredData } from '../../src/privacy/purge.js';
import { MembershipTracker } from '../../src/segments/tracking.js';
import { DAY_MS, systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';

let client: TestClient;
let tracker: MembershipTracker;
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
const fromGlobalId = (id: string) => Buffer.from(id, 'base64').toString().split(':')[1] as string;

const EXPORT = `query ($externalId: String!) { customerDataExport(customer: { externalId: $externalId }) { ... on QueryCustomerDataExportSuccess { data } ... on Error { code message } } }`;
const exported = async (externalId: string) => (await client.ok(EXPORT, { externalId })).customerDataExport.data;
const MEMBERSHIP = `query ($segment: ID!, $externalId: String!, $at: DateTime) { segmentMembership(segment: $segment, customer: { externalId: $externalId }, at: $at) {
  ... on QuerySegmentMembershipSuccess { data { isMember } } ... on Error { __typename code message } } }`;
const isMember = async (segment: string, externalId: string, at?: Date) =>
  (await client.ok(MEMBERSHIP, { segment, externalId, at: at?.toISOString() })).segmentMembership.data.isMember;
const SEGMENT = `query ($id: ID!) { node(id: $id) { ... on Segment { memberCount members(first: 10) { totalCount edges { node { externalId } } } } } }`;
const LOG = `{ webhookEndpoints(first: 1) { edges { node { deliveries(first: 20) { totalCount edges { node { status event { id } } } } } } } }`;

let segmentId: string;
let segment: string;

beforeAll(async () => {
  client = await createTestClient();
  tracker = new MembershipTracker(registry, systemClock);
  await client.ok('mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }', {
    input: { sku: 'PURGE-ITEM', name: 'Item', price: { amount: 10_000, currency: 'USD' } },
  });
  const created = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      input: { name: 'Has ever ordered', rule: { condition: { orderCount: { count: { atLeast: 1 } } } } },
    },
  );
  segment = created.createSegment.data.segment.id;
  segmentId = fromGlobalId(segment);
  for (const externalId of ['purge-anna', 'purge-bert'])
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId } });
  // Anna ordered: she entered the segment (recorded now), and she is still in it.
  await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId: 'PURGE-1',
      customer: { externalId: 'purge-anna' },
      status: 'VALIDATED',
      placedAt: daysAgo(500).toISOString(),
      currency: 'USD',
      lines: [{ sku: 'PURGE-ITEM', quantity: 1, unitPrice: 10_000 }],
    },
  });
  expect(await isMember(segment, 'purge-anna')).toBe(true);
  // Her history, as if recorded over two years: in, out, in again 500 days ago; Bert in and out long ago.
  const [anna, bert] = await Promise.all(['purge-anna', 'purge-bert'].map((externalId) => prisma.customer.findUniqueOrThrow({ where: { externalId } })));
  await prisma.segment.update({ where: { id: segmentId }, data: { membershipTrackedAt: daysAgo(800) } });
  await prisma.segmentMember.update({ where: { segmentId_customerId: { segmentId, customerId: anna!.id } }, data: { since: daysAgo(500) } });
  await prisma.segmentMembershipEvent.updateMany({ where: { customerId: anna!.id }, data: { at: daysAgo(500) } });
  await prisma.segmentMembershipEvent.createMany({
    data: [
      { segmentId, customerId: anna!.id, entered: true, at: daysAgo(700), cause: 'INGESTION' },
      { segmentId, customerId: anna!.id, entered: false, at: daysAgo(650), cause: 'TIME' },
      { segmentId, customerId: bert!.id, entered: true, at: daysAgo(600), cause: 'INGESTION' },
      { segmentId, customerId: bert!.id, entered: false, at: daysAgo(550), cause: 'TIME' },
    ],
  });
  // Views and carts, old and recent.
  const product = await prisma.product.findUniqueOrThrow({ where: { sku: 'PURGE-ITEM' } });
  await prisma.productView.createMany({
    data: [
      { customerId: anna!.id, productId: product.id, viewedAt: daysAgo(500) },
      { customerId: anna!.id, productId: product.id, viewedAt: daysAgo(10) },
    ],
  });
  await prisma.cart.create({
    data: {
      externalId: 'PURGE-OLD-CART',
      customerId: anna!.id,
      currency: 'USD',
      lastActivityAt: daysAgo(450),
      lines: { create: [{ productId: product.id, quantity: 1, unitPrice: 10_000 }] },
    },
  });
  await client.ok(
    'mutation ($input: UpdateCartInput!) { updateCart(input: $input) { __typename } }',
    { input: { externalId: 'PURGE-NEW-CART', currency: 'USD', customer: { externalId: 'purge-anna' }, lines: [{ sku: 'PURGE-ITEM', quantity: 1 }] } },
    'storefront',
  );
  // The webhook log: an old event delivered, an old one still being delivered, a recent one.
  await client.ok(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, {
    input: { url: 'https://crm.example.com/hooks', eventTypes: ['SEGMENT_ENTERED'] },
  });
  const endpoint = await prisma.webhookEndpoint.findFirstOrThrow();
  const event = (id: string, at: Date, status: 'SUCCEEDED' | 'PENDING') =>
    prisma.webhookEvent.create({
      data: {
        id,
        type: 'segment.entered',
        payload: { type: 'segment.entered' },
        createdAt: at,
        deliveries: {
          create: [
            {
              endpointId: endpoint.id,
              status,
              createdAt: at,
              attempts: { create: [{ number: 1, at, durationMs: 5, responseStatus: status === 'PENDING' ? 500 : 200 }] },
            },
          ],
        },
      },
    });
  await event('msg_old_delivered', daysAgo(420), 'SUCCEEDED');
  await event('msg_old_pending', daysAgo(420), 'PENDING');
  await event('msg_recent', daysAgo(3), 'SUCCEEDED');
  // The audit log: an entry older than it is kept, and a recent one.
  await prisma.auditEntry.createMany({
    data: [
      { at: daysAgo(200), apiKeyName: 'old key', operation: 'updateShopSettings', outcome: 'SUCCESS' },
      { at: daysAgo(5), apiKeyName: 'recent key', operation: 'updateShopSettings', outcome: 'SUCCESS' },
    ],
  });
});

describe('the retention purge', () => {
  it('takes its settings from the environment, in loadConfig', () => {
    expect(loadConfig({}).privacy).toEqual({ rawEventsDays: 400, auditLogDays: 400, purgeMinutes: 60 });
    expect(loadConfig({ COHORT_RAW_EVENTS_KEEP_DAYS: '30', COHORT_AUDIT_LOG_KEEP_DAYS: '0', COHORT_PURGE_MINUTES: '5' }).privacy).toEqual({
      rawEventsDays: 30,
      auditLogDays: 0,
      purgeMinutes: 5,
    });
    expect(() => loadConfig({ COHORT_RAW_EVENTS_KEEP_DAYS: 'a year' })).toThrow(/COHORT_RAW_EVENTS_KEEP_DAYS/);
  });

  it('deletes nothing that is kept for ever (0)', async () => {
    expect(await purgeExpiredData({ rawEventsDays: 0, auditLogDays: 0 }, now, tracker)).toEqual({
      productViews: 0,
      carts: 0,
      webhookEvents: 0,
      membershipEvents: 0,
      auditEntries: 0,
    });
  });

  it('removes raw events older than the kept age and keeps every current membership', async () => {
    const membersBefore = (await client.ok(SEGMENT, { id: segment })).node;
    expect(membersBefore).toMatchObject({ memberCount: 1, members: { totalCount: 1, edges: [{ node: { externalId: 'purge-anna' } }] } });
    expect(await isMember(segment, 'purge-anna', daysAgo(300))).toBe(true);
    expect(await isMember(segment, 'purge-anna', daysAgo(600))).toBe(false);

    const purged = await purgeExpiredData({ rawEventsDays: 400, auditLogDays: 100 }, now, tracker);
    expect(purged).toEqual({ productViews: 1, carts: 1, webhookEvents: 1, membershipEvents: 5, auditEntries: 1 });

    const anna = await exported('purge-anna');
    expect(anna.productViews).toHaveLength(1);
    expect(anna.carts.map((cart: any) => cart.externalId)).toEqual(['PURGE-NEW-CART']);
    expect(anna.membershipHistory).toEqual([]);
    expect(anna.orders).toHaveLength(1);
    expect((await exported('purge-bert')).membershipHistory).toEqual([]);
    const log = (await client.ok(LOG)).webhookEndpoints.edges[0].node.deliveries;
    expect(log.edges.map((edge: any) => edge.node.event.id).sort()).toEqual(['msg_old_pending', 'msg_recent']);
    const audit = (await client.ok(`{ auditLog(first: 50) { edges { node { apiKeyName } } } }`)).auditLog.edges.map((edge: any) => edge.node.apiKeyName);
    expect(audit).toContain('recent key');
    expect(audit).not.toContain('old key');

    // Memberships are as they were, and the history answers the same for any moment after the cutoff.
    expect((await client.ok(SEGMENT, { id: segment })).node).toEqual(membersBefore);
    expect(await isMember(segment, 'purge-anna')).toBe(true);
    expect(await isMember(segment, 'purge-anna', daysAgo(300))).toBe(true);
    expect(await isMember(segment, 'purge-bert', daysAgo(300))).toBe(false);
    // Before the cutoff, the recorded history says it no longer goes back that far.
    const recordedSince = (await client.ok(`query ($id: ID!) { node(id: $id) { ... on Segment { membershipRecordedSince } } }`, { id: segment })).node
      .membershipRecordedSince;
    expect(recordedSince).toBe(daysAgo(400).toISOString());
    const tooEarly = await client.request(MEMBERSHIP, { segment, externalId: 'purge-anna', at: daysAgo(600).toISOString() });
    expect(tooEarly.data.segmentMembership).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });

    // A second run finds nothing more.
    expect(await purgeExpiredData({ rawEventsDays: 400, auditLogDays: 100 }, now, tracker)).toEqual({
      productViews: 0,
      carts: 0,
      webhookEvents: 0,
      membershipEvents: 0,
      auditEntries: 0,
    });
  });

  it('records at once, as a reconciliation, the exits of customers whose deleted carts a rule still reached', async () => {
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId: 'purge-cara' } });
    const cara = await prisma.customer.findUniqueOrThrow({ where: { externalId: 'purge-cara' } });
    const product = await prisma.product.findUniqueOrThrow({ where: { sku: 'PURGE-ITEM' } });
    await prisma.cart.create({
      data: {
        externalId: 'PURGE-CARA-CART',
        customerId: cara.id,
        currency: 'USD',
        lastActivityAt: daysAgo(450),
        lines: { create: [{ productId: product.id, quantity: 1, unitPrice: 10_000 }] },
      },
    });
    // A window reaching past the 400 days kept: her cart of 450 days ago counts.
    const created = await client.ok(
      `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
      {
        input: { name: 'Abandoned a cart in the last 1000 days', rule: { condition: { abandonedCart: { within: { lastDays: 1000 } } } } },
      },
    );
    const abandoned = created.createSegment.data.segment.id;
    expect((await client.ok(SEGMENT, { id: abandoned })).node).toMatchObject({ memberCount: 1, members: { edges: [{ node: { externalId: 'purge-cara' } }] } });

    expect(await purgeExpiredData({ rawEventsDays: 400, auditLogDays: 0 }, new Date(), tracker)).toMatchObject({ carts: 1 });

    // The rule no longer holds for her, and the record says so now, with the purge as the cause.
    expect((await client.ok(SEGMENT, { id: abandoned })).node).toMatchObject({ memberCount: 0, members: { totalCount: 0 } });
    expect(await isMember(abandoned, 'purge-cara')).toBe(false);
    const history = (await exported('purge-cara')).membershipHistory;
    expect(history).toMatchObject([{ segmentName: 'Abandoned a cart in the last 1000 days', entered: false, cause: 'RECONCILIATION' }]);
    // Anna, whose rows were deleted earlier, stays where the rules put her.
    expect(await isMember(segment, 'purge-anna')).toBe(true);
  });
});
