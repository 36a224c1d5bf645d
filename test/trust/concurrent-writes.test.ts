// Imports of the same records at the same time (a shop's webhook retries, two workers) all
// succeed and leave one row each: a write that collides with a concurrent one on a unique key
// is run again, not reported as a conflict or an internal error.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;
beforeAll(async () => {
  client = await createTestClient();
});

const typenames = (results: { data?: any; errors?: unknown[] }[], field: string) =>
  results.map((result) => (result.errors ? JSON.stringify(result.errors) : result.data[field].__typename));

describe('concurrent imports of one record', () => {
  it('all succeed, one row each', async () => {
    const times = Array.from({ length: 10 }, (_, index) => index);
    const products = await Promise.all(
      times.map((index) =>
        client.request(`mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }`, {
          input: { sku: 'RACE-1', name: `Item ${index}`, price: { amount: 100 + index, currency: 'USD' } },
        }),
      ),
    );
    expect(new Set(typenames(products, 'upsertProduct'))).toEqual(new Set(['MutationUpsertProductSuccess']));
    const customers = await Promise.all(
      times.map((index) =>
        client.request(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, {
          input: { externalId: 'race-1', firstName: `Ann ${index}`, addresses: [{ country: 'FR' }] },
        }),
      ),
    );
    expect(new Set(typenames(customers, 'upsertCustomer'))).toEqual(new Set(['MutationUpsertCustomerSuccess']));
    const order = {
      externalId: 'race-order-1',
      customer: { externalId: 'race-1' },
      status: 'VALIDATED',
      placedAt: '2026-01-01T00:00:00Z',
      currency: 'USD',
      lines: [{ sku: 'RACE-1', quantity: 1, unitPrice: 100 }],
    };
    const orders = await Promise.all(
      times.map(() => client.request(`mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }`, { input: order })),
    );
    expect(new Set(typenames(orders, 'upsertOrder'))).toEqual(new Set(['MutationUpsertOrderSuccess']));
    const carts = await Promise.all(
      times.map((index) =>
        client.request(`mutation ($input: UpdateCartInput!) { updateCart(input: $input) { __typename } }`, {
          input: { externalId: 'race-cart-1', customer: { externalId: 'race-1' }, currency: 'USD', lines: [{ sku: 'RACE-1', quantity: 1 + index }] },
        }),
      ),
    );
    expect(new Set(typenames(carts, 'updateCart'))).toEqual(new Set(['MutationUpdateCartSuccess']));
    expect(await prisma.customer.count({ where: { externalId: 'race-1' } })).toBe(1);
    expect(await prisma.order.count({ where: { externalId: 'race-order-1' } })).toBe(1);
    expect(await prisma.orderLine.count({ where: { order: { externalId: 'race-order-1' } } })).toBe(1);
    expect(await prisma.cart.count({ where: { externalId: 'race-cart-1' } })).toBe(1);
  });

  it('a real conflict is still reported as one', async () => {
    await client.request(`mutation { upsertCustomer(input: { externalId: "race-2", email: "taken@example.com" }) { __typename } }`);
    const taken = await client.request(
      `mutation { upsertCustomer(input: { externalId: "race-3", email: "taken@example.com" }) { __typename ... on Error { message } } }`,
    );
    expect(taken.data.upsertCustomer).toEqual({ __typename: 'ConflictError', message: 'Another customer already has this email address' });
  });
});
