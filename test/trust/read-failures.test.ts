// A failure to read is never reported as absence. Every path that can answer "this does not
// exist" (products, customers, codes, segments, promotions, keys, webhook endpoints) is asked
// while the table it reads cannot be read (renamed away, with the data contract's view of it):
// the answer must be an error, masked, never a NotFoundError, an UNKNOWN_CODE, an anonymous
// shopper's answer or an empty result. The same questions are asked again once the table is
// back, and answered as before.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../src/db/client.js';
import { raw, sql } from '@cohort/plugin-sdk';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
const ids: Record<string, string> = {};
let restore: (() => Promise<void>) | null = null;

/** Makes a table (and the data contract's view of it) unreadable until `restore`. */
async function unreadable(table: string, view?: string) {
  await query(sql`ALTER TABLE ${raw(`"${table}"`)} RENAME TO ${raw(`"${table}_away"`)}`);
  if (view) await query(sql`ALTER VIEW ${raw(`cohort_v1.${view}`)} RENAME TO ${raw(`${view}_away`)}`);
  restore = async () => {
    restore = null;
    await query(sql`ALTER TABLE ${raw(`"${table}_away"`)} RENAME TO ${raw(`"${table}"`)}`);
    if (view) await query(sql`ALTER VIEW ${raw(`cohort_v1.${view}_away`)} RENAME TO ${raw(view)}`);
  };
}

afterEach(async () => {
  await restore?.();
  // The catalogue is re-read: nothing remembered from a failed read may stand in for data.
  client.promotions.forget();
});

const cart = { currency: 'USD', lines: [{ sku: 'READ-1', quantity: 1 }] };
const write = async (query: string, input: Record<string, unknown>) => {
  const result = await client.request(query, { input });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
};

beforeAll(async () => {
  client = await createTestClient();
  await write(`mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }`, {
    sku: 'READ-1',
    name: 'Item',
    price: { amount: 1_000, currency: 'USD' },
  });
  await write(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, { externalId: 'read-1' });
  const segment = await write(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      name: 'Example.com',
      rule: { condition: { customerDetails: { emailDomains: ['example.com'] } } },
    },
  );
  ids.segment = segment.createSegment.data.segment.id;
  const promotion = await write(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    {
      name: 'Coded',
      status: 'ACTIVE',
      currency: 'USD',
      effects: [{ amountOff: { amount: 100 } }],
    },
  );
  ids.promotion = promotion.createPromotion.data.promotion.id;
  await write(`mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename } }`, {
    promotion: ids.promotion,
    codes: ['READ-CODE'],
  });
});

/** The answer is a failure (an error in `errors`, data null), with nothing that says "absent". */
function expectFailure(result: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] }) {
  expect(result.errors?.length, JSON.stringify(result)).toBeGreaterThan(0);
  expect(['INTERNAL_SERVER_ERROR', 'UNAVAILABLE']).toContain(result.errors?.[0]?.extensions?.code);
  expect(JSON.stringify(result.data ?? null)).not.toMatch(/NotFoundError|NOT_FOUND|UNKNOWN_CODE|"customerKnown":false/);
}

const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename ... on QueryEligiblePromotionsSuccess { data { customerKnown unknownSkus promotions { promotion { name } } } } ... on Error { code message } } }`;

describe('a read that fails', () => {
  it('is not "no such product" on the cart page or at checkout', async () => {
    await unreadable('Product', 'products');
    expectFailure(await client.request(ELIGIBLE, { input: { cart } }, 'storefront'));
    expectFailure(await client.request(ELIGIBLE, { input: { customer: { externalId: 'read-1' }, cart } }, 'storefront'));
    expectFailure(
      await client.request(
        `mutation ($input: RedeemInput!) { redeem(input: $input) { __typename ... on Error { code } } }`,
        { input: { orderRef: 'READ-ORDER', cart } },
        'storefront',
      ),
    );
    expectFailure(
      await client.request(
        `mutation ($input: RecordProductViewsInput!) { recordProductViews(input: $input) { __typename ... on Error { code } } }`,
        { input: { views: [{ customer: { externalId: 'read-1' }, sku: 'READ-1' }] } },
        'storefront',
      ),
    );
  });

  it('is not "unknown customer" (nor an anonymous answer) on the cart page, in ingestion or for admins', async () => {
    await unreadable('Customer', 'customers');
    expectFailure(await client.request(ELIGIBLE, { input: { customer: { externalId: 'read-1' }, cart } }, 'storefront'));
    const order = {
      externalId: 'READ-O-1',
      customer: { externalId: 'read-1' },
      placedAt: '2026-11-01T00:00:00Z',
      status: 'VALIDATED',
      currency: 'USD',
      lines: [{ sku: 'READ-1', quantity: 1, unitPrice: 1_000 }],
    };
    expectFailure(await client.request(`mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { code } } }`, { input: order }));
    // A list that cannot be read is an error, not an empty page.
    const listed = await client.request(`query { customers(first: 5, filter: { search: "read-1" }) { edges { node { id } } } }`);
    expectFailure(listed);
    expect(listed.data?.customers?.edges ?? null).toBeNull();
  });

  it('is not "unknown code" when the codes cannot be read', async () => {
    await unreadable('VoucherCode');
    expectFailure(await client.request(ELIGIBLE, { input: { cart, voucherCodes: ['READ-CODE'] } }, 'storefront'));
    expectFailure(
      await client.request(
        `query ($input: VoucherCheckInput!) { validateVoucher(input: $input) { __typename ... on QueryValidateVoucherSuccess { data { applied reason } } } }`,
        { input: { cart, code: 'READ-CODE' } },
        'storefront',
      ),
    );
  });

  it('is not "no such promotion" or "no such segment" for admins', async () => {
    await unreadable('Promotion');
    expectFailure(
      await client.request(`mutation ($input: CreateVoucherCodesInput!) { createVoucherCodes(input: $input) { __typename ... on Error { code } } }`, {
        input: { promotion: ids.promotion, codes: ['READ-2'] },
      }),
    );
    expectFailure(
      await client.request(`mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { __typename ... on Error { code } } }`, {
        input: { id: ids.promotion, name: 'Renamed' },
      }),
    );
    await restore?.();
    await unreadable('Segment');
    expectFailure(
      await client.request(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename ... on Error { code } } }`, {
        input: { id: ids.segment, name: 'Renamed' },
      }),
    );
    const node = await client.request(`query ($id: ID!) { node(id: $id) { id } }`, { id: ids.segment });
    expectFailure(node);
  });

  it('is not "no such key" or "no such endpoint"', async () => {
    const key = await write(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on MutationCreateApiKeySuccess { data { apiKey { id } } } } }`,
      { name: 'to revoke', scopes: ['STOREFRONT'] },
    );
    await unreadable('WebhookEndpoint');
    expectFailure(
      await client.request(`mutation { deleteWebhookEndpoint(input: { id: "V2ViaG9va0VuZHBvaW50OnVua25vd24=" }) { __typename ... on Error { code } } }`),
    );
    await restore?.();
    // The key check itself is cached for the admin; revoking reads the table again.
    await client.request(`{ __typename }`);
    const revoke = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename ... on Error { code } } }`;
    await query(sql`ALTER TABLE "ApiKey" RENAME TO "ApiKey_away"`);
    restore = async () => {
      restore = null;
      await query(sql`ALTER TABLE "ApiKey_away" RENAME TO "ApiKey"`);
    };
    expectFailure(await client.request(revoke, { input: { id: key.createApiKey.data.apiKey.id } }));
  });

  it('answers as before once the tables are back', async () => {
    const answer = await client.request(ELIGIBLE, { input: { customer: { externalId: 'read-1' }, cart, voucherCodes: ['READ-CODE'] } }, 'storefront');
    expect(answer.data.eligiblePromotions).toMatchObject({ __typename: 'QueryEligiblePromotionsSuccess', data: { customerKnown: true, unknownSkus: [] } });
  });
});
