// Cohort's plugin SDK: the only module a plugin imports, built-in or partner. It imports
// nothing of Cohort's core and does nothing when imported: it describes conditions, effects,
// facts and their parameters, and Cohort registers what it describes.
export { defineCondition, parameterNames, parseConditionParams } from './condition.js';
export type {
  AnyCondition,
  CartLineSnapshot,
  CartSnapshot,
  ConditionDefinition,
  ConditionMeasure,
  EvaluationContext,
  MeasureContext,
  SqlContext,
} from './condition.js';
export { defineCustomerField } from './customer-fields.js';
export type { AnyCustomerField, CustomerFieldDefinition, CustomerFieldType } from './customer-fields.js';
export { defineEffect, parseEffectParams } from './effect.js';
export type { AnyEffect, EffectCart, EffectDefinition, EffectMessage, Off, StoredEffect } from './effect.js';
export { allocate, EffectPricing, initialState } from './pricing.js';
export type { AppliedEffect, GivenEffect, PricedEffect, PricingState } from './pricing.js';
export { outputField, productTargetOutput } from './outputs.js';
export type { OutputEffectUnion, OutputEnum, OutputField, OutputObject, OutputType } from './outputs.js';
export { defineFact, defineSqlFact, jsonDate, jsonTimestamp, valueParsers } from './facts.js';
export type { FactDefinition, FactLoadContext, FactValues, Query, ShopContext, SqlFactParts, Statement } from './facts.js';
export type { ConditionParams, ConditionTypes, RuleCondition, RuleTree } from './global-types.js';
export { graphqlMeta, graphqlScalar, graphqlType } from './graphql.js';
export { shopValues, shopValuesOf } from './suggestions.js';
export type { ShopValueKind } from './suggestions.js';
export type { GraphQLTypeMeta } from './graphql.js';
export { definePlugin, isCohortPlugin } from './plugin.js';
export type { CohortPlugin } from './plugin.js';
export {
  calendarDate,
  DAY_MS,
  describeWindow,
  happenedBy,
  happenedBySql,
  instantSchema,
  inWindow,
  isStorableInstant,
  nextWindowChange,
  startOfDay,
  timeWindowSchema,
  windowBounds,
  windowSql,
  zonedTime,
} from './time.js';
export type { CalendarDate, TimeWindow, WindowBounds, ZonedTime } from './time.js';
export {
  countRangeSchema,
  customerAggregateSql,
  describeCount,
  describeMoney,
  inRange,
  lowestInRange,
  moneyRangeSchema,
  rangeCurrency,
  rangeSql,
} from './ranges.js';
export type { CountRange, MoneyRange } from './ranges.js';
export {
  describeProductTarget,
  keysByKind,
  matchesProduct,
  productKeysSql,
  productTargetKeys,
  productTargetSchema,
  productTargetSql,
  sumForTarget,
} from './products.js';
export type { ProductTarget } from './products.js';
export { amountSchema, currencySchema, formatMoney, MAX_AMOUNT, minorUnitDigits, moneySchema, percentOf, percentSchema } from './money.js';
export type { Money } from './money.js';
export { ORDER_STATUSES, orderStatusesSchema, orderStatusSchema, ordersFact } from './orders.js';
export type { OrderFact, OrderStatus } from './orders.js';
export { profileFact } from './profile.js';
export type { AddressFact, CustomerProfile } from './profile.js';
export { cartsFact, viewsFact, wishlistFact } from './behaviour.js';
export type { CartFact, CartStatus, ProductRefFact, ViewFact, WishlistFact } from './behaviour.js';
export {
  describeEventFilters,
  eventMatchSql,
  eventPropertyFilterSchema,
  eventPropertyFiltersSchema,
  eventPropertyNameSchema,
  eventsFact,
  eventTypeNameSchema,
  matchesEvent,
} from './events.js';
export type { EventFact, EventPropertyFilter, EventPropertyValue } from './events.js';
export { empty, isSql, join, raw, Sql, sql } from './sql.js';
// Lifecycle: RFM and retention, shared by the built-in conditions and Cohort's lifecycle analytics.
export { PROSPECTS, rfmChangesAt, rfmCountedOrdersSql, rfmFromMeasure, rfmMeasureSql, rfmOf, rfmScoredSql, rfmThresholdsFact } from './lifecycle/rfm.js';
export type { Rfm, RfmScores, RfmThresholds, RfmValues } from './lifecycle/rfm.js';
export {
  OWN_GAP_FROM_ORDERS,
  RETENTION_STAGES,
  retentionBaselineFact,
  retentionChangesAt,
  retentionOf,
  retentionStageMeasureSql,
  retentionStageSchema,
  stagedAtInstantsSql,
  stagedCustomersSql,
} from './lifecycle/retention.js';
export type { Retention, RetentionBaseline, RetentionGapSource, RetentionStage } from './lifecycle/retention.js';
export { z } from 'zod';
