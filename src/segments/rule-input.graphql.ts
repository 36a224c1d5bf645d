// The typed GraphQL input of rule trees. `ConditionInput` has one field per registered
// condition type, each with the input derived from its parameters; exactly one may be set.
import { InputObjectRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from '../schema/builder.js';
import { pascal } from '../schema/plugin-types.js';
import type { RuleInputShape } from './rule-input.js';

export const SegmentRuleInput = new InputObjectRef<BuilderTypes, RuleInputShape>('SegmentRuleInput');

export function registerRuleInputs({ builder, registry, pluginTypes }: SchemaParts) {
  // Each condition's input is derived from its parameters (one field per parameter, as typed).
  const conditionInputTypes = registry.all().map((condition) => {
    const plugin = registry.pluginOf(condition.type);
    const name = `${pascal(condition.type)}ConditionInput`;
    return {
      condition,
      ref: pluginTypes.objectType(condition.params, name, `Condition "${condition.type}" (plugin "${plugin}")`, {
        name,
        description: `${condition.label} (condition type "${condition.type}", plugin "${plugin}").`,
      }),
    };
  });

  const ConditionInput = builder.inputType('ConditionInput', {
    description: 'One condition: set exactly one field, named after its condition type.',
    isOneOf: true,
    fields: (t) =>
      Object.fromEntries(
        conditionInputTypes.map(({ condition, ref }) => [condition.type, t.field({ type: ref, required: false, description: condition.label })]),
      ),
  });

  const RuleInput = builder.inputRef<RuleInputShape>('SegmentRuleInput');
  implement(
    builder,
    SegmentRuleInput,
    RuleInput.implement({
      description: 'A rule tree node: exactly one of `and`, `or` (groups of rules), `not` (a negated rule) or `condition`.',
      isOneOf: true,
      fields: (t) => ({
        and: t.field({ type: [RuleInput], required: false, description: 'Met when every rule is met.' }),
        or: t.field({ type: [RuleInput], required: false, description: 'Met when at least one rule is met.' }),
        not: t.field({ type: RuleInput, required: false, description: 'Met when the rule is not met.' }),
        condition: t.field({ type: ConditionInput, required: false }),
      }),
    }),
  );
}
