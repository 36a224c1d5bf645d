// Rule tree validation and description, independent of the database.
import { describe, expect, it } from 'vitest';
import { conditionRegistry } from '../../src/segments/condition-plugins.js';
import { describeRuleTree, parseRuleTree, RULE_LIMITS, RuleTreeError } from '../../src/segments/rule-tree.js';

const vip = { condition: { type: 'customerCategory', params: { categories: ['vip'] } } };

function issuesOf(tree: unknown) {
  try {
    parseRuleTree(tree, conditionRegistry);
  } catch (error) {
    if (error instanceof RuleTreeError) return error.issues;
    throw error;
  }
  return [];
}

describe('rule trees', () => {
  it('name an unknown condition type (a plugin removed from configuration, or a typo)', () => {
    expect(issuesOf({ condition: { type: 'customerCategroy', params: {} } })).toEqual([{ path: ['rule', 'condition', 'type'], message: 'unknown condition type "customerCategroy"' }]);
  });

  it('report every problem at once, with its path', () => {
    expect(issuesOf({ or: [{ and: [] }, { condition: { type: 'orderCount', params: { count: {} } } }, vip] })).toEqual([
      { path: ['rule', 'or', '0', 'and'], message: 'a group needs at least one rule' },
      { path: ['rule', 'or', '1', 'condition', 'orderCount', 'count'], message: 'give atLeast, atMost or both' },
    ]);
  });

  it('limit size as well as depth', () => {
    const wide = { or: Array.from({ length: RULE_LIMITS.maxNodes }, () => vip) };
    expect(issuesOf(wide)).toEqual([{ path: ['rule'], message: `a rule tree may have at most ${RULE_LIMITS.maxNodes} nodes (has ${RULE_LIMITS.maxNodes + 1})` }]);
  });

  it('normalise parameters and describe themselves', () => {
    const tree = parseRuleTree({ and: [vip, { not: { condition: { type: 'orderCount', params: { count: { atLeast: 2 } } } } }] }, conditionRegistry);
    expect(tree).toEqual({ and: [vip, { not: { condition: { type: 'orderCount', params: { count: { atLeast: 2 }, statuses: ['VALIDATED'] } } } }] });
    expect(describeRuleTree(tree, conditionRegistry)).toBe('(customer category is vip AND NOT placed at least 2 orders at any time)');
  });
});
