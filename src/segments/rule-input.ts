// Rule trees as the GraphQL input gives them (rule-input.graphql.ts declares the input), and
// their mapping to the rule tree that parseRuleTree validates.
import type { RuleCondition, RuleTree } from '@cohort/plugin-sdk';
import { withoutNulls } from '../schema/plugin-types.js';

export interface RuleInputShape {
  and?: RuleInputShape[] | null;
  or?: RuleInputShape[] | null;
  not?: RuleInputShape | null;
  condition?: Record<string, unknown> | null;
}

/** Maps the GraphQL input to the shape of a rule tree; parseRuleTree then validates it (the condition's type and parameters included). */
export function ruleFromInput(input: RuleInputShape): RuleTree {
  if (input.and) return { and: input.and.map(ruleFromInput) };
  if (input.or) return { or: input.or.map(ruleFromInput) };
  if (input.not) return { not: ruleFromInput(input.not) };
  const [type, params] = Object.entries(input.condition ?? {}).find(([, value]) => value !== null && value !== undefined) ?? [];
  return { condition: { type, params: withoutNulls(params) } as RuleCondition };
}
