// Money in the API: integer minor units with an ISO 4217 currency, never a float.
import { formatMoney, type Money } from '../shared/money.js';
import type { SchemaParts } from './builder.js';

export function moneyTypes({ builder }: SchemaParts) {
  const MoneyRef = builder.objectRef<Money>('Money').implement({
    description: 'An amount of money in minor units (cents for USD, yen for JPY) and its currency.',
    fields: (t) => ({
      amount: t.exposeInt('amount', { description: 'Minor units: 1999 means 19.99 in a two-decimal currency.' }),
      currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. "USD".' }),
      formatted: t.string({ description: 'For display, e.g. "$19.99".', resolve: (money) => formatMoney(money) }),
    }),
  });
  return { MoneyRef };
}

export type MoneyRefs = ReturnType<typeof moneyTypes>;
