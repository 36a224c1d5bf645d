// Rule tree validation and description, independent of the database.
import { describe, expect, it } from 'vitest';
import { defineCondition, definePlugin, sql, z } from '@cohort/plugin-sdk';
import { registry as pluginRegistry } from '../support/registry.js';
import { PluginRegistry } from '../../src/registry/registry.js';
import { CompiledRules, describeRuleTree, evaluateRuleTree, parseRuleTree, RULE_LIMITS, RuleTreeError, type RuleNode } from '../../src/rules/rule-tree.js';

const vip = { condition: { type: 'customerCategory', params: { categories: ['vip'] } } };

function issuesOf(tree: unknown) {
  try {
    parseRuleTree(tree, pluginRegistry);
  } catch (error) {
    if (error instanceof RuleTreeError) return error.issues;
    throw error;
  }
  return [];
}

describe('rule trees', () => {
  it('name an unknown condition type (a plugin removed from configuration, or a typo)', () => {
    expect(issuesOf({ condition: { type: 'customerCategroy', params: {} } })).toEqual([
      { path: ['rule', 'condition', 'type'], message: 'unknown condition type "customerCategroy"' },
    ]);
  });

  it('report every problem at once, with its path', () => {
    expect(issuesOf({ or: [{ and: [] }, { condition: { type: 'orderCount', params: { count: {} } } }, vip] })).toEqual([
      { path: ['rule', 'or', '0', 'and'], message: 'a group needs at least one rule' },
      {
        path: ['rule', 'or', '1', 'condition', 'orderCount', 'count'],
        message: 'give a lower bound (atLeast or moreThan), an upper bound (atMost or lessThan), or both',
      },
    ]);
  });

  it('limit size as well as depth', () => {
    const wide = { or: Array.from({ length: RULE_LIMITS.maxNodes }, () => vip) };
    expect(issuesOf(wide)).toEqual([{ path: ['rule'], message: `a rule tree may have at most ${RULE_LIMITS.maxNodes} nodes` }]);
  });

  it('normalise parameters and describe themselves', () => {
    const tree = parseRuleTree({ and: [vip, { not: { condition: { type: 'orderCount', params: { count: { atLeast: 2 } } } } }] }, pluginRegistry);
    expect(tree).toEqual({ and: [vip, { not: { condition: { type: 'orderCount', params: { count: { atLeast: 2 }, statuses: ['VALIDATED'] } } } }] });
    expect(describeRuleTree(tree, pluginRegistry)).toBe('(customer category is vip AND NOT placed at least 2 orders at any time)');
  });
});

describe('compiled rule trees (the storefront evaluates the live segments this way)', () => {
  const twoOrders = parseRuleTree({ condition: { type: 'orderCount', params: { count: { atLeast: 2 } } } }, pluginRegistry);
  const trees: RuleNode[] = [vip, { or: [vip, twoOrders] }, { not: vip }, { and: [twoOrders, { not: vip }] }, twoOrders];
  const context = { now: new Date('2026-11-23T12:00:00Z'), shop: { timeZone: 'UTC', cartAbandonmentMinutes: 60 }, cart: null };
  const order = {
    id: 'o',
    status: 'VALIDATED',
    placedAt: new Date('2026-11-01T00:00:00Z'),
    currency: 'USD',
    subtotal: 100,
    total: 100,
    shippingMethod: null,
    lines: [],
  };
  const shoppers = {
    'vip, no orders': { profile: { category: 'VIP' }, orders: [] },
    'retail, two orders': { profile: { category: 'retail' }, orders: [order, order] },
    'vip, two orders': { profile: { category: 'vip' }, orders: [order, order] },
  };

  it('give the same answers as evaluating each tree on its own', () => {
    const compiled = new CompiledRules(trees, pluginRegistry);
    for (const facts of Object.values(shoppers)) {
      const run = compiled.run(facts, context);
      expect(trees.map((_, index) => run.holds(index))).toEqual(trees.map((tree) => evaluateRuleTree(tree, pluginRegistry, facts, context)));
    }
    const answers = (facts: Record<string, unknown>) => trees.map((_, index) => compiled.run(facts, context).holds(index));
    expect(answers(shoppers['retail, two orders'])).toEqual([false, true, true, true, true]);
  });

  it('evaluate a condition that several trees share once per shopper', () => {
    // A condition that counts its evaluations, in a registry of its own.
    let evaluations = 0;
    const flag = defineCondition({
      type: 'flag',
      label: 'Has a flag',
      params: z.object({ name: z.string() }),
      facts: [],
      evaluate: ({ name }, _facts, evaluation) => {
        evaluations += 1;
        return evaluation.shop.timeZone === name;
      },
      toSql: () => sql`TRUE`,
      describe: ({ name }) => `flag ${name}`,
    });
    const registry = new PluginRegistry([definePlugin({ name: 'flags', conditions: [flag] })]);
    const utc = { condition: { type: 'flag', params: { name: 'UTC' } } };
    const paris = { condition: { type: 'flag', params: { name: 'Europe/Paris' } } };
    const compiled = new CompiledRules([utc, { or: [paris, utc] }, { not: utc }, { and: [{ not: paris }, utc] }], registry);
    const run = compiled.run({}, context);
    expect([0, 1, 2, 3].map((index) => run.holds(index))).toEqual([true, true, false, true]);
    expect(evaluations).toBe(2);
    compiled.run({}, context).holds(2);
    expect(evaluations).toBe(3);
  });
});
