// Typed rule trees for TypeScript callers. Plugins declare their conditions' parameters by
// declaration merging, as Pothos plugins extend its types, so that a rule written in code
// (a test, a script, a partner's tooling) names only known conditions with their parameters:
//
//   declare module '@cohort/plugin-sdk' {
//     interface ConditionTypes {
//       acmeBigOrder: ConditionParams<typeof bigOrder>;
//     }
//   }
import type { AnyCondition, ConditionDefinition } from './condition.js';
import type { FactDefinition } from './facts.js';

/** Condition types by name, with their parameters as written (before defaults): merged into by plugins. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConditionTypes {}

/** A condition's parameters as written in a rule (optional where the schema has defaults). */
export type ConditionParams<Condition extends AnyCondition> =
  Condition extends ConditionDefinition<string, unknown, readonly FactDefinition[], infer Input> ? Input : never;

type KnownConditions = { [Type in keyof ConditionTypes]: { type: Type; params: ConditionTypes[Type] } }[keyof ConditionTypes];

/** One condition of a rule: any declared condition type with its parameters (any type and parameters until plugins declare theirs). */
export type RuleCondition = [KnownConditions] extends [never] ? { type: string; params: unknown } : KnownConditions;

/** A rule tree as stored and as Cohort's functions take it: and / or / not / condition. */
export type RuleTree = { and: RuleTree[] } | { or: RuleTree[] } | { not: RuleTree } | { condition: RuleCondition };
