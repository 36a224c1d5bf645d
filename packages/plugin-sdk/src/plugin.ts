// A plugin: a named set of condition types, effects and the customer fields that go with
// them, the unit that configuration loads.
import type { AnyCondition } from './condition.js';
import type { AnyCustomerField } from './customer-fields.js';
import type { AnyEffect } from './effect.js';

export interface CohortPlugin {
  /** Package-like name, for error messages and listings (e.g. "@acme/cohort-loyalty"). */
  readonly name: string;
  /** Condition types, made with defineCondition. */
  readonly conditions?: readonly AnyCondition[];
  /** What promotions may give, made with defineEffect. */
  readonly effects?: readonly AnyEffect[];
  /** Fields the plugin adds to the Customer type, by name (camelCase), made with defineCustomerField. */
  readonly customerFields?: Readonly<Record<string, AnyCustomerField>>;
}

export function definePlugin(plugin: CohortPlugin): CohortPlugin {
  if (!plugin.name || typeof plugin.name !== 'string') throw new Error('A plugin needs a name');
  return Object.freeze({
    ...plugin,
    conditions: Object.freeze([...(plugin.conditions ?? [])]),
    effects: Object.freeze([...(plugin.effects ?? [])]),
    customerFields: Object.freeze({ ...plugin.customerFields }),
  });
}

/** A plugin made by any copy of the SDK (a partner's package may bring its own). */
export function isCohortPlugin(value: unknown): value is CohortPlugin {
  const plugin = value as Partial<CohortPlugin> | null;
  return (
    typeof plugin === 'object' && plugin !== null && typeof plugin.name === 'string' && (Array.isArray(plugin.conditions) || Array.isArray(plugin.effects))
  );
}
