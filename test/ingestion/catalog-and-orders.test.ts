// Feeding Cohort from the shop's platform: products and orders, one at a time and in bulk.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

const UPSERT_PRODUCT = `mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku name brand price { amount currency formatted } } } } ... on Error { message } } }`;
const UPSERT_ORDER = `mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename
  ... on MutationUpsertOrderSuccess { data { order { externalId status subtotal { amount } total { amount } lines { quantity lineTotal { amount } brand } } } }
  ... on NotFoundError { message path } ... on InvalidInputError { message path } } }`;
const UPSERT_ORDERS = `mutation ($input: UpsertOrdersInput!) { upsertOrders(input: $input) { __typename ... on MutationUpsertOrdersSuccess { data { count } } ... on NotFoundError { message path } } }`;

beforeAll(async () => {
  client = await createTestClient();
  await client.request(`mutation { upsertCustomer(input: { externalId: "ord-cust", email: "ord@example.com" }) { __typename } }`);
});

describe('products', () => {
  it('are created and then updated by SKU', async () => {
    const created = await client.request(UPSERT_PRODUCT, {
      input: { sku: 'CAT-BOOT', name: 'Boot', brand: 'Trailblaze', price: { amount: 12_999, currency: 'usd' } },
    });
    expect(created.data.upsertProduct.data.product).toEqual({
      sku: 'CAT-BOOT',
      name: 'Boot',
      brand: 'Trailblaze',
      price: { amount: 12_999, currency: 'USD', formatted: '$129.99' },
    });
    const updated = await client.request(UPSERT_PRODUCT, { input: { sku: 'CAT-BOOT', name: 'Trail Boot', price: { amount: 11_999, currency: 'USD' } } });
    expect(updated.data.upsertProduct.data.product).toMatchObject({ name: 'Trail Boot', brand: null, price: { amount: 11_999 } });
  });

  it('refuse a negative price, naming the field', async () => {
    const result = await client.request(UPSERT_PRODUCT, { input: { sku: 'CAT-NEG', name: 'Negative', price: { amount: -1, currency: 'USD' } } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'input.price.amount', message: 'must not be negative' }] });
    expect(await prisma.product.count({ where: { sku: 'CAT-NEG' } })).toBe(0);
  });

  it('refuse an unknown currency', async () => {
    const result = await client.request(UPSERT_PRODUCT, { input: { sku: 'CAT-CUR', name: 'Odd', price: { amount: 100, currency: 'DOLLARS' } } });
    expect(result.errors?.[0]?.extensions?.issues).toEqual([{ path: 'input.price.currency', message: 'is not a known ISO 4217 currency code' }]);
  });

  it('refuse a fractional amount of money (GraphQL Int)', async () => {
    const result = await client.request(UPSERT_PRODUCT, { input: { sku: 'CAT-FRAC', name: 'Odd', price: { amount: 10.5, currency: 'USD' } } });
    expect(result.errors?.[0]?.message).toContain('Int cannot represent non-integer value: 10.5');
  });

  it('are readable by storefronts, and imported in bulk by admins only', async () => {
    const bulk = {
      input: {
        products: [
          { sku: 'CAT-A', name: 'A', price: { amount: 100, currency: 'EUR' } },
          { sku: 'CAT-B', name: 'B', category: 'socks', price: { amount: 200, currency: 'EUR' } },
        ],
      },
    };
    const denied = await client.request(
      `mutation ($input: UpsertProductsInput!) { upsertProducts(input: $input) { ... on MutationUpsertProductsSuccess { data { count } } ... on Error { message } } }`,
      bulk,
      'storefront',
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const imported = await client.request(
      `mutation ($input: UpsertProductsInput!) { upsertProducts(input: $input) { ... on MutationUpsertProductsSuccess { data { count } } ... on Error { message } } }`,
      bulk,
    );
    expect(imported.data.upsertProducts.data.count).toBe(2);
    const listed = await client.request(`{ products(first: 10, filter: { category: "SOCKS" }) { totalCount edges { node { sku } } } }`, {}, 'storefront');
    expect(listed.data.products).toEqual({ totalCount: 1, edges: [{ node: { sku: 'CAT-B' } }] });
  });
});

describe('orders', () => {
  const order = (externalId: string, overrides: Record<string, unknown> = {}) => ({
    externalId,
    customer: { externalId: 'ord-cust' },
    status: 'VALIDATED',
    placedAt: '2026-10-01T10:00:00Z',
    currency: 'USD',
    lines: [{ sku: 'CAT-BOOT', quantity: 2, unitPrice: 10_000 }],
    shippingTotal: 500,
    discountTotal: 1_000,
    ...overrides,
  });

  it('compute their totals from the lines and keep the brand as it was', async () => {
    const result = await client.request(UPSERT_ORDER, { input: order('ORD-1') });
    expect(result.data.upsertOrder.data.order).toEqual({
      externalId: 'ORD-1',
      status: 'VALIDATED',
      subtotal: { amount: 20_000 },
      total: { amount: 19_500 },
      lines: [{ quantity: 2, lineTotal: { amount: 20_000 }, brand: null }],
    });
  });

  it('name an unknown customer', async () => {
    const result = await client.request(UPSERT_ORDER, { input: order('ORD-2', { customer: { externalId: 'ghost' } }) });
    expect(result.data.upsertOrder).toEqual({
      __typename: 'NotFoundError',
      message: 'Customer "ghost" does not exist',
      path: ['input', 'customer', 'externalId'],
    });
  });

  it('name an unknown SKU by its line', async () => {
    const result = await client.request(UPSERT_ORDER, {
      input: order('ORD-3', {
        lines: [
          { sku: 'CAT-BOOT', quantity: 1, unitPrice: 1 },
          { sku: 'NOPE', quantity: 1, unitPrice: 1 },
        ],
      }),
    });
    expect(result.data.upsertOrder).toEqual({ __typename: 'NotFoundError', message: 'Product "NOPE" does not exist', path: ['input', 'lines', '1', 'sku'] });
  });

  it('refuse a discount larger than the lines', async () => {
    const result = await client.request(UPSERT_ORDER, { input: order('ORD-4', { discountTotal: 50_000 }) });
    expect(result.data.upsertOrder).toEqual({
      __typename: 'InvalidInputError',
      message: 'discountTotal cannot exceed the sum of the lines',
      path: ['input', 'discountTotal'],
    });
  });

  it('are imported in bulk all or nothing', async () => {
    const result = await client.request(UPSERT_ORDERS, { input: { orders: [order('BULK-1'), order('BULK-2', { customer: { externalId: 'ghost' } })] } });
    expect(result.data.upsertOrders).toEqual({
      __typename: 'NotFoundError',
      message: 'Customer "ghost" does not exist',
      path: ['input', 'orders', '1', 'customer', 'externalId'],
    });
    expect(await prisma.order.count({ where: { externalId: { startsWith: 'BULK-' } } })).toBe(0);
    const ok = await client.request(UPSERT_ORDERS, { input: { orders: [order('BULK-1'), order('BULK-2', { status: 'CANCELLED' })] } });
    expect(ok.data.upsertOrders.data.count).toBe(2);
  });

  it('are personal data: listed on the customer for admins only', async () => {
    const query = `{ customers(first: 1, filter: { search: "ord@" }) { edges { node { orders(first: 5) { totalCount } } } } }`;
    expect((await client.request(query)).data.customers.edges[0].node.orders.totalCount).toBe(3);
    expect((await client.request(query, {}, 'storefront')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
