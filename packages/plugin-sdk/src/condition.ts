// Condition types: the unit a partner writes. One object, made by defineCondition,
// carries everything: parameters (from which Cohort derives the GraphQL input), facts,
// evaluator, SQL predicate.
import type { z } from 'zod';
import type { FactDefinition, FactValues, ShopContext } from './facts.js';
import type { Sql } from './sql.js';

/** A cart as the storefront sends it, resolved against the catalogue. */
export interface CartSnapshot {
  currency: string;
  /** Sum of the lines, in minor units. */
  subtotal: number;
  lines: CartLineSnapshot[];
}

export interface CartLineSnapshot {
  /**
   * Null for a SKU the catalogue does not know yet (synced late): the storefront priced it from
   * the cart's unitPrice. It counts in the subtotal, but no product target matches it
   * (`matchesProduct` is false): its brand and category are unknown.
   */
  productId: string | null;
  sku: string;
  brand: string | null;
  category: string | null;
  quantity: number;
  /** Unit price in minor units. */
  unitPrice: number;
}

export interface EvaluationContext {
  now: Date;
  shop: ShopContext;
  /** The cart being priced, when the question is asked with one. */
  cart: CartSnapshot | null;
}

export interface SqlContext {
  /** The alias of the customer row (a row of cohort_v1.customers) in the enclosing query: use `${customer}.id`, `${customer}.category`. */
  customer: Sql;
  now: Date;
  shop: ShopContext;
}

export interface MeasureContext {
  /** The customer's id in the enclosing statement: `WHERE o.customer_id = ${customer}`. */
  customer: Sql;
  now: Date;
  shop: ShopContext;
}

/**
 * What a condition over a customer's history depends on, read in SQL for one customer: one
 * small value (a sum, a count, a date, the set of brands bought) instead of the whole history.
 * The storefront reads every live condition's measure in the statement that reads the shopper,
 * so its cost follows the number of live conditions, not the length of the customer's history.
 * Conditions whose measures are the same SQL with the same values share one read: leave out
 * of `sql` what `holds` can apply (a threshold), so that conditions differing only in it share.
 */
export interface ConditionMeasure<Params> {
  /**
   * A SQL expression giving the value for the customer `context.customer` (a scalar subquery;
   * json for several values). `keys`: see `keys`; this condition's own when it has no group.
   */
  sql(params: Params, context: MeasureContext, keys: string[]): Sql;
  /** The condition's answer from the value, as it comes back (numbers, Dates, parsed json; null when the subquery finds nothing). */
  holds(params: Params, value: unknown, context: EvaluationContext): boolean;
  /**
   * Optional, for measures that each need a part of the same kind of value (views of some SKUs):
   * conditions of this type with the same group read one expression, `sql` called once with the
   * keys of them all (and the parameters of one of them: what `sql` reads of them must be what
   * the group says they share). Without a group, conditions share a read only when their SQL
   * and values are the same.
   */
  group?(params: Params): string;
  /** With `group`: the part of the value this condition needs (e.g. "s:<sku>" keys). */
  keys?(params: Params): string[];
}

export interface ConditionDefinition<
  Type extends string = string,
  Params = unknown,
  Facts extends readonly FactDefinition[] = readonly FactDefinition[],
  Input = unknown,
> {
  /** camelCase name; it is also the field of `ConditionInput` that selects this condition. */
  readonly type: Type;
  /** One line for admin UIs and the schema's documentation. */
  readonly label: string;
  /**
   * The parameters, declared once: a z.object that validates and normalises them, and from
   * which Cohort derives the condition's GraphQL input (field descriptions from `.describe()`;
   * see graphql.ts for the mapping). Keys it does not declare are refused.
   */
  readonly params: z.ZodType<Params, Input>;
  /** The facts `evaluate` reads. */
  readonly facts: Facts;
  /** Does one customer (or an anonymous shopper, with empty facts) meet the condition? */
  evaluate(params: Params, facts: FactValues<Facts>, context: EvaluationContext): boolean;
  /**
   * The same question for the whole customer base: a SQL boolean expression over the
   * customer row `context.customer`. It must agree with `evaluate` for every customer
   * (the SDK's test kit checks that).
   */
  toSql(params: Params, context: SqlContext): Sql;
  /** Human-readable text of a configured condition, e.g. `viewed Trail Shoe at least 3 times in the last 30 days`. */
  describe(params: Params): string;
  /**
   * For conditions on the cart's subtotal: the subtotals from which the condition holds, so
   * that the storefront can say what is missing ("$18.50 more for free shipping"). Cohort
   * tries those above the cart's subtotal, lowest first, with the rest of the cart rule.
   */
  subtotalThresholds?(params: Params): { amount: number; currency: string }[];
  /**
   * For conditions that hold only for a cart in one currency (a cart subtotal in USD, say): that
   * currency. A promotion prices carts in its own currency only, so Cohort refuses a cart rule
   * whose conditions name another one: it could never apply.
   */
  cartCurrency?(params: Params): string;
  /**
   * Optional, for conditions over a customer's history (orders, views…): see ConditionMeasure.
   * `evaluate` stays the reference: segments' members, explanations and anonymous shoppers use
   * it, and the test kit checks that measure and evaluate agree for every customer.
   */
  readonly measure?: ConditionMeasure<Params>;
  /**
   * Optional, for conditions whose answer can change with time alone (a rolling window, days
   * since an order): the next instant after `context.now` at which the answer may change if
   * no data changes, or null for never. Cohort re-evaluates the customer at that instant and
   * records the entries and exits time made (docs/segment-events.md). Earlier is safe (the
   * answer is checked again); later or null where time does change it delays the change to
   * the next reconciliation. `nextWindowChange` computes it for rolling windows.
   */
  changesAt?(params: Params, facts: FactValues<Facts>, context: EvaluationContext): Date | null;
  /**
   * Optional, for conditions whose answer something else than the customer's data written
   * through the API, and time (`changesAt`), can change: data shared by every customer (the
   * RFM thresholds, a product's brand, the shop's settings) or a customer's data written
   * elsewhere (redemptions, at checkout). Say what, in a few words. Membership tracking does
   * not see such a change until the reconciliation (docs/segment-events.md), so Cohort answers
   * admin reads of a segment whose rule uses this condition by evaluating the rule, never from
   * its recorded members (docs/concepts.md#recorded-membership).
   */
  readonly changedOutsideTracking?: string;
}

export function defineCondition<const Type extends string, Params, const Facts extends readonly FactDefinition[], Input>(
  definition: ConditionDefinition<Type, Params, Facts, Input>,
): ConditionDefinition<Type, Params, Facts, Input> {
  if (!/^[a-z][A-Za-z0-9]*$/.test(definition.type)) {
    throw new Error(`Condition type "${definition.type}" must be camelCase (it becomes a GraphQL input field)`);
  }
  if (!objectShapeOf(definition.params))
    throw new Error(`Condition "${definition.type}": params must be a z.object (refinements allowed): its GraphQL input is derived from its fields`);
  return Object.freeze({ ...definition });
}

/** A condition of any type, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCondition = ConditionDefinition<string, any, readonly FactDefinition[], any>;

interface ObjectDef {
  shape?: object;
  catchall?: { _zod?: { def?: { type?: string } } };
}

/** A z.object's keys, and whether it takes other keys too (z.looseObject, .catchall()); null for any other schema. */
function objectShapeOf(schema: unknown): { names: string[]; open: boolean } | null {
  const def = (schema as { _zod?: { def?: ObjectDef } })._zod?.def;
  if (typeof def?.shape !== 'object' || def.shape === null) return null;
  const catchall = def.catchall?._zod?.def?.type;
  return { names: Object.keys(def.shape), open: catchall !== undefined && catchall !== 'never' };
}

/** The names of a condition's parameters, when its `params` schema is a zod object (null otherwise). */
export function parameterNames(condition: AnyCondition): string[] | null {
  return objectShapeOf(condition.params)?.names ?? null;
}

/**
 * Parses a condition's parameters with its schema. Keys it does not declare are refused (a
 * misspelt parameter is an error, never silently dropped for its default), unless the schema
 * takes other keys (z.looseObject) or `unknownKeys` is "drop": rules stored before a plugin
 * removed a parameter still read, without it (`dropped` names what was dropped). Issue paths are
 * relative to the parameters.
 */
export function parseConditionParams(
  condition: AnyCondition,
  raw: unknown,
  unknownKeys: 'refuse' | 'drop' = 'refuse',
): { success: true; data: unknown; dropped: string[] } | { success: false; issues: { path: string[]; message: string }[] } {
  const shape = objectShapeOf(condition.params);
  let dropped: string[] = [];
  if (shape && !shape.open && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    dropped = Object.keys(raw).filter((key) => !shape.names.includes(key));
    if (dropped.length > 0 && unknownKeys === 'refuse') {
      return {
        success: false,
        issues: dropped.map((key) => ({ path: [key], message: `unknown parameter "${key}" (${condition.type} takes ${shape.names.join(', ')})` })),
      };
    }
  }
  const parsed = condition.params.safeParse(raw);
  return parsed.success
    ? { success: true, data: parsed.data, dropped }
    : { success: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })) };
}
