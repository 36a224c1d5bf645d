// Money in the core: the SDK's rules (integer minor units with a currency, never a float), and
// the check that a total computed from input stays within them.
import { MAX_AMOUNT } from '@cohort/plugin-sdk';
import { InvalidInputError } from './errors.js';

export { amountSchema, currencySchema, formatMoney, MAX_AMOUNT, minorUnitDigits, moneySchema, type Money } from '@cohort/plugin-sdk';

/** Refuses a computed total over MAX_AMOUNT (a cart's subtotal, an order's total), naming the input field it comes from. */
export function checkTotal(total: number, what: string, path: string[]): void {
  if (total > MAX_AMOUNT) throw new InvalidInputError(`${what} comes to ${total} minor units, more than the largest amount handled (${MAX_AMOUNT})`, path);
}
