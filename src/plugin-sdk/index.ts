// Cohort's plugin SDK: the only module a condition plugin imports, built-in or partner.
export { defineCondition } from './condition.js';
export type { AnyCondition, CartLineSnapshot, CartSnapshot, ConditionDefinition, ConditionMeasure, EvaluationContext, MeasureContext, SqlContext } from './condition.js';
export { defineFact, defineSqlFact, jsonDate, jsonTimestamp } from './facts.js';
export type { FactDefinition, FactLoadContext, FactValues, ShopContext, SqlFactParts } from './facts.js';
export { defineInputType } from './graphql.js';
export type { ConditionInputFieldBuilder, CustomerFieldBuilder, CustomerFieldsOf, InputFieldsFor, InputFieldsOf } from './graphql.js';
export { definePlugin } from './plugin.js';
export type { CohortPlugin } from './plugin.js';
export { calendarDate, describeWindow, instantSchema, inWindow, zonedTime, timeWindowSchema, TimeWindowInput, windowBounds, windowSql } from './time.js';
export type { CalendarDate, TimeWindow, WindowBounds, ZonedTime } from './time.js';
export { CountRangeInput, countRangeSchema, customerAggregateSql, describeCount, describeMoney, inRange, lowestInRange, MoneyRangeInput, moneyRangeSchema, rangeCurrency, rangeSql } from './ranges.js';
export type { CountRange, MoneyRange } from './ranges.js';
export { describeProductTarget, keysByKind, matchesProduct, productKeysSql, productTargetKeys, productTargetSchema, ProductTargetInput, productTargetSql, sumForTarget } from './products.js';
export type { ProductTarget } from './products.js';
export { OrderStatusEnum as OrderStatusInput, orderStatusesSchema } from '../orders/order-status.js';
export { profileFact } from '../facts/profile.js';
export type { CustomerProfile } from '../facts/profile.js';
export { ordersFact } from '../facts/orders.js';
export type { OrderFact } from '../facts/orders.js';
export { cartsFact, viewsFact, wishlistFact } from '../facts/behaviour.js';
export type { CartFact, ProductRefFact, ViewFact, WishlistFact } from '../facts/behaviour.js';
export { DAY_MS } from '../shared/clock.js';
export { amountSchema, currencySchema, formatMoney } from '../shared/money.js';
export { MoneyInput } from '../schema/money.js';
/** Tagged template for SQL predicates; values are always bound as parameters. */
export { sql, join, raw, empty } from '../generated/prisma/internal/prismaNamespace.js';
export { z } from 'zod';
