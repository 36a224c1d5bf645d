// Stored rules are read back from the database before any use: a segment or cart rule with a
// dated window (instants stored as JSON strings) works on every read path, after the caches
// drop: descriptions, the segments list, membership, counts, members, exports, explanations
// and the storefront. Everything here goes through HTTP, as an admin UI and a storefront would.
import { beforeAll, describe, expect, it } from 'vitest';
import { changeBus } from '../../src/shared/change-bus.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

const clock = fixedClock('2026-06-15T12:00:00Z');
let client: TestClient;

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: 'admin' | 'storefront' = 'admin'): Promise<T> {
  const result = await client.request(query, variables, as);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const CREATE_SEGMENT = `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) {
  __typename ... on MutationCreateSegmentSuccess { data { segment { id ruleDescription ruleProblem memberCount members(first: 10) { edges { node { externalId } } } } } } ... on Error { message } } }`;
const ELIGIBLE = `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename ... on QueryEligiblePromotionsSuccess { data {
  promotions { promotion { name } } notApplied { promotion { name } reason } } } ... on Error { message } } }`;

const from = '2026-01-01T00:00:00.000Z';
/** Every built-in condition with a time window, with a dated window that Ana meets and Ben does not. */
const windowed: Record<string, Record<string, unknown>> = {
  brandPurchased: { brands: ['Trailblaze'], within: { from } },
  lastOrder: { within: { from } },
  registered: { within: { from } },
  orderCount: { count: { atLeast: 1 }, within: { from } },
  amountSpent: { amount: { moreThan: { amount: 1_000, currency: 'USD' } }, within: { from } },
  averageOrderValue: { average: { atLeast: { amount: 1_000, currency: 'USD' } }, within: { from } },
  firstOrder: { within: { from } },
  productsOrdered: { products: { skus: ['TB-1'] }, within: { from } },
  viewCount: { products: { skus: ['TB-1'] }, count: { atLeast: 1 }, within: { from } },
  inWishlist: { products: { skus: ['TB-1'] }, addedWithin: { from } },
  abandonedCart: { within: { from, to: '2026-06-15T11:00:00.000Z' } },
};

beforeAll(async () => {
  client = await createTestClient({ clock });
  await ok(`mutation ($input: UpsertProductsInput!) { upsertProducts(input: $input) { __typename } }`, {
    input: { products: [{ sku: 'TB-1', name: 'Trail shoe', brand: 'Trailblaze', category: 'shoes', price: { amount: 5_000, currency: 'USD' } }] },
  });
  await ok(`mutation ($input: UpsertCustomersInput!) { upsertCustomers(input: $input) { __typename } }`, {
    input: {
      customers: [
        { externalId: 'ana', registeredAt: '2026-02-01T00:00:00Z' },
        { externalId: 'ben', registeredAt: '2025-02-01T00:00:00Z' },
      ],
    },
  });
  await ok(`mutation ($input: UpsertOrdersInput!) { upsertOrders(input: $input) { __typename } }`, {
    input: {
      orders: [
        {
          externalId: 'ana-1',
          customer: { externalId: 'ana' },
          status: 'VALIDATED',
          placedAt: '2026-03-01T10:00:00Z',
          currency: 'USD',
          lines: [{ sku: 'TB-1', quantity: 1, unitPrice: 5_000 }],
        },
        {
          externalId: 'ben-1',
          customer: { externalId: 'ben' },
          status: 'VALIDATED',
          placedAt: '2025-03-01T10:00:00Z',
          currency: 'USD',
          lines: [{ sku: 'TB-1', quantity: 1, unitPrice: 5_000 }],
        },
      ],
    },
  });
  await ok(`mutation ($input: RecordProductViewsInput!) { recordProductViews(input: $input) { __typename } }`, {
    input: {
      views: [
        { customer: { externalId: 'ana' }, sku: 'TB-1', viewedAt: '2026-03-02T10:00:00Z' },
        { customer: { externalId: 'ben' }, sku: 'TB-1', viewedAt: '2025-03-02T10:00:00Z' },
      ],
    },
  });
  for (const [customer, addedAt] of [
    ['ana', '2026-03-03T10:00:00Z'],
    ['ben', '2025-03-03T10:00:00Z'],
  ]) {
    await ok(`mutation ($input: WishlistItemInput!) { addToWishlist(input: $input) { __typename } }`, {
      input: { customer: { externalId: customer }, sku: 'TB-1', addedAt },
    });
  }
  await ok(`mutation ($input: ImportCartsInput!) { importCarts(input: $input) { __typename } }`, {
    input: {
      carts: [
        {
          externalId: 'ana-cart',
          customer: { externalId: 'ana' },
          currency: 'USD',
          lastActivityAt: '2026-03-04T10:00:00Z',
          lines: [{ sku: 'TB-1', quantity: 1 }],
        },
        {
          externalId: 'ben-cart',
          customer: { externalId: 'ben' },
          currency: 'USD',
          lastActivityAt: '2025-03-04T10:00:00Z',
          lines: [{ sku: 'TB-1', quantity: 1 }],
        },
      ],
    },
  });
});

describe.each(Object.entries(windowed))('a stored %s rule with a dated window', (type, params) => {
  it('is used by every read path, after the caches drop', async () => {
    const created = await ok(CREATE_SEGMENT, { input: { name: `Since January: ${type}`, rule: { condition: { [type]: params } } } });
    expect(created.createSegment.__typename).toBe('MutationCreateSegmentSuccess');
    const segment = created.createSegment.data.segment;
    expect(segment.ruleDescription).toContain('2026-01-01');
    expect(segment.ruleProblem).toBeNull();
    expect(segment.memberCount).toBe(1);
    expect(segment.members.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId)).toEqual(['ana']);

    const promotion = await ok(
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id cartRuleDescription } } } } }`,
      {
        input: {
          name: `For ${type}`,
          status: 'ACTIVE',
          currency: 'USD',
          includeSegments: [segment.id],
          cartRule: { condition: { [type]: params } },
          effects: [{ percentageOff: { percent: 10 } }],
        },
      },
    );
    expect(promotion.createPromotion.data.promotion.cartRuleDescription).toContain('2026-01-01');
    await changeBus().announce('livePromotions', null);

    const list = await ok(`{ segments(first: 50) { edges { node { name ruleDescription memberCount } } } }`, {});
    expect(list.segments.edges.find((edge: { node: { name: string } }) => edge.node.name === `Since January: ${type}`).node.memberCount).toBe(1);

    for (const [customer, member] of [
      ['ana', true],
      ['ben', false],
    ] as const) {
      const membership = await ok(
        `query ($segment: ID!, $customer: CustomerRefInput!) { segmentMembership(segment: $segment, customer: $customer) { ... on QuerySegmentMembershipSuccess { data { isMember } } } }`,
        {
          segment: segment.id,
          customer: { externalId: customer },
        },
      );
      expect(membership.segmentMembership.data.isMember, `${customer} in ${type}`).toBe(member);

      const input = { customer: { externalId: customer }, cart: { currency: 'USD', lines: [{ sku: 'TB-1', quantity: 1 }] } };
      const eligible = await ok(ELIGIBLE, { input }, 'storefront');
      expect(eligible.eligiblePromotions.__typename).toBe('QueryEligiblePromotionsSuccess');
      const applied = eligible.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name);
      expect(applied.includes(`For ${type}`), `${customer} gets the ${type} promotion`).toBe(member);

      const explained = await ok(
        `query ($input: EligibilityInput!) { explainEligibility(input: $input) { ... on QueryExplainEligibilitySuccess { data { promotion { name } applied cartRule { met description } } } } }`,
        { input },
      );
      const explanation = explained.explainEligibility.data.find((entry: { promotion: { name: string } }) => entry.promotion.name === `For ${type}`);
      expect(explanation).toMatchObject({ applied: member, cartRule: { met: member } });
    }

    const customers = await ok(`{ customers(first: 10) { edges { node { externalId segments { name } } } } }`, {});
    const anaSegments = customers.customers.edges
      .find((edge: { node: { externalId: string } }) => edge.node.externalId === 'ana')
      .node.segments.map((s: { name: string }) => s.name);
    expect(anaSegments).toContain(`Since January: ${type}`);

    const exported = await fetchExport(segment.id);
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('ana');
  });
});

async function fetchExport(segmentId: string) {
  const { createServer } = await import('../../src/server/yoga.js');
  return createServer({ registry: pluginRegistry, clock }).fetch(`http://cohort.test/export/segments/${encodeURIComponent(segmentId)}/members.csv`, {
    headers: { authorization: `Bearer ${client.keys.admin}` },
  });
}

describe('a stored rule that no longer reads (its plugin was removed)', () => {
  it('holds for nobody, says why, keeps a static list as it is, and takes its promotions off the storefront', async () => {
    const { prisma } = await import('../../src/db/client.js');
    const created = await ok(CREATE_SEGMENT, {
      input: { name: 'Static, plugin to be removed', kind: 'STATIC', rule: { condition: { registered: { within: { from } } } } },
    });
    const segment = created.createSegment.data.segment;
    expect(segment.memberCount).toBe(1);
    const promotion = await ok(
      `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
      {
        input: {
          name: 'For a removed plugin',
          status: 'ACTIVE',
          currency: 'USD',
          cartRule: { condition: { registered: { within: { from } } } },
          effects: [{ percentageOff: { percent: 5 } }],
        },
      },
    );
    // What a removed plugin leaves: rules naming a condition type nobody registers.
    const gone = { condition: { type: 'removedPluginCondition', params: {} } };
    const { decodeGlobalID } = await import('@pothos/plugin-relay');
    await prisma.segment.update({ where: { id: decodeGlobalID(segment.id).id }, data: { rule: gone } });
    await prisma.promotion.update({ where: { id: decodeGlobalID(promotion.createPromotion.data.promotion.id).id }, data: { cartRule: gone } });
    await changeBus().announce('livePromotions', null);

    const read = await ok(`query ($id: ID!) { node(id: $id) { ... on Segment { ruleProblem ruleDescription memberCount } } }`, { id: segment.id });
    expect(read.node.ruleProblem).toContain('unknown condition type "removedPluginCondition"');
    expect(read.node.memberCount).toBe(1);
    const refreshed = await client.request(
      `mutation ($input: RefreshStaticSegmentInput!) { refreshStaticSegment(input: $input) { __typename ... on Error { message } } }`,
      { input: { segment: segment.id } },
    );
    expect(refreshed.data.refreshStaticSegment.__typename).toBe('InvalidInputError');
    expect((await ok(`query ($id: ID!) { node(id: $id) { ... on Segment { memberCount } } }`, { id: segment.id })).node.memberCount).toBe(1);

    const eligible = await ok(
      ELIGIBLE,
      { input: { customer: { externalId: 'ana' }, cart: { currency: 'USD', lines: [{ sku: 'TB-1', quantity: 1 }] } } },
      'storefront',
    );
    const names = [...eligible.eligiblePromotions.data.promotions, ...eligible.eligiblePromotions.data.notApplied].map(
      (entry: { promotion: { name: string } }) => entry.promotion.name,
    );
    expect(names).not.toContain('For a removed plugin');
  });
});
