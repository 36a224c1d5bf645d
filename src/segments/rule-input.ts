// The typed GraphQL input of rule trees. `ConditionInput` has one field per registered
// condition type, each with the input derived from its parameters; exactly one may be set.
import type { RuleCondition, RuleTree } from '@cohort/plugin-sdk';
import type { SchemaParts } from '../schema/builder.js';
import { pascal, withoutNulls } from '../schema/plugin-types.js';

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

export function ruleInputTypes({ builder, registry, pluginTypes }: SchemaParts) {
  // Each condition's input is derived from its parameters (one field per parameter, as typed).
  const conditionInputTypes = registry.all().map((condition) => {
    const plugin = registry.pluginOf(condition.type);
    const name = `${pascal(condition.type)}ConditionInput`;
    return { condition, ref: pluginTypes.objectType(condition.params, name, `Condition "${condition.type}" (plugin "${plugin}")`, { name, description: `${condition.label} (condition type "${condition.type}", plugin "${plugin}").` }) };
  });

  const ConditionInput = builder.inputType('ConditionInput', {
    description: 'One condition: set exactly one field, named after its condition type.',
    isOneOf: true,
    fields: (t) => Object.fromEntries(conditionInputTypes.map(({ condition, ref }) => [condition.type, t.field({ type: ref, required: false, description: condition.label })])),
  });

  const SegmentRuleInput = builder.inputRef<RuleInputShape>('SegmentRuleInput').implement({
    description: 'A rule tree node: exactly one of `and`, `or` (groups of rules), `not` (a negated rule) or `condition`.',
    isOneOf: true,
    fields: (t) => ({
      and: t.field({ type: [SegmentRuleInput], required: false, description: 'Met when every rule is met.' }),
      or: t.field({ type: [SegmentRuleInput], required: false, description: 'Met when at least one rule is met.' }),
      not: t.field({ type: SegmentRuleInput, required: false, description: 'Met when the rule is not met.' }),
      condition: t.field({ type: ConditionInput, required: false }),
    }),
  });
  return { ConditionInput, SegmentRuleInput };
}

export type RuleInputRefs = ReturnType<typeof ruleInputTypes>;
