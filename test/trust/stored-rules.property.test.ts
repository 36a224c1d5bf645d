// Property: for every condition type and for rule trees combining them, a rule that an admin
// stores through GraphQL and that is then read back from the database (caches dropped) gives
// exactly what the original parameters give: in memory (membership, the storefront's segments
// and cart rules) and in SQL (counts and member lists), and in the same words.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma, query } from '../../src/db/client.js';
import { changeBus } from '../../src/shared/change-bus.js';
import type { CartSnapshot } from '@cohort/plugin-sdk';
import { writeShop } from '@cohort/plugin-sdk/testing';
import { registry as pluginRegistry } from '../support/registry.js';
import { CompiledSegments, segmentsOf } from '../../src/segments/membership.js';
import { describeRuleTree, parseRuleTree, type RuleNode } from '../../src/rules/rule-tree.js';
import { fixedClock } from '../../src/shared/clock.js';
import { asRuleInput, conditionParams, customerFixture, customerFixtures, inShop, now, PRODUCTS, ruleTree, SKUS } from '../support/condition-params.js';
import { createTestClient, type TestClient } from '../support/http.js';

const clock = fixedClock(now);
let client: TestClient;

beforeAll(async () => {
  client = await createTestClient({ clock });
});

/** Whether the tree names a cart currency other than USD (a cart rule the API must refuse for a USD promotion). */
const otherCartCurrency = (rule: RuleNode): boolean =>
  'and' in rule
    ? rule.and.some(otherCartCurrency)
    : 'or' in rule
      ? rule.or.some(otherCartCurrency)
      : 'not' in rule
        ? otherCartCurrency(rule.not)
        : 'condition' in rule && rule.condition.type === 'cartSubtotal' && JSON.stringify(rule.condition.params).includes('"EUR"');

const cartLines = fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 });

describe('stored rules read back from the database', () => {
  it('give what their original parameters give, on every read path', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerFixture, { minLength: 1, maxLength: 5 }),
        fc.array(ruleTree(), { minLength: 1, maxLength: 3 }),
        cartLines,
        async (customers, drawn, lines) => {
          run += 1;
          await prisma.redemption.deleteMany({}); // the fixtures' redemptions hold on to their promotions
          await prisma.promotion.deleteMany({});
          await prisma.segment.deleteMany({});
          await prisma.customer.deleteMany({});
          const shop = await writeShop({ query }, PRODUCTS, customerFixtures(customers));
          const cartInput = {
            currency: 'USD',
            lines: [...new Map(lines.map((line) => [line.sku, line])).values()].map((line) => ({ sku: shop.sku(line.sku), quantity: line.quantity })),
          };
          const cart: CartSnapshot = {
            currency: 'USD',
            subtotal: cartInput.lines.reduce(
              (sum, line) => sum + line.quantity * (PRODUCTS.find((product) => shop.sku(product.sku) === line.sku)?.price ?? 0),
              0,
            ),
            lines: cartInput.lines.map((line) => {
              const product = PRODUCTS.find((candidate) => shop.sku(candidate.sku) === line.sku)!;
              return {
                productId: shop.productIds.get(product.sku)!,
                sku: line.sku,
                brand: product.brand ?? null,
                category: product.category ?? null,
                quantity: line.quantity,
                unitPrice: product.price ?? 0,
              };
            }),
          };
          const trees = drawn.map((tree) => inShop(tree, shop.sku));
          for (const [index, generated] of trees.entries()) {
            const original = parseRuleTree(generated, pluginRegistry);
            const input = asRuleInput(original);
            const created = await client.request(
              `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } } }`,
              { input: { name: `generated ${run}.${index}`, rule: input } },
            );
            expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
            const segmentId = created.data.createSegment.data.segment.id;
            const targeted = await client.request(
              `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
              {
                input: {
                  name: `for segment ${run}.${index}`,
                  status: 'ACTIVE',
                  currency: 'USD',
                  includeSegments: [segmentId],
                  effects: [{ percentageOff: { percent: 10 } }],
                },
              },
            );
            expect(targeted.errors, JSON.stringify(targeted.errors)).toBeUndefined();
            const withCartRule = await client.request(
              `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
              {
                input: { name: `cart rule ${run}.${index}`, status: 'ACTIVE', currency: 'USD', cartRule: input, effects: [{ percentageOff: { percent: 10 } }] },
              },
            );
            // A USD promotion whose cart rule asks for a subtotal in another currency could never apply: refused.
            if (otherCartCurrency(original)) expect(withCartRule.errors?.[0]?.extensions?.code, JSON.stringify(withCartRule)).toBe('BAD_USER_INPUT');
            else expect(withCartRule.errors, JSON.stringify(withCartRule.errors)).toBeUndefined();
            await changeBus().announce('livePromotions', null);

            // What the original parameters give, evaluated in memory on the same customers.
            const compiled = new CompiledSegments([{ id: 'original', kind: 'DYNAMIC', rule: original }], pluginRegistry);
            const expected = new Map<string, { member: boolean; withCart: boolean }>();
            for (const [name, id] of shop.customerIds) {
              expected.set(name, {
                member: (await segmentsOf(id, compiled, clock, null)).has('original'),
                withCart: (await segmentsOf(id, compiled, clock, cart)).has('original'),
              });
            }
            const context = JSON.stringify(generated);

            const read = await client.request(
              `query ($id: ID!) { node(id: $id) { ... on Segment { ruleDescription ruleProblem memberCount members(first: 100) { edges { node { externalId } } } } } }`,
              { id: segmentId },
            );
            expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
            const externalIdOf = new Map(
              await prisma.customer.findMany({ select: { id: true, externalId: true } }).then((rows) => rows.map((row) => [row.id, row.externalId])),
            );
            const expectedMembers = [...shop.customerIds]
              .filter(([name]) => expected.get(name)!.member)
              .map(([, id]) => externalIdOf.get(id))
              .sort();
            expect(read.data.node.ruleProblem, context).toBeNull();
            expect(read.data.node.ruleDescription, context).toBe(describeRuleTree(original, pluginRegistry));
            expect(read.data.node.memberCount, context).toBe(expectedMembers.length);
            expect(read.data.node.members.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId).sort(), context).toEqual(expectedMembers);

            for (const [name, id] of shop.customerIds) {
              const customer = { externalId: externalIdOf.get(id) };
              const membership = await client.request(
                `query ($segment: ID!, $customer: CustomerRefInput!) { segmentMembership(segment: $segment, customer: $customer) { ... on QuerySegmentMembershipSuccess { data { isMember } } } }`,
                {
                  segment: segmentId,
                  customer,
                },
              );
              expect(membership.data.segmentMembership.data.isMember, `${name}: ${context}`).toBe(expected.get(name)!.member);
              const eligible = await client.request(
                `query ($input: EligibilityInput!) { eligiblePromotions(input: $input) { ... on QueryEligiblePromotionsSuccess { data { promotions { promotion { name } } } } } }`,
                {
                  input: { customer, cart: cartInput },
                },
                'storefront',
              );
              expect(eligible.errors, JSON.stringify(eligible.errors)).toBeUndefined();
              const applied = new Set(eligible.data.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name));
              expect(applied.has(`for segment ${run}.${index}`), `${name}, targeted: ${context}`).toBe(expected.get(name)!.withCart);
              if (!otherCartCurrency(original))
                expect(applied.has(`cart rule ${run}.${index}`), `${name}, cart rule: ${context}`).toBe(expected.get(name)!.withCart);
            }
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 12) },
    );
  });

  it('covers every registered condition type', () => {
    expect(
      pluginRegistry
        .all()
        .map((condition) => condition.type)
        .filter((type) => !(type in conditionParams)),
    ).toEqual([]);
  });
});
