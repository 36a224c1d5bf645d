// Gathers every type file and builds the executable schema.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import { registerNodeTypes } from './global-ids.js';
import './scalars.js';
import './errors.js';
import './money.js';
import '../access/api-key.js';
import '../customers/customer.js';
import '../catalog/product.js';
import '../orders/order.js';
import '../activity/product-view.js';
import '../activity/cart.js';
import '../activity/wishlist.js';
import '../settings/shop-settings.js';
import '../segments/segment.js';
import '../segments/plugin-fields.js';
import '../promotions/promotion.js';
import '../eligibility/eligible-promotions.js';
import '../eligibility/explain.js';
import '../promotions/redemption.js';
import '../promotions/voucher.js';

builder.queryType({});
builder.mutationType({});

export const schema = builder.toSchema();
registerNodeTypes(schema);

/** The schema as committed in schema.graphql: sorted, so diffs stay readable. */
export function printSchemaSDL(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
