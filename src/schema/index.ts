// Builds a server's executable schema: a builder of its own, every type file's types declared
// on it in order (each takes the types it refers to from those before it), with the
// condition inputs, customer fields and effects of the server's plugins.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { apiKeyTypes } from '../access/api-key.js';
import { sessionTypes } from '../access/session.js';
import { cartTypes } from '../activity/cart.js';
import { productViewTypes } from '../activity/product-view.js';
import { wishlistTypes } from '../activity/wishlist.js';
import { productTypes } from '../catalog/product.js';
import { customerTypes } from '../customers/customer.js';
import { privacyTypes } from '../privacy/privacy.js';
import { auditLogTypes } from '../privacy/audit-log.js';
import { importJobTypes } from '../import/import-job.graphql.js';
import { eligibilityTypes } from '../eligibility/eligible-promotions.js';
import { explainTypes } from '../eligibility/explain.js';
import { orderTypes } from '../orders/order.js';
import { promotionTypes } from '../promotions/promotion.js';
import { periodicLimitTypes } from '../promotions/periodic-limit.js';
import { promotionEffectTypes } from '../promotions/promotion-effect.js';
import { promotionReportTypes } from '../promotions/promotion-report.js';
import { promotionScheduleTypes } from '../promotions/promotion-schedule.js';
import { redemptionTypes } from '../promotions/redemption.js';
import { voucherTypes } from '../promotions/voucher.js';
import type { PluginRegistry } from '../registry/registry.js';
import { customerPluginFields } from '../segments/plugin-fields.js';
import { ruleInputTypes } from '../segments/rule-input.js';
import { segmentTypes } from '../segments/segment.js';
import { segmentTemplateTypes } from '../segments/segment-template.js';
import { segmentQueryTypes } from '../segments/segment-query.js';
import { rfmTypes } from '../rfm/rfm.js';
import { retentionTypes } from '../retention/retention.js';
import { segmentHistoryTypes } from '../segments/history.js';
import { lifecycleAnalyticsTypes } from '../analytics/lifecycle-types.js';
import { shopSettingsTypes } from '../settings/shop-settings.js';
import { webhookTypes, type WebhookSchemaOptions } from '../webhooks/webhook-endpoint.js';
import { createBuilder, type SchemaParts } from './builder.js';
import { errorTypes } from './errors.js';
import { registerNodeTypes } from './global-ids.js';
import { moneyTypes } from './money.js';
import { PluginTypes } from './plugin-types.js';
import { scalarTypes } from './scalars.js';

export interface SchemaOptions {
  /** Where webhook endpoints may lead, and the key of their secrets. */
  webhooks: WebhookSchemaOptions;
  /** NODE_ENV=production: no development warnings. */
  production?: boolean;
}

export function buildSchema(registry: PluginRegistry, options: SchemaOptions): GraphQLSchema {
  const builder = createBuilder({ warnUnusedQueries: !options.production });
  const base = { builder, registry };
  scalarTypes(base as SchemaParts);
  errorTypes(base as SchemaParts);
  const money = moneyTypes(base as SchemaParts);
  const parts: SchemaParts = { ...base, pluginTypes: new PluginTypes(builder, registry, money.MoneyRef) };
  sessionTypes(parts, apiKeyTypes(parts));
  shopSettingsTypes(parts);
  const customers = customerTypes(parts);
  privacyTypes(parts, customers);
  auditLogTypes(parts);
  importJobTypes(parts);
  productTypes(parts, money);
  orderTypes(parts, { ...customers, ...money });
  productViewTypes(parts, customers);
  cartTypes(parts, { ...customers, ...money });
  wishlistTypes(parts, customers);
  const ruleInputs = ruleInputTypes(parts);
  const segments = segmentTypes(parts, { ...customers, ...ruleInputs });
  segmentTemplateTypes(parts, segments);
  segmentQueryTypes(parts);
  segmentHistoryTypes(parts, { ...customers, ...segments });
  rfmTypes(parts, money);
  retentionTypes(parts);
  customerPluginFields(parts, customers);
  lifecycleAnalyticsTypes(parts, money);
  webhookTypes(parts, options.webhooks);
  const effects = promotionEffectTypes(parts);
  const limits = periodicLimitTypes(parts);
  const promotions = promotionTypes(parts, { ...money, ...segments, ...ruleInputs, ...effects, ...limits, ...promotionScheduleTypes(parts) });
  promotionReportTypes(parts, { ...money, ...promotions });
  const eligibility = eligibilityTypes(parts, { ...money, ...customers, ...effects, ...promotions });
  explainTypes(parts, { ...promotions, ...eligibility });
  redemptionTypes(parts, { ...customers, ...eligibility, ...money });
  voucherTypes(parts, { ...customers, ...eligibility, ...promotions, ...limits });
  builder.queryType({});
  // Every mutation changes something: a read-only (ANALYST) key may run none of them. Signing in and out skip it (access/session.ts).
  builder.mutationType({ authScopes: { changes: true } });
  builder.subscriptionType({});
  const schema = builder.toSchema();
  registerNodeTypes(schema);
  return schema;
}

/** A schema as committed in schema.graphql: sorted, so diffs stay readable. */
export function printSchemaSDL(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
