// The schema's composition root: every domain's schema parts, with the condition inputs,
// customer fields and effects of the server's plugins, on a builder of the server's own. Each
// part declares its types as module-level refs and refers to others' by theirs, so the parts
// run in any order (test/schema-parts.test.ts builds them shuffled).
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { registerApiKeyTypes } from '../access/api-key.graphql.js';
import { registerSessionTypes } from '../access/session.graphql.js';
import { registerCartTypes } from '../activity/cart.graphql.js';
import { registerProductViewTypes } from '../activity/product-view.graphql.js';
import { registerWishlistTypes } from '../activity/wishlist.graphql.js';
import { registerLifecycleAnalyticsTypes } from '../analytics/lifecycle.graphql.js';
import { registerProductTypes } from '../catalog/product.graphql.js';
import { registerCustomerMutations, registerCustomerRefInput, registerCustomerTypes } from '../customers/customer.graphql.js';
import { registerEligibilityInputs, registerEligibilityTypes, registerEligiblePromotionsQuery } from '../checkout/eligible-promotions.graphql.js';
import { registerExplainTypes } from '../checkout/explain.graphql.js';
import { registerRedemptionTypes } from '../checkout/redemption.graphql.js';
import { registerVoucherTypes } from '../checkout/voucher.graphql.js';
import { registerCustomerAttributeTypes } from '../customers/attributes.graphql.js';
import { registerEventTypes } from '../events/event.graphql.js';
import { registerExperimentTypes } from '../experiments/experiment.graphql.js';
import { registerImportJobTypes } from '../import/import-job.graphql.js';
import { registerOrderTypes } from '../orders/order.graphql.js';
import { registerAuditLogTypes } from '../privacy/audit-log.graphql.js';
import { registerPrivacyTypes } from '../privacy/privacy.graphql.js';
import { registerPeriodicLimitTypes } from '../promotions/periodic-limit.graphql.js';
import { registerPromotionEffectTypes } from '../promotions/promotion-effect.graphql.js';
import { registerPromotionReportTypes } from '../promotions/promotion-report.graphql.js';
import { registerPromotionScheduleTypes } from '../promotions/promotion-schedule.graphql.js';
import { registerVoucherCodeTypes } from '../promotions/voucher-code.graphql.js';
import { registerPromotionMutations, registerPromotionQueries, registerPromotionType } from '../promotions/promotion.graphql.js';
import type { PluginRegistry } from '../registry/registry.js';
import { registerRetentionTypes } from '../retention/retention.graphql.js';
import { registerRfmTypes } from '../rfm/rfm.graphql.js';
import { createBuilder, type SchemaPart } from '../schema/builder.js';
import { registerErrorTypes } from '../schema/errors.js';
import { registerNodeTypes } from '../schema/global-ids.js';
import { registerMoneyTypes } from '../schema/money.js';
import { PluginTypes } from '../schema/plugin-types.js';
import { registerScalarTypes } from '../schema/scalars.js';
import { registerSegmentHistoryTypes } from '../segments/history.graphql.js';
import { registerCustomerPluginFields } from '../segments/plugin-fields.graphql.js';
import { registerRuleInputs } from '../segments/rule-input.graphql.js';
import { registerSegmentQueryTypes } from '../segments/segment-query.graphql.js';
import { registerSegmentTemplateTypes } from '../segments/segment-template.graphql.js';
import { registerSegmentMutations, registerSegmentQueries, registerSegmentType } from '../segments/segment.graphql.js';
import { registerShopSettingsTypes } from '../settings/shop-settings.graphql.js';
import { registerRedeliverWebhook, registerWebhookTypes, webhookEndpointMutations, type WebhookSchemaOptions } from '../webhooks/webhook-endpoint.graphql.js';

export interface SchemaOptions {
  /** Where webhook endpoints may lead, and the key of their secrets. */
  webhooks: WebhookSchemaOptions;
  /** NODE_ENV=production: no development warnings. */
  production?: boolean;
}

/** Every part of the schema, in no particular order. */
export function schemaParts(options: SchemaOptions): SchemaPart[] {
  return [
    registerScalarTypes,
    registerErrorTypes,
    registerMoneyTypes,
    registerApiKeyTypes,
    registerSessionTypes,
    registerShopSettingsTypes,
    registerCustomerTypes,
    registerCustomerRefInput,
    registerCustomerMutations,
    registerCustomerAttributeTypes,
    registerEventTypes,
    registerImportJobTypes,
    registerCustomerPluginFields,
    registerPrivacyTypes,
    registerAuditLogTypes,
    registerProductTypes,
    registerOrderTypes,
    registerProductViewTypes,
    registerCartTypes,
    registerWishlistTypes,
    registerRuleInputs,
    registerSegmentType,
    registerSegmentQueries,
    registerSegmentMutations,
    registerSegmentTemplateTypes,
    registerSegmentQueryTypes,
    registerSegmentHistoryTypes,
    registerRfmTypes,
    registerRetentionTypes,
    registerLifecycleAnalyticsTypes,
    registerWebhookTypes,
    webhookEndpointMutations(options.webhooks),
    registerRedeliverWebhook,
    registerPromotionEffectTypes,
    registerPeriodicLimitTypes,
    registerPromotionScheduleTypes,
    registerPromotionType,
    registerPromotionQueries,
    registerPromotionMutations,
    registerPromotionReportTypes,
    registerExperimentTypes,
    registerEligibilityTypes,
    registerEligibilityInputs,
    registerEligiblePromotionsQuery,
    registerExplainTypes,
    registerRedemptionTypes,
    registerVoucherTypes,
    registerVoucherCodeTypes,
  ];
}

/** `parts`: the parts to build from, all of them by default (a test gives them shuffled). */
export function buildSchema(registry: PluginRegistry, options: SchemaOptions, parts: SchemaPart[] = schemaParts(options)): GraphQLSchema {
  const builder = createBuilder({ warnUnusedQueries: !options.production });
  builder.queryType({});
  // Every mutation changes something: a read-only (ANALYST) key may run none of them. Signing in and out skip it (access/session.graphql.ts).
  builder.mutationType({ authScopes: { changes: true } });
  builder.subscriptionType({});
  const schemaParts = { builder, registry, pluginTypes: new PluginTypes(builder, registry) };
  for (const register of parts) register(schemaParts);
  const schema = builder.toSchema();
  registerNodeTypes(schema);
  return schema;
}

/** A schema as committed in schema.graphql: sorted, so diffs stay readable. */
export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
