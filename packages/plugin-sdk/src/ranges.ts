// Ranges ("at least 3", "more than $300", "between $100 and $200") and per-customer
// aggregates over history tables, shared by conditions so that every one counts, bounds,
// describes and compiles them alike. A range has at most one lower bound (atLeast, inclusive,
// or moreThan, exclusive) and at most one upper bound (atMost, inclusive, or lessThan,
// exclusive); a range that no value can meet (at least 5 and less than 5) is refused.
import { z } from 'zod';
import { graphqlType } from './graphql.js';
import { formatMoney, moneySchema } from './money.js';
import { join, raw, sql, type Sql } from './sql.js';

export interface CountRange {
  atLeast?: number | null;
  moreThan?: number | null;
  atMost?: number | null;
  lessThan?: number | null;
}

interface Amount {
  amount: number;
  currency: string;
}

export interface MoneyRange {
  atLeast?: Amount | null;
  moreThan?: Amount | null;
  atMost?: Amount | null;
  lessThan?: Amount | null;
}

type AnyRange = CountRange | MoneyRange;
type Bound = number | Amount | null | undefined;

const boundValue = (bound: Bound): number | null => (bound == null ? null : typeof bound === 'number' ? bound : bound.amount);

/** The refinements every range shares: one bound at least, one of each side at most, not empty. */
function rangeRules<Schema extends z.ZodType<AnyRange>>(schema: Schema) {
  return schema
    .refine((range) => range.atLeast != null || range.moreThan != null || range.atMost != null || range.lessThan != null, {
      message: 'give a lower bound (atLeast or moreThan), an upper bound (atMost or lessThan), or both',
    })
    .refine((range) => range.atLeast == null || range.moreThan == null, { message: 'give atLeast or moreThan, not both', path: ['moreThan'] })
    .refine((range) => range.atMost == null || range.lessThan == null, { message: 'give atMost or lessThan, not both', path: ['lessThan'] })
    .refine(
      (range) => {
        // Over real numbers: an average can fall strictly between two whole amounts.
        const low = boundValue(range.atLeast) ?? boundValue(range.moreThan);
        const high = boundValue(range.atMost) ?? boundValue(range.lessThan);
        const exclusive = range.moreThan != null || range.lessThan != null;
        return (low === null || high === null || (exclusive ? low < high : low <= high)) && !(range.lessThan != null && boundValue(range.lessThan) === 0);
      },
      { message: 'no value is within these bounds' },
    );
}

const count = z.number().int('must be a whole number').min(0, 'must not be negative');

/** GraphQL's CountRangeInput. */
export const countRangeSchema = graphqlType(
  'CountRangeInput',
  rangeRules(
    z.object({
      atLeast: count.nullish().describe('The count is this or more.'),
      moreThan: count.nullish().describe('The count is more than this ("more than twice" is moreThan: 2).'),
      atMost: count.nullish().describe('The count is this or less.'),
      lessThan: count.nullish().describe('The count is less than this.'),
    }),
  ),
  {
    description:
      'Bounds on a count: a lower bound (atLeast, inclusive, or moreThan, exclusive), an upper bound (atMost, inclusive, or lessThan, exclusive), or both.',
  },
);

/** GraphQL's MoneyRangeInput. */
export const moneyRangeSchema = graphqlType(
  'MoneyRangeInput',
  rangeRules(
    z
      .object({
        atLeast: moneySchema.nullish().describe('The amount is this or more.'),
        moreThan: moneySchema.nullish().describe('The amount is more than this ("spent more than $300").'),
        atMost: moneySchema.nullish().describe('The amount is this or less.'),
        lessThan: moneySchema.nullish().describe('The amount is less than this.'),
      })
      .refine(
        (range) =>
          new Set([range.atLeast, range.moreThan, range.atMost, range.lessThan].filter((bound) => bound != null).map((bound) => bound.currency)).size <= 1,
        {
          message: 'all bounds must be in the same currency',
          path: ['atMost'],
        },
      ),
  ),
  {
    description:
      'Bounds on an amount of money, in one currency: a lower bound (atLeast, inclusive, or moreThan, exclusive), an upper bound (atMost, inclusive, or lessThan, exclusive), or both.',
  },
);

/** The currency a money range is in. */
export function rangeCurrency(range: MoneyRange): string {
  return (range.atLeast ?? range.moreThan ?? range.atMost ?? range.lessThan)?.currency ?? 'USD';
}

/**
 * Is `value` in the range? With `scale`, each bound is multiplied by it first: an average
 * is compared as `total` against `bound × count`, with no division and no rounding.
 * Allocation-free: the storefront calls it for every condition of every segment.
 */
export function inRange(value: number, range: AnyRange, scale = 1): boolean {
  const atLeast = boundValue(range.atLeast);
  if (atLeast !== null && value < atLeast * scale) return false;
  const moreThan = boundValue(range.moreThan);
  if (moreThan !== null && value <= moreThan * scale) return false;
  const atMost = boundValue(range.atMost);
  if (atMost !== null && value > atMost * scale) return false;
  const lessThan = boundValue(range.lessThan);
  return lessThan === null || value < lessThan * scale;
}

/** The same test in SQL, for an expression; `scale` (a SQL expression) multiplies each bound, as in `inRange`. */
export function rangeSql(expression: Sql, range: AnyRange, scale?: Sql): Sql {
  const bound = (value: Bound, operator: string) => {
    const number = boundValue(value);
    if (number === null) return null;
    return scale ? sql`${expression} ${raw(operator)} ${number}::bigint * ${scale}` : sql`${expression} ${raw(operator)} ${number}`;
  };
  const parts = [bound(range.atLeast, '>='), bound(range.moreThan, '>'), bound(range.atMost, '<='), bound(range.lessThan, '<')].filter(
    (part): part is Sql => part !== null,
  );
  return parts.length === 0 ? sql`TRUE` : join(parts, ' AND ');
}

/** The smallest whole value in the range (a count, minor units), if it has a lower bound: what "nearly eligible" aims at. */
export function lowestInRange(range: AnyRange): number | null {
  const moreThan = boundValue(range.moreThan);
  return boundValue(range.atLeast) ?? (moreThan === null ? null : moreThan + 1);
}

/** The range in words around `show(value)`: "at least 3 views", "more than $300.00", "between 2 and 5 orders". */
function describeRange(range: AnyRange, show: (value: number) => string, less: string): string {
  const atLeast = boundValue(range.atLeast);
  const moreThan = boundValue(range.moreThan);
  const atMost = boundValue(range.atMost);
  const lessThan = boundValue(range.lessThan);
  if (atLeast !== null && atMost !== null) return atLeast === atMost ? `exactly ${show(atLeast)}` : `between ${show(atLeast)} and ${show(atMost)}`;
  const low = atLeast !== null ? `at least ${show(atLeast)}` : moreThan !== null ? `more than ${show(moreThan)}` : null;
  const high = atMost !== null ? `at most ${show(atMost)}` : lessThan !== null ? `${less} ${show(lessThan)}` : null;
  return [low, high].filter((part) => part !== null).join(' and ');
}

/** `describeCount({ moreThan: 2 }, 'view')` → "more than 2 views"; the unit agrees with the last number ("more than 1 order"). */
export function describeCount(range: CountRange, unit: string): string {
  const last = boundValue(range.atMost) ?? boundValue(range.lessThan) ?? boundValue(range.atLeast) ?? boundValue(range.moreThan);
  return `${describeRange(range, (n) => String(n), 'fewer than')} ${unit}${last === 1 ? '' : 's'}`;
}

export function describeMoney(range: MoneyRange): string {
  const currency = rangeCurrency(range);
  return describeRange(range, (amount) => formatMoney({ amount, currency }), 'less than');
}

/**
 * "The customer's aggregate over matching rows is in range", as SQL that PostgreSQL can
 * answer with one hashed pass over the history table instead of one lookup per customer.
 * `aggregate` must be 0 for a customer with no matching rows (count, sum) when
 * `emptyMeans` is 'zero'; with 'not met' a customer without rows never matches.
 */
export function customerAggregateSql(options: {
  customer: Sql;
  /** FROM and WHERE of the matching rows, over the data contract, e.g. sql`cohort_v1.orders o WHERE o.status = 'VALIDATED'`. */
  rows: Sql;
  customerColumn: Sql;
  aggregate: Sql;
  range: AnyRange;
  emptyMeans: 'zero' | 'not met';
}): Sql {
  const { customer, rows, customerColumn, aggregate, range, emptyMeans } = options;
  const zeroInRange = emptyMeans === 'zero' && inRange(0, range);
  if (!zeroInRange) {
    return sql`${customer}.id IN (SELECT ${customerColumn} FROM ${rows} GROUP BY ${customerColumn} HAVING ${rangeSql(aggregate, range)})`;
  }
  // Customers without rows are in range; exclude those whose rows take them out of it.
  return sql`${customer}.id NOT IN (SELECT ${customerColumn} FROM ${rows} GROUP BY ${customerColumn} HAVING NOT (${rangeSql(aggregate, range)}))`;
}
