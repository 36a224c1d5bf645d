// For every built-in condition, and for rule trees combining them, the in-memory evaluator
// (the storefront's path) and the compiled SQL (counts, member lists, exports) select
// exactly the same customers. fast-check generates the shops, histories and rule trees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeShop, type CustomerFixture, type ProductFixture } from '../../src/plugin-sdk/testing.js';
import { conditionRegistry } from '../../src/segments/condition-plugins.js';
import { segmentsOf } from '../../src/segments/membership.js';
import { parseRuleTree, type RuleNode } from '../../src/segments/rule-tree.js';
import { prisma } from '../../src/db/client.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { ruleTreeToSql } from '../../src/segments/rule-tree.js';
import { fixedClock, DAY_MS } from '../../src/shared/clock.js';

const now = new Date('2026-02-28T18:30:00Z');
const BRANDS = ['Trailblaze', 'Summit Co', 'AquaFlow'];
const CATEGORIES = ['shoes', 'jackets', 'membership'];
const PRODUCTS: ProductFixture[] = BRANDS.flatMap((brand, b) => CATEGORIES.map((category, c) => ({ sku: `P${b}${c}`, brand, category, price: 1000 + 1500 * b + 700 * c })));
const SKUS = PRODUCTS.map((product) => product.sku);

/** Days ago, biased towards the boundaries conditions use (exactly N days, N ± 1). */
const daysAgo = fc.oneof(fc.constantFrom(0, 1, 2, 3, 29, 30, 31, 89, 90, 91, 364, 365, 366), fc.integer({ min: 0, max: 800 }));
const instant = fc.tuple(daysAgo, fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.boolean()).map(([days, jitter, exact]) => new Date(now.getTime() - days * DAY_MS + (exact ? 0 : jitter)));
const sku = fc.constantFrom(...SKUS);
const casing = (values: string[]) => fc.constantFrom(...values).chain((value) => fc.constantFrom(value, value.toUpperCase(), ` ${value.toLowerCase()} `));

const customerFixture = fc.record({
  category: fc.option(casing(['wholesale', 'retail', 'vip']), { nil: null }),
  orders: fc.array(
    fc.record({
      status: fc.constantFrom('VALIDATED', 'VALIDATED', 'PENDING', 'CANCELLED', 'REFUNDED' as const),
      placedAt: instant,
      currency: fc.constantFrom('USD', 'USD', 'EUR'),
      shippingMethod: fc.option(fc.constantFrom('SoColissimo', 'Courier'), { nil: null }),
      lines: fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 3 }), unitPrice: fc.integer({ min: 0, max: 40_000 }) }), { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  views: fc.array(fc.record({ sku, viewedAt: instant }), { maxLength: 6 }),
});

/** Parameters for each built-in condition type; a new built-in must add its own here. */
const conditionParams: Record<string, fc.Arbitrary<unknown>> = {
  customerCategory: fc.record({ categories: fc.array(casing(['wholesale', 'retail', 'vip']), { minLength: 1, maxLength: 2 }) }),
  brandPurchased: fc.record({
    brands: fc.array(casing(BRANDS), { minLength: 1, maxLength: 2 }),
    within: fc.option(fc.record({ lastDays: fc.constantFrom(1, 30, 90, 365) }), { nil: undefined }),
  }),
};

const leaf = (shopSku: (sku: string) => string) =>
  fc.constantFrom(...Object.keys(conditionParams)).chain((type) =>
    (conditionParams[type] as fc.Arbitrary<unknown>).map((params) => ({ condition: { type, params: namespaceSkus(params, shopSku) } }) as RuleNode),
  );

/** SKUs in generated parameters are the fixture SKUs; the shop stores them namespaced. */
function namespaceSkus(params: unknown, shopSku: (sku: string) => string): unknown {
  if (Array.isArray(params)) return params.map((value) => (typeof value === 'string' && SKUS.includes(value) ? shopSku(value) : namespaceSkus(value, shopSku)));
  if (params && typeof params === 'object' && !(params instanceof Date)) return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, namespaceSkus(value, shopSku)]));
  return params;
}

const ruleTree = (shopSku: (sku: string) => string): fc.Arbitrary<RuleNode> =>
  fc.letrec<{ node: RuleNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf(shopSku),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((and) => ({ and })),
      fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((or) => ({ or })),
      tie('node').map((not) => ({ not })),
    ),
  })).node;

async function membersBothWays(rule: RuleNode, customerIds: Map<string, string>) {
  const clock = fixedClock(now);
  const ids = [...customerIds.values()];
  const inMemory: string[] = [];
  for (const id of ids) {
    if ((await segmentsOf(id, [{ id: 'generated', kind: 'DYNAMIC', rule }], clock, null)).has('generated')) inMemory.push(id);
  }
  const predicate = ruleTreeToSql(rule, conditionRegistry, { customer: Prisma.raw('"c"'), now, shop: { timeZone: 'UTC', cartAbandonmentMinutes: 60 } });
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT c.id FROM "Customer" AS c WHERE c.id IN (${Prisma.join(ids)}) AND ${predicate}`;
  return { inMemory: inMemory.sort(), inSql: rows.map((row) => row.id).sort() };
}

describe('in-memory evaluation and SQL agree', () => {
  it('has a parameter generator for every registered condition type', () => {
    expect(conditionRegistry.all().map((condition) => condition.type).filter((type) => !(type in conditionParams))).toEqual([]);
  });

  it('for generated shops and rule trees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customerFixture, { minLength: 1, maxLength: 6 }), fc.integer(), async (customers, seed) => {
        const fixtures: CustomerFixture[] = customers.map((customer, index) => ({
          name: `customer ${index}`,
          profile: { category: customer.category },
          orders: customer.orders,
          views: customer.views,
        }));
        const shop = await writeShop(PRODUCTS, fixtures);
        const rules = fc.sample(ruleTree(shop.sku), { numRuns: 8, seed });
        for (const generated of rules) {
          const rule = parseRuleTree(generated, conditionRegistry);
          const { inMemory, inSql } = await membersBothWays(rule, shop.customerIds);
          expect(inSql, JSON.stringify(generated)).toEqual(inMemory);
        }
      }),
      { numRuns: 25 },
    );
  });
});
