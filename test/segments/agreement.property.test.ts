// For every built-in condition, and for rule trees combining them, the in-memory evaluator
// (the storefront's path) and the compiled SQL (counts, member lists, exports) select
// exactly the same customers. fast-check generates the shops, histories and rule trees.
import { join, raw, sql } from '@cohort/plugin-sdk';
import { writeShop } from '@cohort/plugin-sdk/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry as pluginRegistry } from '../support/registry.js';
import { CompiledSegments, segmentsOf } from '../../src/segments/membership.js';
import { parseRuleTree, type RuleNode } from '../../src/rules/rule-tree.js';
import { prisma, query } from '../../src/db/client.js';
import { RFM_PRESETS } from '../../src/rfm/grid.js';
import { refreshRfmThresholds } from '../../src/rfm/refresh.js';
import { refreshRetentionBaseline } from '../../src/retention/baseline.js';
import { measuredAnswers } from '../../src/rules/measures.js';
import { createFactLoader, customersWithIds, readSqlFacts, SHOPPER_ID } from '../../src/facts/loaders.js';
import { ruleTreeToSql } from '../../src/rules/rule-tree.js';
import { fixedClock } from '../../src/shared/clock.js';
import { conditionParams, customerFixture, customerFixtures, inShop, now, PRODUCTS, ruleTree } from '../support/condition-params.js';

const shopContext = { timeZone: 'UTC', cartAbandonmentMinutes: 60 };
const rfmSettings = fc.record({
  rfmGrid: fc.constantFrom(RFM_PRESETS.SHOPIFY, RFM_PRESETS.KLAVIYO) as fc.Arbitrary<object>,
  rfmLookbackDays: fc.constantFrom(null, 30, 365),
  // Retention: the shop's median or a pinned default, and multipliers that put boundaries at odd fractions of a gap.
  retentionUseShopMedian: fc.boolean(),
  retentionDefaultGapDays: fc.constantFrom(1, 30, 90),
  retentionMultipliers: fc.constantFrom<number[]>([], [100, 200, 300], [33, 150, 701]),
});

/** Members three ways: in memory from facts, in SQL over the base, and as the storefront answers (measures read per customer, the rest from facts). */
async function membersEveryWay(rule: RuleNode, customerIds: Map<string, string>) {
  const clock = fixedClock(now);
  const ids = [...customerIds.values()];
  const inMemory: string[] = [];
  const byMeasures: string[] = [];
  const compiled = new CompiledSegments([{ id: 'generated', kind: 'DYNAMIC', rule }], pluginRegistry);
  const slots = Int32Array.from(compiled.rules.conditions, ({ condition }, index) => (condition.measure ? index : -1));
  for (const id of ids) {
    if ((await segmentsOf(id, compiled, clock, null)).has('generated')) inMemory.push(id);
    const expressions = compiled.rules.conditions.map(({ condition, params }) =>
      condition.measure ? condition.measure.sql(params, { customer: SHOPPER_ID, now, shop: shopContext }, condition.measure.keys?.(params) ?? []) : sql`NULL`,
    );
    const [row] = await readSqlFacts(query, [], customersWithIds([id]), expressions);
    const facts = Object.fromEntries(await Promise.all(compiled.facts.map(async (fact) => [fact.name, await createFactLoader(clock)(fact, id)])));
    const known = measuredAnswers(compiled.rules, slots, row?.extra ?? [], { now, shop: shopContext, cart: null });
    if (compiled.membersOf(facts, { now, shop: shopContext, cart: null }, known)[0] === 1) byMeasures.push(id);
  }
  const predicate = ruleTreeToSql(rule, pluginRegistry, { customer: raw('"_customer"'), now, shop: shopContext });
  const rows = await query<{ id: string }>(
    sql`SELECT "_customer".id FROM cohort_v1.customers AS "_customer" WHERE "_customer".id IN (${join(ids)}) AND ${predicate}`,
  );
  return { inMemory: inMemory.sort(), inSql: rows.map((row) => row.id).sort(), byMeasures: byMeasures.sort() };
}

describe('in-memory evaluation and SQL agree', () => {
  it('has a parameter generator for every registered condition type', () => {
    expect(
      pluginRegistry
        .all()
        .map((condition) => condition.type)
        .filter((type) => !(type in conditionParams)),
    ).toEqual([]);
  });

  it('for generated shops and rule trees', async () => {
    await fc.assert(
      // The rule trees are drawn by the property (not sampled inside it), so a failing tree is shrunk with the shop.
      fc.asyncProperty(
        fc.array(customerFixture, { minLength: 1, maxLength: 6 }),
        fc.array(ruleTree(), { minLength: 1, maxLength: 12 }),
        rfmSettings,
        async (customers, rules, rfm) => {
          const shop = await writeShop({ query }, PRODUCTS, customerFixtures(customers));
          // RFM and retention conditions read thresholds and a median computed over every customer so far, with generated settings.
          await prisma.shopSettings.upsert({ where: { id: 1 }, create: { id: 1, ...rfm }, update: rfm });
          await prisma.$transaction(async (tx) => {
            await refreshRfmThresholds(tx, now);
            await refreshRetentionBaseline(tx, now);
          });
          for (const drawn of rules) {
            const generated = inShop(drawn, shop.sku);
            const rule = parseRuleTree(generated, pluginRegistry);
            const { inMemory, inSql, byMeasures } = await membersEveryWay(rule, shop.customerIds);
            expect(inSql, JSON.stringify(generated)).toEqual(inMemory);
            expect(byMeasures, `measures: ${JSON.stringify(generated)}`).toEqual(inMemory);
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
    );
  }, 180_000);
});
