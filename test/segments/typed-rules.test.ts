// Rule trees written in TypeScript are checked by the compiler: plugins declare their
// conditions' parameters (declaration merging, plugins/*/global-types.ts), so a misnamed
// parameter or an unknown condition type fails `npm run typecheck`, and the test kit's
// parameters are typed by the condition. The runtime refuses the same, for JavaScript callers.
import type { RuleTree } from '@cohort/plugin-sdk';
import type { checkAgreement } from '@cohort/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { orderCount } from '../../plugins/order-count/index.js';
import { parseRuleTree } from '../../src/rules/rule-tree.js';
import { registry } from '../support/registry.js';

const bigSpenders: RuleTree = {
  and: [
    { condition: { type: 'amountSpent', params: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } } },
    { not: { condition: { type: 'customerCategory', params: { categories: ['wholesale'] } } } },
  ],
};
// @ts-expect-error a misnamed parameter (minOrders) is refused by the compiler
const misnamed: RuleTree = { condition: { type: 'orderCount', params: { count: { atLeast: 2 }, minOrders: 3 } } };
// @ts-expect-error an unknown condition type is refused by the compiler
const unknownType: RuleTree = { condition: { type: 'orderCout', params: { count: { atLeast: 2 } } } };
// The kit's parameters are the condition's: checked when the test is compiled.
type KitParams = Parameters<typeof checkAgreement<typeof orderCount>>[0]['params'];
// @ts-expect-error count must be a range, not a number
const wrongKit: KitParams = { count: 2 };

describe('typed rule trees', () => {
  it('are what the runtime accepts, and the runtime refuses what the compiler refuses', () => {
    expect(() => parseRuleTree(bigSpenders, registry)).not.toThrow();
    expect(() => parseRuleTree(misnamed, registry)).toThrow('unknown parameter "minOrders"');
    expect(() => parseRuleTree(unknownType, registry)).toThrow('orderCout');
    expect(orderCount.params.safeParse(wrongKit).success).toBe(false);
  });
});
