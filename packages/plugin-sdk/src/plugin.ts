// A plugin: a named set of condition types (and the customer fields that go with them), the
// unit that configuration loads.
import type { AnyCondition } from './condition.js';
import type { AnyCustomerField } from './customer-fields.js';

export interface CohortPlugin {
  /** Package-like name, for error messages and listings (e.g. "@acme/cohort-loyalty"). */
  readonly name: string;
  readonly conditions: readonly AnyCondition[];
  /** Fields the plugin adds to the Customer type, by name (camelCase), made with defineCustomerField. */
  readonly customerFields?: Readonly<Record<string, AnyCustomerField>>;
}

export function definePlugin(plugin: CohortPlugin): CohortPlugin {
  if (!plugin.name || typeof plugin.name !== 'string') throw new Error('A plugin needs a name');
  return Object.freeze({ ...plugin, conditions: Object.freeze([...plugin.conditions]), customerFields: Object.freeze({ ...plugin.customerFields }) });
}

/** A plugin made by any copy of the SDK (a partner's package may bring its own). */
export function isCohortPlugin(value: unknown): value is CohortPlugin {
  return typeof value === 'object' && value !== null && typeof (value as CohortPlugin).name === 'string' && Array.isArray((value as CohortPlugin).conditions);
}
