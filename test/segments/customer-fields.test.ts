// Plugins add fields to Customer (view-count adds `viewCount`), and a page of customers with
// their segments and plugin fields costs the same number of queries whatever its size.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { recordQueries } from '../support/queries.js';

let client: TestClient;

beforeAll(async () => {
  client = await createTestClient();
  const product = await prisma.product.create({ data: { sku: 'FIELD-SHOE', name: 'Shoe', brand: 'Trailblaze', price: 9_000, currency: 'USD' } });
  for (let index = 0; index < 20; index += 1) {
    const customer = await prisma.customer.create({
      data: { externalId: `field-${index}`, category: index % 2 ? 'vip' : 'retail', registeredAt: new Date('2025-01-01T00:00:00Z') },
    });
    await prisma.productView.createMany({
      data: Array.from({ length: index % 4 }, () => ({ customerId: customer.id, productId: product.id, viewedAt: new Date() })),
    });
  }
  for (const [name, rule] of [
    ['VIPs', { condition: { customerCategory: { categories: ['vip'] } } }],
    ['Shoe watchers', { condition: { viewCount: { products: { brands: ['trailblaze'] }, count: { atLeast: 2 } } } }],
  ] as const) {
    await client.request(`mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }`, { input: { name, rule } });
  }
});

const PAGE = `query ($first: Int!) { customers(first: $first) { edges { node { externalId viewCount(products: { skus: ["FIELD-SHOE"] }) segments { name } } } } }`;

describe('fields added by plugins and per-customer questions', () => {
  it('answer with the same facts the conditions use', async () => {
    const result = await client.request(PAGE, { first: 20 });
    expect(result.errors).toBeUndefined();
    const byId = Object.fromEntries(
      result.data.customers.edges.map((edge: { node: { externalId: string; viewCount: number; segments: { name: string }[] } }) => [
        edge.node.externalId,
        edge.node,
      ]),
    );
    expect(byId['field-3']).toEqual({ externalId: 'field-3', viewCount: 3, segments: [{ name: 'Shoe watchers' }, { name: 'VIPs' }] });
    expect(byId['field-2']).toEqual({ externalId: 'field-2', viewCount: 2, segments: [{ name: 'Shoe watchers' }] });
    expect(byId['field-4']).toEqual({ externalId: 'field-4', viewCount: 0, segments: [] });
  });

  it('cost a fixed number of queries, however many customers are on the page', async () => {
    const small = await recordQueries(() => client.request(PAGE, { first: 4 }));
    const large = await recordQueries(() => client.request(PAGE, { first: 20 }));
    expect(large.result.data.customers.edges).toHaveLength(20);
    expect(small.queries.length).toBeGreaterThan(0);
    expect(large.queries.length).toBe(small.queries.length);
  });
});
