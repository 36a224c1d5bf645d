// "Why didn't my discount apply?" — answered down to the condition that failed, for admins only.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createTestClient, type TestClient } from '../support/http.js';

let client: TestClient;

const EXPLAIN = `query ($input: EligibilityInput!) { explainEligibility(input: $input) { __typename
  ... on QueryExplainEligibilitySuccess { data { promotion { name } applied reason
    segments { segment { name } targeting member rule { kind description met children { kind description met } } }
    cartRule { description met } } } } }`;

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.create({ data: { sku: 'EXPLAIN-TENT', name: 'Tent', category: 'camping', price: 8_000, currency: 'USD' } });
  await prisma.customer.create({ data: { externalId: 'explain-1', category: 'vip', loyaltyMember: false, registeredAt: new Date('2025-01-01T00:00:00Z') } });
  const segment = await client.request(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    {
      input: {
        name: 'Loyal VIPs',
        rule: { and: [{ condition: { customerCategory: { categories: ['vip'] } } }, { condition: { loyaltyMember: { member: true } } }] },
      },
    },
  );
  await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
    input: {
      name: 'Loyal VIP camping deal',
      status: 'ACTIVE',
      currency: 'USD',
      includeSegments: [segment.data.createSegment.data.segment.id],
      cartRule: { condition: { cartSubtotal: { subtotal: { atLeast: { amount: 5_000, currency: 'USD' } } } } },
      effects: [{ percentageOff: { percent: 15 } }],
    },
  });
});

describe('explainEligibility', () => {
  const input = { customer: { externalId: 'explain-1' }, cart: { currency: 'USD', lines: [{ sku: 'EXPLAIN-TENT', quantity: 1 }] } };

  it('shows the failing condition of the segment rule', async () => {
    const result = await client.request(EXPLAIN, { input });
    expect(result.data.explainEligibility.data).toEqual([
      {
        promotion: { name: 'Loyal VIP camping deal' },
        applied: false,
        reason: 'NOT_IN_SEGMENT',
        segments: [
          {
            segment: { name: 'Loyal VIPs' },
            targeting: 'INCLUDE',
            member: false,
            rule: {
              kind: 'AND',
              description: '(customer category is vip AND is a loyalty member)',
              met: false,
              children: [
                { kind: 'CONDITION', description: 'customer category is vip', met: true },
                { kind: 'CONDITION', description: 'is a loyalty member', met: false },
              ],
            },
          },
        ],
        cartRule: { description: 'has at least $50.00 in the cart', met: true },
      },
    ]);
  });

  it('is for admins only', async () => {
    expect((await client.request(EXPLAIN, { input }, 'storefront')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
