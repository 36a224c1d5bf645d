// What shoppers do, as storefronts report it: views, carts (and when they count as abandoned), wishlists.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const clock = fixedClock('2026-11-01T12:00:00Z');
let client: TestClient;

beforeAll(async () => {
  client = await createTestClient({ clock });
  await prisma.customer.create({ data: { externalId: 'act-1', registeredAt: new Date('2025-01-01T00:00:00Z') } });
  await prisma.product.createMany({
    data: [
      { sku: 'ACT-TENT', name: 'Tent', price: 25_000, currency: 'USD' },
      { sku: 'ACT-MUG', name: 'Mug', price: 1_500, currency: 'USD' },
      { sku: 'ACT-EURO', name: 'Euro thing', price: 1_000, currency: 'EUR' },
    ],
  });
});

describe('product views', () => {
  it('are recorded in batches, at now unless told otherwise', async () => {
    const result = await client.request(
      `mutation ($input: RecordProductViewsInput!) { recordProductViews(input: $input) { ... on MutationRecordProductViewsSuccess { data { count } } ... on NotFoundError { path } } }`,
      {
        input: {
          views: [
            { customer: { externalId: 'act-1' }, sku: 'ACT-TENT' },
            { customer: { externalId: 'act-1' }, sku: 'ACT-MUG', viewedAt: '2026-10-01T00:00:00Z' },
          ],
        },
      },
      'storefront',
    );
    expect(result.data.recordProductViews.data.count).toBe(2);
    const views = await prisma.productView.findMany({ orderBy: { viewedAt: 'asc' } });
    expect(views.map((view) => view.viewedAt.toISOString())).toEqual(['2026-10-01T00:00:00.000Z', '2026-11-01T12:00:00.000Z']);
  });

  it('name an unknown SKU by its position', async () => {
    const result = await client.request(
      `mutation ($input: RecordProductViewsInput!) { recordProductViews(input: $input) { __typename ... on NotFoundError { path } } }`,
      {
        input: {
          views: [
            { customer: { externalId: 'act-1' }, sku: 'ACT-TENT' },
            { customer: { externalId: 'act-1' }, sku: 'GONE' },
          ],
        },
      },
      'storefront',
    );
    expect(result.data.recordProductViews).toEqual({ __typename: 'NotFoundError', path: ['input', 'views', '1', 'sku'] });
  });
});

describe('carts', () => {
  const UPDATE = `mutation ($input: UpdateCartInput!) { updateCart(input: $input) { __typename
    ... on MutationUpdateCartSuccess { data { cart { status subtotal { amount } lastActivityAt abandonedAt lines { product { sku } quantity } } } }
    ... on InvalidInputError { message path } } }`;
  const READ = `{ cart(externalId: "cart-1") { abandonedAt } }`;

  it('take their prices from the catalogue and replace their lines', async () => {
    await client.request(
      UPDATE,
      {
        input: {
          externalId: 'cart-1',
          customer: { externalId: 'act-1' },
          currency: 'USD',
          lines: [
            { sku: 'ACT-TENT', quantity: 1 },
            { sku: 'ACT-MUG', quantity: 2 },
          ],
        },
      },
      'storefront',
    );
    const result = await client.request(
      UPDATE,
      {
        input: {
          externalId: 'cart-1',
          customer: { externalId: 'act-1' },
          currency: 'USD',
          lines: [
            { sku: 'ACT-MUG', quantity: 3 },
            { sku: 'ACT-TENT', quantity: 0 },
          ],
        },
      },
      'storefront',
    );
    expect(result.data.updateCart.data.cart).toEqual({
      status: 'OPEN',
      subtotal: { amount: 4_500 },
      lastActivityAt: '2026-11-01T12:00:00.000Z',
      abandonedAt: null,
      lines: [{ product: { sku: 'ACT-MUG' }, quantity: 3 }],
    });
  });

  it('count as abandoned once untouched for the shop’s delay', async () => {
    clock.advance(59 * 60_000);
    expect((await client.request(READ, {}, 'storefront')).data.cart.abandonedAt).toBeNull();
    clock.advance(60_000);
    expect((await client.request(READ, {}, 'storefront')).data.cart.abandonedAt).toBe('2026-11-01T13:00:00.000Z');
  });

  it('are no longer abandoned once converted into an order', async () => {
    await client.request(`mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }`, {
      input: {
        externalId: 'act-order',
        customer: { externalId: 'act-1' },
        status: 'PENDING',
        placedAt: '2026-11-01T13:30:00Z',
        currency: 'USD',
        lines: [{ sku: 'ACT-MUG', quantity: 3, unitPrice: 1_500 }],
        cartExternalId: 'cart-1',
      },
    });
    expect((await client.request(READ, {}, 'storefront')).data.cart.abandonedAt).toBeNull();
  });

  it('refuse a product priced in another currency', async () => {
    const result = await client.request(UPDATE, { input: { externalId: 'cart-2', currency: 'USD', lines: [{ sku: 'ACT-EURO', quantity: 1 }] } }, 'storefront');
    expect(result.data.updateCart).toEqual({
      __typename: 'InvalidInputError',
      message: 'Product "ACT-EURO" is priced in EUR, not USD',
      path: ['input', 'lines', '0', 'sku'],
    });
  });
});

describe('wishlists', () => {
  const ADD = `mutation ($input: WishlistItemInput!) { addToWishlist(input: $input) { ... on MutationAddToWishlistSuccess { data { count } } } }`;

  it('add an item once and remove it', async () => {
    const input = { customer: { externalId: 'act-1' }, sku: 'ACT-TENT' };
    expect((await client.request(ADD, { input }, 'storefront')).data.addToWishlist.data.count).toBe(1);
    expect((await client.request(ADD, { input }, 'storefront')).data.addToWishlist.data.count).toBe(0);
    const removed = await client.request(
      `mutation ($input: RemoveFromWishlistInput!) { removeFromWishlist(input: $input) { ... on MutationRemoveFromWishlistSuccess { data { count } } } }`,
      { input },
      'storefront',
    );
    expect(removed.data.removeFromWishlist.data.count).toBe(1);
  });
});
