// Money in the API: integer minor units with an ISO 4217 currency, never a float.
import { formatMoney, moneySchema, type Money } from '../shared/money.js';
import { builder } from './builder.js';
import { derivedInputs } from './zod-inputs.js';

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An amount of money in minor units (cents for USD, yen for JPY) and its currency.',
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: 'Minor units: 1999 means 19.99 in a two-decimal currency.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. "USD".' }),
    formatted: t.string({ description: 'For display, e.g. "$19.99".', resolve: (money) => formatMoney(money) }),
  }),
});

/** MoneyInput is the SDK's money schema, derived as plugins' parameters are. */
export const MoneyInput = derivedInputs.objectType(moneySchema, 'MoneyInput', 'MoneyInput');
