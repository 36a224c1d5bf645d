// Who a log entry is about, through the API: a customer is matched in the webhook and audit logs
// by their ids anywhere, and by their external id only where it denotes a customer. Another
// person's order sharing the external id's string, or a promotion whose global ID an admin used
// as an external id, is not theirs: the export does not show it and an erasure leaves it intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

let client: TestClient;
let receiver: Receiver;

const EXPORT = `query ($customer: CustomerRefInput!) { customerDataExport(customer: $customer) { __typename ... on QueryCustomerDataExportSuccess { data } ... on Error { code message } } }`;
const ERASE = `mutation ($input: EraseCustomerInput!) { eraseCustomer(input: $input) { __typename ... on Error { code message } } }`;
const upsertCustomer = async (externalId: string, email = `${externalId}@example.com`) =>
  (
    await client.ok(
      'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
      { input: { externalId, email } },
    )
  ).upsertCustomer.data.customer.id as string;
const order = (externalId: string, customer: string) =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId,
      customer: { externalId: customer },
      status: 'VALIDATED',
      placedAt: new Date().toISOString(),
      currency: 'USD',
      lines: [{ sku: 'MENTION-ITEM', quantity: 1, unitPrice: 5_000 }],
    },
  });
const REDEEM = `mutation ($input: RedeemInput!) { redeem(input: $input) { ... on MutationRedeemSuccess { data { redemptions { orderRef } } } ... on Error { __typename message } } }`;

let promotionId: string;
let bernardId: string;

beforeAll(async () => {
  client = await createTestClient();
  receiver = await startReceiver();
  await client.ok(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, {
    input: { url: receiver.url, eventTypes: ['REDEMPTION_CREATED'] },
  });
  await client.ok('mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }', {
    input: { sku: 'MENTION-ITEM', name: 'Item', price: { amount: 5_000, currency: 'USD' } },
  });
  const promotion = await client.ok(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    {
      input: { name: 'Five off', status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 500 } }] },
    },
  );
  promotionId = promotion.createPromotion.data.promotion.id;
  // An audit entry naming the promotion by its global ID.
  await client.ok(`mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { __typename } }`, {
    input: { id: promotionId, description: 'Five off everything' },
  });
  // Bernard's order is called "1001", and so is its redemption (a webhook event about Bernard).
  bernardId = await upsertCustomer('bernard');
  await order('1001', 'bernard');
  expect(
    (
      await client.ok(
        REDEEM,
        { input: { orderRef: '1001', customer: { externalId: 'bernard' }, cart: { currency: 'USD', lines: [{ sku: 'MENTION-ITEM', quantity: 1 }] } } },
        'storefront',
      )
    ).redeem.data.redemptions,
  ).toEqual([{ orderRef: '1001' }]);
});

afterAll(async () => {
  await receiver.close();
});

/** What names Bernard or the promotion, as stored: it must survive the erasures of others. */
const othersEntries = async () => {
  const audit = await prisma.auditEntry.findMany({
    where: { operation: { in: ['upsertOrder', 'updatePromotion'] } },
    orderBy: { at: 'asc' },
    select: { id: true, operation: true, input: true, before: true, after: true },
  });
  const events = await prisma.webhookEvent.findMany({
    where: { type: 'redemption.created' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, payload: true },
  });
  // Customer "1001"'s own order (A-ORDER) is theirs, not another's.
  return { audit: audit.filter((entry) => JSON.stringify(entry.input).indexOf('A-ORDER') < 0 && (entry.input as any).redacted === undefined), events };
};

describe('who a log entry is about', () => {
  it("does not take another customer's order with the same external id for the customer's own", async () => {
    const stored = await othersEntries();
    expect(stored.audit.map((entry) => entry.operation)).toEqual(['updatePromotion', 'upsertOrder']);
    expect(stored.events).toHaveLength(1);
    expect((stored.events[0]!.payload as any).data.customer.id).toBe(bernardId);

    // Customer "1001" and their own order: an upsertOrder whose customer reference is "1001".
    await upsertCustomer('1001');
    await order('A-ORDER', '1001');
    const data = (await client.ok(EXPORT, { customer: { externalId: '1001' } })).customerDataExport.data;
    expect(data.auditEntries.map((entry: any) => [entry.operation, entry.input.input.externalId])).toEqual([
      ['upsertCustomer', '1001'],
      ['upsertOrder', 'A-ORDER'],
    ]);
    expect(data.webhookEvents).toEqual([]);
    expect(JSON.stringify(data)).not.toContain('bernard');

    expect((await client.ok(ERASE, { input: { customer: { externalId: '1001' } } })).eraseCustomer.__typename).toBe('MutationEraseCustomerSuccess');
    // Their own entries are redacted; Bernard's order entry, the promotion's, and Bernard's event are as they were.
    const own = await prisma.auditEntry.findMany({ where: { operation: { in: ['upsertCustomer', 'upsertOrder'] } }, orderBy: { at: 'asc' } });
    expect(own.map((entry) => (entry.input as any).redacted !== undefined)).toEqual([false, false, true, true]);
    expect(await othersEntries()).toEqual(stored);
  });

  it("does not let a customer whose external id is a promotion's global ID erase what names the promotion", async () => {
    const stored = await othersEntries();
    await upsertCustomer(promotionId, 'tamperer@example.com');
    const data = (await client.ok(EXPORT, { customer: { externalId: promotionId } })).customerDataExport.data;
    expect(data.auditEntries.map((entry: any) => entry.operation)).toEqual(['upsertCustomer']);
    expect(data.webhookEvents).toEqual([]);

    expect((await client.ok(ERASE, { input: { customer: { externalId: promotionId } } })).eraseCustomer.__typename).toBe('MutationEraseCustomerSuccess');
    expect(await othersEntries()).toEqual(stored);
    const promotionLog = (await client.ok(`query { auditLog(first: 50, operation: "updatePromotion") { edges { node { input } } } }`)).auditLog.edges;
    expect(promotionLog.map((edge: any) => edge.node.input)).toEqual([{ input: { id: promotionId, description: 'Five off everything' } }]);
  });
});
