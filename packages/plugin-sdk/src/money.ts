// Money: integer minor units plus an ISO 4217 currency code. Never a float.
import { z } from 'zod';
import { graphqlType } from './graphql.js';

export interface Money {
  /** Minor units: 1999 means 19.99 in a two-decimal currency. */
  amount: number;
  currency: string;
}

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => knownCurrencies.has(code), { message: 'is not a known ISO 4217 currency code' });

/**
 * The largest amount Cohort stores or answers, in minor units: 2,147,483,647, GraphQL's Int
 * (21 million in a two-decimal currency).
 */
export const MAX_AMOUNT = 2_147_483_647;

/** An amount in minor units (cents): a non-negative integer. */
export const amountSchema = z
  .number()
  .int('must be a whole number of minor units (e.g. cents)')
  .nonnegative('must not be negative')
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT} minor units`);

/** A percentage, e.g. 10 for 10%: more than 0, at most 100, two decimals at most (exact in basis points). */
export const percentSchema = z
  .number()
  .gt(0, 'must be more than 0')
  .lte(100, 'must be at most 100')
  .refine((percent) => Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9, 'may have at most two decimals');

/** `percent` % of `amount` minor units, rounded half up, computed exactly in integers (basis points). */
export function percentOf(amount: number, percent: number): number {
  return Math.floor((amount * Math.round(percent * 100) + 5_000) / 10_000);
}

/** An amount and its currency: GraphQL's MoneyInput. */
export const moneySchema = graphqlType(
  'MoneyInput',
  z.object({ amount: amountSchema.describe('Minor units, not negative: 1999 means 19.99.'), currency: currencySchema.describe('ISO 4217 code, e.g. "USD".') }),
  { description: 'An amount in minor units and its ISO 4217 currency.' },
);

/**
 * Formatters by locale and currency. Building an Intl.NumberFormat costs about 50 times what
 * formatting with one does, and a cart page formats dozens of amounts: each is built once.
 */
const formatters = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function formatterFor(locale: string, currency: string) {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, (formatter = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }));
  }
  return formatter;
}

/** Number of decimal places of a currency's minor unit (2 for USD, 0 for JPY). */
export function minorUnitDigits(currency: string): number {
  return formatterFor('en', currency).digits;
}

/** For display: `formatMoney({ amount: 1999, currency: 'USD' })` is "$19.99". */
export function formatMoney({ amount, currency }: Money, locale = 'en-US'): string {
  const { format, digits } = formatterFor(locale, currency);
  // Format from a decimal string so no float ever holds the amount.
  const sign = amount < 0 ? '-' : '';
  const units = String(Math.abs(amount)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return format.format(`${sign}${decimal}` as unknown as number);
}
