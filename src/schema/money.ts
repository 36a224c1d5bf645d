// Money in the API: integer minor units with an ISO 4217 currency, never a float.
import { GraphQLSafeInt } from 'graphql-scalars';
import { formatMoney, type Money } from '../shared/money.js';
import { ObjectRef } from '@pothos/core';
import { implement, type BuilderTypes, type SchemaParts } from './builder.js';

export const MoneyRef = new ObjectRef<BuilderTypes, Money>('Money');
export const MoneyTotalRef = new ObjectRef<BuilderTypes, Money>('MoneyTotal');

export function registerMoneyTypes({ builder }: SchemaParts) {
  implement(
    builder,
    MoneyRef,
    builder.objectRef<Money>('Money').implement({
      description: 'An amount of money in minor units (cents for USD, yen for JPY) and its currency.',
      fields: (t) => ({
        amount: t.exposeInt('amount', { description: 'Minor units: 1999 means 19.99 in a two-decimal currency.' }),
        currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. "USD".' }),
        formatted: t.string({ description: 'For display, e.g. "$19.99".', resolve: (money) => formatMoney(money) }),
      }),
    }),
  );
  // Totals over many orders pass what GraphQL's Int holds (2^31 - 1 minor units: $21,474,836.47).
  // SafeInt (graphql-scalars, rather than a scalar of our own) is a JSON number up to 2^53 - 1.
  builder.addScalarType('SafeInt', GraphQLSafeInt);
  implement(
    builder,
    MoneyTotalRef,
    builder.objectRef<Money>('MoneyTotal').implement({
      description: 'A total of money (revenue, discounts given over many orders) in minor units and its currency: Money with room for large sums.',
      fields: (t) => ({
        amount: t.field({
          type: 'SafeInt',
          description: 'Minor units, up to 2^53 - 1: 1999 means 19.99 in a two-decimal currency.',
          resolve: (money) => money.amount,
        }),
        currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. "USD".' }),
        formatted: t.string({ description: 'For display, e.g. "$1,234,567.89".', resolve: (money) => formatMoney(money) }),
      }),
    }),
  );
}
