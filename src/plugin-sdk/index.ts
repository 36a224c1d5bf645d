// Cohort's plugin SDK: the only module a condition plugin imports, built-in or partner.
export { defineCondition } from './condition.js';
export type { AnyCondition, CartLineSnapshot, CartSnapshot, ConditionDefinition, EvaluationContext, SqlContext } from './condition.js';
export { defineFact } from './facts.js';
export type { FactDefinition, FactLoadContext, FactValues, ShopContext } from './facts.js';
export type { ConditionInputFieldBuilder, InputFieldsOf } from './graphql.js';
export { definePlugin } from './plugin.js';
export type { CohortPlugin } from './plugin.js';
export { describeWindow, inWindow, timeWindowSchema, TimeWindowInput, windowBounds, windowSql } from './time.js';
export type { TimeWindow, WindowBounds } from './time.js';
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
