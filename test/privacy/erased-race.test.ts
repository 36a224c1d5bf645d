// A write racing an erasure, through the API: upsertOrder (or redeem) looked its customer up, the customer
// was erased (their row moved to a new id) before the order was written. The answer is the
// NotFoundError a customer not found gets, not an internal error. The race is made
// deterministic: the lookup answers with the id of a customer that is gone by the write.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestClient, type TestClient } from '../support/http.js';

const GONE = '00000000-0000-7000-8000-00000000dead';
vi.mock('../../src/customers/refs.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/customers/refs.js')>();
  return {
    ...original,
    // "race-gone" was found by the lookup, and erased before the write.
    resolveCustomerRefs: async (refs: { id?: string | null; externalId?: string | null }[], paths: string[][]) =>
      refs.some((ref) => ref.externalId === 'race-gone')
        ? refs.map((ref) => (ref.externalId === 'race-gone' ? GONE : ''))
        : original.resolveCustomerRefs(refs, paths),
  };
});

vi.mock('../../src/checkout/checkout.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/checkout/checkout.js')>();
  return {
    ...original,
    // The shopper "race-gone" was found when the cart was priced, and erased before the redemption was written.
    eligibilityOf: async (...args: Parameters<typeof original.eligibilityOf>) => {
      const result = await original.eligibilityOf(...args);
      return args[0].customer?.externalId === 'race-gone' ? { ...result, customerId: GONE } : result;
    },
  };
});

let client: TestClient;

beforeAll(async () => {
  client = await createTestClient();
  await client.request(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }',
    { input: { sku: 'RACE-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } } },
    'admin',
  );
  await client.request(
    'mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }',
    { input: { name: 'One off', status: 'ACTIVE', currency: 'USD', effects: [{ amountOff: { amount: 100 } }] } },
    'admin',
  );
});

describe('a write racing an erasure', () => {
  it('answers NotFoundError for the customer, not an internal error', async () => {
    const answer = await client.request(
      'mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { code message } ... on NotFoundError { path } } }',
      {
        input: {
          externalId: 'RACE-ORDER',
          customer: { externalId: 'race-gone' },
          status: 'VALIDATED',
          placedAt: new Date().toISOString(),
          currency: 'USD',
          lines: [{ sku: 'RACE-ITEM', quantity: 1, unitPrice: 1_000 }],
        },
      },
      'admin',
    );
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    expect(answer.data.upsertOrder).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('answers NotFoundError to a redemption whose customer went, not an internal error', async () => {
    const answer = await client.request(
      'mutation ($input: RedeemInput!) { redeem(input: $input) { __typename ... on MutationRedeemSuccess { data { redemptions { orderRef } } } ... on Error { code message } } }',
      { input: { orderRef: 'RACE-ORDER-2', customer: { externalId: 'race-gone' }, cart: { currency: 'USD', lines: [{ sku: 'RACE-ITEM', quantity: 1 }] } } },
      'storefront',
    );
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
    expect(answer.data.redeem).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});
