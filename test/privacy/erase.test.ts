// Forgetting one customer, through the API: after eraseCustomer, no admin answer (customers,
// the export, segments, membership history, the webhook log) shows the person's email, external
// id or name; the shop's orders and redemptions stay, so that the promotion's usage limits and
// report count exactly as before; a receiver gets customer.erased with the global ID it already
// knew and nothing else; ingesting the same external id again makes a new, unrelated customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { runJobs, type JobRunner } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { MembershipTracker } from '../../src/segments/tracking.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { webhookDelivery } from '../support/runtime.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { eventually } from '../support/eventually.js';

let client: TestClient;
let jobs: JobRunner;
let receiver: Receiver;

// What identifies the person: none of it may be in any admin answer after the erasure.
const PERSON = {
  externalId: 'priv-philippa',
  email: 'philippa.privatova@example.com',
  firstName: 'Philippa',
  lastName: 'Privatova',
  phone: '+33 6 12 34 56 78',
};
const traces = [PERSON.externalId, PERSON.email, PERSON.firstName, PERSON.lastName, PERSON.phone, 'Rue des Secrets', 'Pippa'];
const expectNoTrace = (answer: unknown) => {
  const text = JSON.stringify(answer);
  for (const trace of traces) expect(text, `"${trace}" is still in ${text.slice(0, 300)}`).not.toContain(trace);
};

const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { ... on MutationRedeemSuccess { data { redemptions { orderRef } rejected { reason } } } ... on Error { __typename message } } }`;
const redeem = (orderRef: string, externalId: string) =>
  client.ok(REDEEM, { input: { orderRef, customer: { externalId }, cart: { currency: 'USD', lines: [{ sku: 'PRIV-ITEM', quantity: 1 }] } } }, 'storefront');
const order = (externalId: string, customer: string, amount: number) =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId,
      customer: { externalId: customer },
      status: 'VALIDATED',
      placedAt: new Date().toISOString(),
      currency: 'USD',
      lines: [{ sku: 'PRIV-ITEM', quantity: 1, unitPrice: amount }],
    },
  });
const EXPORT = `query ($customer: CustomerRefInput!) { customerDataExport(customer: $customer) { __typename ... on QueryCustomerDataExportSuccess { data } ... on Error { code message } } }`;
const ERASE = `mutation ($input: EraseCustomerInput!) { eraseCustomer(input: $input) { __typename ... on MutationEraseCustomerSuccess { data { erasedId ordersKept redemptionsKept } } ... on Error { code message } } }`;
const REPORT = `query ($id: ID!) { node(id: $id) { ... on Promotion { redemptionCount report { redemptions discountGiven { amount } revenue { amount } bySegment { redemptions } } } } }`;
const AUDIT = `{ auditLog(first: 100) { totalCount edges { node { operation outcome input before after } } } }`;
const LOG = `{ webhookEndpoints(first: 1) { edges { node { disabledReason deliveries(first: 20) { totalCount edges { node { status failureReason event { id type payload }
  attempts { responseStatus responseBody error } } } } } } } }`;

let segmentId: string;
let promotionId: string;
let customerId: string;

beforeAll(async () => {
  client = await createTestClient();
  jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, { ...webhookDelivery(), retryDelaysMs: [50, 50, 50] }), {
    clock: systemClock,
    concurrency: 4,
    pollMs: 50,
    sweepMs: 500,
  });
  receiver = await startReceiver();
  // The receiver's first answer to each event quotes the person, as receivers' error pages do.
  const answered = new Set<string>();
  receiver.answer = (request) => {
    if (request.payload.type === 'customer.erased' || answered.has(request.id)) return 204;
    answered.add(request.id);
    return { status: 422, body: `unknown customer ${PERSON.externalId} <${PERSON.email}>` };
  };
  const hook = await client.ok(
    `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { data { secret } } ... on Error { __typename message } } }`,
    { input: { url: receiver.url, eventTypes: ['SEGMENT_ENTERED', 'SEGMENT_LEFT', 'REDEMPTION_CREATED', 'CUSTOMER_ERASED'] } },
  );
  receiver.secret = hook.createWebhookEndpoint.data.secret;
  await client.ok('mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }', {
    input: { sku: 'PRIV-ITEM', name: 'Item', price: { amount: 10_000, currency: 'USD' } },
  });
  const segment = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      input: {
        name: 'Spent more than $300',
        rule: { condition: { amountSpent: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } } },
      },
    },
  );
  segmentId = segment.createSegment.data.segment.id;
  const promotion = await client.ok(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    {
      input: {
        name: 'Ten off, once per customer',
        status: 'ACTIVE',
        currency: 'USD',
        effects: [{ amountOff: { amount: 1_000 } }],
        usageLimitPerCustomer: 1,
        usageLimit: 10,
      },
    },
  );
  promotionId = promotion.createPromotion.data.promotion.id;

  const created = await client.ok(
    'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
    {
      input: {
        ...PERSON,
        dateOfBirth: '1990-04-01',
        tags: ['vip'],
        customFields: { nickname: 'Pippa', shoeSize: 38 },
        addresses: [{ line1: '1 Rue des Secrets', city: 'Lyon', country: 'FR', isDefault: true }],
      },
    },
  );
  customerId = created.upsertCustomer.data.customer.id;
  await client.ok(
    'mutation ($input: RecordProductViewsInput!) { recordProductViews(input: $input) { __typename } }',
    { input: { views: [{ customer: { externalId: PERSON.externalId }, sku: 'PRIV-ITEM' }] } },
    'storefront',
  );
  await client.ok(
    'mutation ($input: UpdateCartInput!) { updateCart(input: $input) { __typename } }',
    { input: { externalId: 'PRIV-CART', currency: 'USD', customer: { externalId: PERSON.externalId }, lines: [{ sku: 'PRIV-ITEM', quantity: 2 }] } },
    'storefront',
  );
  await client.ok(
    'mutation ($input: WishlistItemInput!) { addToWishlist(input: $input) { __typename } }',
    { input: { customer: { externalId: PERSON.externalId }, sku: 'PRIV-ITEM' } },
    'storefront',
  );
  await order('PRIV-ORDER-1', PERSON.externalId, 40_000);
  expect((await redeem('PRIV-ORDER-1', PERSON.externalId)).redeem.data.redemptions).toEqual([{ orderRef: 'PRIV-ORDER-1' }]);
  // The per-customer limit is reached: a second order of theirs gets nothing.
  expect((await redeem('PRIV-ORDER-2', PERSON.externalId)).redeem.data.redemptions).toEqual([]);
  // A segment.entered and a redemption.created, each delivered on its second try.
  await eventually(async () => {
    const log = await client.ok(LOG);
    const deliveries = log.webhookEndpoints.edges[0].node.deliveries.edges.map((edge: any) => edge.node);
    expect(deliveries.map((delivery: any) => delivery.event.type).sort()).toEqual(['REDEMPTION_CREATED', 'SEGMENT_ENTERED']);
    expect(deliveries.map((delivery: any) => delivery.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });
});

afterAll(async () => {
  await jobs.stop();
  await receiver.close();
});

describe('customerDataExport', () => {
  it('gives everything Cohort holds about the customer as one JSON document, to admins only', async () => {
    const data = (await client.ok(EXPORT, { customer: { externalId: PERSON.externalId } })).customerDataExport.data;
    expect(data.customer).toMatchObject({ globalId: customerId, ...PERSON, tags: ['vip'], customFields: { nickname: 'Pippa', shoeSize: 38 } });
    expect(data.addresses).toMatchObject([{ line1: '1 Rue des Secrets', city: 'Lyon', country: 'FR' }]);
    expect(data.orders).toMatchObject([{ externalId: 'PRIV-ORDER-1', total: 40_000, lines: [{ sku: 'PRIV-ITEM', quantity: 1 }] }]);
    expect(data.redemptions).toMatchObject([{ orderRef: 'PRIV-ORDER-1', discountAmount: 1_000, promotionName: 'Ten off, once per customer' }]);
    expect(data.productViews).toMatchObject([{ sku: 'PRIV-ITEM' }]);
    expect(data.carts).toMatchObject([{ externalId: 'PRIV-CART', lines: [{ sku: 'PRIV-ITEM', quantity: 2 }] }]);
    expect(data.wishlist).toMatchObject([{ sku: 'PRIV-ITEM' }]);
    expect(data.segments).toMatchObject([{ name: 'Spent more than $300', kind: 'DYNAMIC' }]);
    expect(data.membershipHistory).toMatchObject([{ segmentName: 'Spent more than $300', entered: true, cause: 'INGESTION' }]);
    expect(data.webhookEvents.map((event: any) => event.type).sort()).toEqual(['redemption.created', 'segment.entered']);
    expect(data.auditEntries.map((entry: any) => entry.operation)).toEqual(['upsertCustomer', 'upsertOrder']);

    const storefront = await client.request(EXPORT, { customer: { externalId: PERSON.externalId } }, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(storefront.data).toBeNull();
    const anonymous = await client.request(EXPORT, { customer: { externalId: PERSON.externalId } }, 'anonymous');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous)).not.toContain(PERSON.email);

    const unknown = (await client.request(EXPORT, { customer: { externalId: 'nobody-here' } })).data.customerDataExport;
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});

describe('eraseCustomer', () => {
  it('is for admins only', async () => {
    const storefront = await client.request(ERASE, { input: { customer: { externalId: PERSON.externalId } } }, 'storefront');
    expect(storefront.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await prisma.customer.count({ where: { externalId: PERSON.externalId } })).toBe(1);
  });

  it("forgets the person everywhere, keeps the shop's orders and redemptions, and tells receivers with an identifier they knew", async () => {
    const reportBefore = (await client.ok(REPORT, { id: promotionId })).node;
    // The audit log holds what an admin wrote about them (the profile, as before and after).
    expect(JSON.stringify(await client.ok(AUDIT))).toContain(PERSON.email);
    expect(reportBefore.report.redemptions).toBe(1);

    const erased = (await client.ok(ERASE, { input: { customer: { externalId: PERSON.externalId } } })).eraseCustomer;
    expect(erased).toEqual({ __typename: 'MutationEraseCustomerSuccess', data: { erasedId: customerId, ordersKept: 1, redemptionsKept: 1 } });

    // No admin answer shows them.
    expectNoTrace(
      await client.ok(
        `{ customers(first: 100) { totalCount edges { node { id externalId email firstName lastName phone customFields addresses { line1 } } } } }`,
      ),
    );
    for (const search of [PERSON.externalId, PERSON.email, PERSON.firstName, PERSON.lastName]) {
      expect((await client.ok(`query ($search: String!) { customers(filter: { search: $search }) { totalCount } }`, { search })).customers.totalCount).toBe(0);
    }
    expect((await client.ok(`query ($id: ID!) { node(id: $id) { id } }`, { id: customerId })).node).toBeNull();
    expect((await client.request(EXPORT, { customer: { externalId: PERSON.externalId } })).data.customerDataExport).toMatchObject({ code: 'NOT_FOUND' });
    expect((await client.request(EXPORT, { customer: { id: customerId } })).data.customerDataExport).toMatchObject({ code: 'NOT_FOUND' });
    const segment = await client.ok(
      `query ($id: ID!) { node(id: $id) { ... on Segment { memberCount members(first: 50) { totalCount edges { node { externalId email } } } recentChanges(hours: 24) { entered left } } } }`,
      { id: segmentId },
    );
    expect(segment.node).toMatchObject({ memberCount: 0, members: { totalCount: 0 } });
    expectNoTrace(segment);
    const membership = await client.request(
      `query ($segment: ID!) { segmentMembership(segment: $segment, customer: { externalId: "${PERSON.externalId}" }) { __typename ... on Error { code } } }`,
      { segment: segmentId },
    );
    expect(membership.data.segmentMembership).toMatchObject({ code: 'NOT_FOUND' });
    expect(await prisma.segmentMembershipEvent.count()).toBe(0);

    // Nor the audit log: the entries that named them are redacted; the erasure's own names only the global ID.
    const audit = await client.ok(AUDIT);
    expectNoTrace(audit);
    const entries = audit.auditLog.edges.map((edge: any) => edge.node);
    expect(entries.find((entry: any) => entry.operation === 'upsertCustomer')).toMatchObject({
      input: { redacted: expect.any(String) },
      before: null,
      after: null,
    });
    expect(entries[0]).toEqual({ operation: 'eraseCustomer', outcome: 'SUCCESS', input: { customer: { id: customerId } }, before: null, after: erased.data });

    // Nor the webhook log: the segment event went with its tries, the redemption's event keeps
    // the shop's side without the customer, and what the receiver answered about them is redacted.
    const log = await client.ok(LOG);
    expectNoTrace(log);
    const events = log.webhookEndpoints.edges[0].node.deliveries.edges.map((edge: any) => edge.node.event);
    const redemptionEvent = events.find((event: any) => event.type === 'REDEMPTION_CREATED');
    expect(redemptionEvent.payload.data).toMatchObject({ redemption: { orderRef: 'PRIV-ORDER-1' }, customer: null });
    expect(events.find((event: any) => event.type === 'SEGMENT_ENTERED')).toBeUndefined();
    // The only trace of the global ID is the customer.erased event itself.
    for (const event of events.filter((event: any) => event.type !== 'CUSTOMER_ERASED')) expect(JSON.stringify(event)).not.toContain(customerId);

    // customer.erased reaches the receiver, with the ID it knew from earlier events and nothing more.
    const sent = await eventually(() => {
      const found = receiver.received.find((request) => request.payload.type === 'customer.erased');
      expect(found).toBeDefined();
      return found!;
    });
    expect(sent.verified).toBe(true);
    expect(sent.payload.data).toEqual({ customer: { id: customerId }, at: expect.any(String) });
    const earlier = receiver.received.find((request) => request.payload.type === 'segment.entered');
    expect(earlier?.payload.data.customer.id).toBe(customerId);

    // The shop's accounts: the promotion's count and report are what they were.
    expect((await client.ok(REPORT, { id: promotionId })).node).toEqual(reportBefore);
    expect(await prisma.order.count({ where: { externalId: 'PRIV-ORDER-1' } })).toBe(1);
    const kept = await prisma.redemption.findFirstOrThrow({ where: { orderRef: 'PRIV-ORDER-1' }, include: { customer: true } });
    expect(kept.customer).toMatchObject({ email: null, firstName: null, lastName: null, phone: null, customFields: {}, tags: [] });
    expect(kept.customer?.externalId).not.toBe(PERSON.externalId);
    expect(`Customer:${kept.customerId}`).not.toBe(Buffer.from(customerId, 'base64').toString());

    // A second erasure finds nobody.
    expect((await client.request(ERASE, { input: { customer: { id: customerId } } })).data.eraseCustomer).toMatchObject({
      __typename: 'NotFoundError',
      code: 'NOT_FOUND',
    });
  });

  it('makes a new, unrelated customer when the same external id is ingested again', async () => {
    const again = await client.ok(
      'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id email firstName customFields addresses { line1 } } } } } }',
      {
        input: { externalId: PERSON.externalId },
      },
    );
    const customer = again.upsertCustomer.data.customer;
    expect(customer).toEqual({ id: expect.any(String), email: null, firstName: null, customFields: {}, addresses: [] });
    expect(customer.id).not.toBe(customerId);
    const data = (await client.ok(EXPORT, { customer: { externalId: PERSON.externalId } })).customerDataExport.data;
    expect(data).toMatchObject({ orders: [], redemptions: [], productViews: [], carts: [], wishlist: [], segments: [], membershipHistory: [] });
    // Unrelated: the erased person's use of the promotion is not theirs.
    expect((await redeem('PRIV-ORDER-3', PERSON.externalId)).redeem.data.redemptions).toEqual([{ orderRef: 'PRIV-ORDER-3' }]);
    const report = (await client.ok(REPORT, { id: promotionId })).node;
    expect(report).toMatchObject({ redemptionCount: 2, report: { redemptions: 2 } });
  });
});
