// A plugin: a named set of condition types, the unit that configuration loads.
import type { AnyCondition } from './condition.js';
import type { CustomerFieldsOf } from './graphql.js';

export interface CohortPlugin {
  /** Package-like name, for error messages and listings (e.g. "@acme/cohort-loyalty"). */
  readonly name: string;
  readonly conditions: readonly AnyCondition[];
  /** Optional fields the plugin adds to the Customer type, e.g. `viewCount(products:, within:)`. */
  readonly customerFields?: CustomerFieldsOf;
}

export function definePlugin(plugin: CohortPlugin): CohortPlugin {
  return Object.freeze({ ...plugin, conditions: Object.freeze([...plugin.conditions]) });
}

export function isCohortPlugin(value: unknown): value is CohortPlugin {
  return typeof value === 'object' && value !== null && typeof (value as CohortPlugin).name === 'string' && Array.isArray((value as CohortPlugin).conditions);
}
