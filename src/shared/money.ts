// Money: integer minor units plus an ISO 4217 currency code. Never a float.
import { z } from 'zod';
import { InvalidInputError } from './errors.js';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => knownCurrencies.has(code), { message: 'is not a known ISO 4217 currency code' });

/**
 * The largest amount Cohort stores or answers, in minor units: 2,147,483,647, GraphQL's Int
 * (21 million in a two-decimal currency). Totals computed from input (a cart's subtotal, an
 * order's total) are checked against it too, so an overflow is refused as bad input.
 */
export const MAX_AMOUNT = 2_147_483_647;

/** Refuses a computed total over MAX_AMOUNT, naming the input field it comes from. */
export function checkTotal(total: number, what: string, path: string[]): void {
  if (total > MAX_AMOUNT) throw new InvalidInputError(`${what} comes to ${total} minor units, more than the largest amount handled (${MAX_AMOUNT})`, path);
}

/** An amount in minor units (cents): a non-negative integer. */
export const amountSchema = z
  .number()
  .int('must be a whole number of minor units (e.g. cents)')
  .nonnegative('must not be negative')
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT} minor units`);

export interface Money {
  amount: number;
  currency: string;
}

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

export function formatMoney({ amount, currency }: Money, locale = 'en-US'): string {
  const { format, digits } = formatterFor(locale, currency);
  // Format from a decimal string so no float ever holds the amount.
  const sign = amount < 0 ? '-' : '';
  const units = String(Math.abs(amount)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? units : `${units.slice(0, -digits)}.${units.slice(-digits)}`;
  return format.format(`${sign}${decimal}` as unknown as number);
}
