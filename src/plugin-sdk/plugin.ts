// A plugin: a named set of condition types, the unit that configuration loads.
import type { AnyCondition } from './condition.js';

export interface CohortPlugin {
  /** Package-like name, for error messages and listings (e.g. "@acme/cohort-loyalty"). */
  readonly name: string;
  readonly conditions: readonly AnyCondition[];
}

export function definePlugin(plugin: CohortPlugin): CohortPlugin {
  return Object.freeze({ ...plugin, conditions: Object.freeze([...plugin.conditions]) });
}

export function isCohortPlugin(value: unknown): value is CohortPlugin {
  return typeof value === 'object' && value !== null && typeof (value as CohortPlugin).name === 'string' && Array.isArray((value as CohortPlugin).conditions);
}
