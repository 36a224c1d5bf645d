// Ranges ("at least 3", "between $100 and $200") and per-customer aggregates over history
// tables, shared by conditions so that every one counts, bounds and compiles them alike.
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.js';
import { builder } from '../schema/builder.js';
import { MoneyInput } from '../schema/money.js';
import { amountSchema, currencySchema, formatMoney } from '../shared/money.js';

export interface CountRange {
  atLeast?: number | null;
  atMost?: number | null;
}

/** Inclusive bounds; at least one is required. */
export const countRangeSchema = z
  .object({ atLeast: z.number().int().min(0, 'must not be negative').nullish(), atMost: z.number().int().min(0, 'must not be negative').nullish() })
  .refine((range) => range.atLeast != null || range.atMost != null, { message: 'give atLeast, atMost or both' })
  .refine((range) => range.atLeast == null || range.atMost == null || range.atLeast <= range.atMost, { message: 'atLeast must not be more than atMost', path: ['atMost'] });

export const CountRangeInput = builder.inputType('CountRangeInput', {
  description: 'Inclusive bounds on a count: atLeast, atMost or both.',
  fields: (t) => ({ atLeast: t.int({ required: false }), atMost: t.int({ required: false }) }),
});

export interface MoneyRange {
  atLeast?: { amount: number; currency: string } | null;
  atMost?: { amount: number; currency: string } | null;
}

const money = z.object({ amount: amountSchema, currency: currencySchema });

/** Inclusive bounds in one currency; at least one is required. */
export const moneyRangeSchema = z
  .object({ atLeast: money.nullish(), atMost: money.nullish() })
  .refine((range) => range.atLeast != null || range.atMost != null, { message: 'give atLeast, atMost or both' })
  .refine((range) => !(range.atLeast && range.atMost) || range.atLeast.currency === range.atMost.currency, { message: 'atLeast and atMost must be in the same currency', path: ['atMost'] })
  .refine((range) => !(range.atLeast && range.atMost) || range.atLeast.amount <= range.atMost.amount, { message: 'atLeast must not be more than atMost', path: ['atMost'] });

export const MoneyRangeInput = builder.inputType('MoneyRangeInput', {
  description: 'Inclusive bounds on an amount of money, in one currency: atLeast, atMost or both.',
  fields: (t) => ({
    atLeast: t.field({ type: MoneyInput, required: false }),
    atMost: t.field({ type: MoneyInput, required: false }),
  }),
});

/** The currency a money range is in. */
export function rangeCurrency(range: MoneyRange): string {
  return (range.atLeast ?? range.atMost)?.currency ?? 'USD';
}

const boundValue = (bound: number | { amount: number } | null | undefined) => (bound == null ? null : typeof bound === 'number' ? bound : bound.amount);

function bounds(range: CountRange | MoneyRange): { low: number | null; high: number | null } {
  return { low: boundValue(range.atLeast), high: boundValue(range.atMost) };
}

/** Allocation-free: the storefront calls it for every condition of every segment. */
export function inRange(value: number, range: CountRange | MoneyRange): boolean {
  const low = boundValue(range.atLeast);
  if (low !== null && value < low) return false;
  const high = boundValue(range.atMost);
  return high === null || value <= high;
}

export function rangeSql(expression: Prisma.Sql, range: CountRange | MoneyRange): Prisma.Sql {
  const { low, high } = bounds(range);
  const parts = [low === null ? null : Prisma.sql`${expression} >= ${low}`, high === null ? null : Prisma.sql`${expression} <= ${high}`].filter((part): part is Prisma.Sql => part !== null);
  return Prisma.join(parts, ' AND ');
}

export function describeCount(range: CountRange, unit: string): string {
  const plural = (n: number) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (range.atLeast != null && range.atMost != null) return range.atLeast === range.atMost ? `exactly ${plural(range.atLeast)}` : `between ${range.atLeast} and ${plural(range.atMost)}`;
  return range.atLeast != null ? `at least ${plural(range.atLeast)}` : `at most ${plural(range.atMost as number)}`;
}

export function describeMoney(range: MoneyRange): string {
  if (range.atLeast && range.atMost) return `between ${formatMoney(range.atLeast)} and ${formatMoney(range.atMost)}`;
  return range.atLeast ? `at least ${formatMoney(range.atLeast)}` : `at most ${formatMoney(range.atMost as { amount: number; currency: string })}`;
}

/**
 * "The customer's aggregate over matching rows is in range", as SQL that PostgreSQL can
 * answer with one hashed pass over the history table instead of one lookup per customer.
 * `aggregate` must be 0 for a customer with no matching rows (count, sum) when
 * `emptyMeans` is 'zero'; with 'not met' a customer without rows never matches.
 */
export function customerAggregateSql(options: {
  customer: Prisma.Sql;
  /** FROM and WHERE of the matching rows, e.g. sql`"Order" o WHERE o.status = 'VALIDATED'`. */
  rows: Prisma.Sql;
  customerColumn: Prisma.Sql;
  aggregate: Prisma.Sql;
  range: CountRange | MoneyRange;
  emptyMeans: 'zero' | 'not met';
}): Prisma.Sql {
  const { customer, rows, customerColumn, aggregate, range, emptyMeans } = options;
  const zeroInRange = emptyMeans === 'zero' && inRange(0, range);
  if (!zeroInRange) {
    return Prisma.sql`${customer}.id IN (SELECT ${customerColumn} FROM ${rows} GROUP BY ${customerColumn} HAVING ${rangeSql(aggregate, range)})`;
  }
  // Customers without rows are in range; exclude those whose rows take them out of it.
  return Prisma.sql`${customer}.id NOT IN (SELECT ${customerColumn} FROM ${rows} GROUP BY ${customerColumn} HAVING NOT (${rangeSql(aggregate, range)}))`;
}
