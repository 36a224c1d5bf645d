// Rule trees as the API takes them (SegmentRuleInput: and / or / not / condition { <type>: params })
// and as it stores them (Segment.rule, a template's rule: condition { type, params }).

import type { SegmentRuleInput } from '../gql/graphql';

export type RuleInput = { and: RuleInput[] } | { or: RuleInput[] } | { not: RuleInput } | { condition: Record<string, unknown> };

/** The rule as the generated input type: the editors build conditions from introspection, which the generated types cannot follow; the server validates. */
export const asRuleInput = (rule: RuleInput) => rule as unknown as SegmentRuleInput;

interface StoredRule {
  and?: StoredRule[];
  or?: StoredRule[];
  not?: StoredRule;
  condition?: { type: string; params: unknown };
}

/** A stored rule tree as the input that saves it again. */
export function ruleInputOf(stored: unknown): RuleInput {
  const rule = stored as StoredRule;
  if (rule.and) return { and: rule.and.map(ruleInputOf) };
  if (rule.or) return { or: rule.or.map(ruleInputOf) };
  if (rule.not) return { not: ruleInputOf(rule.not) };
  return { condition: rule.condition ? { [rule.condition.type]: rule.condition.params } : {} };
}

export const emptyRule = (): RuleInput => ({ and: [] });

/** The condition type a condition node names (its one field), if chosen. */
export const conditionType = (condition: Record<string, unknown>) => Object.keys(condition).find((key) => condition[key] !== undefined);
