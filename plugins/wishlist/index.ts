// Wishlist: the customer has a product, brand or category on their wishlist, optionally added in a window.
import {
  defineCondition,
  definePlugin,
  describeProductTarget,
  describeWindow,
  inWindow,
  matchesProduct,
  nextWindowChange,
  productTargetSchema,
  productTargetSql,
  sql,
  timeWindowSchema,
  windowSql,
  wishlistFact,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const inWishlist = defineCondition({
  type: 'inWishlist',
  changedOutsideTracking: "products' brands and categories",
  label: 'Has products in their wishlist',
  params: z.object({ products: productTargetSchema, addedWithin: timeWindowSchema.nullish() }),
  facts: [wishlistFact],
  evaluate({ products, addedWithin }, { wishlist }, { now }) {
    return wishlist.some((item) => matchesProduct(products, item) && inWindow(item.addedAt, addedWithin, now));
  },
  toSql({ products, addedWithin }, { customer, now }) {
    return sql`EXISTS (
      SELECT 1 FROM cohort_v1.wishlist_items w JOIN cohort_v1.products p ON p.id = w.product_id
      WHERE w.customer_id = ${customer}.id AND ${productTargetSql(products, { sku: sql`p.sku`, brand: sql`p.brand`, category: sql`p.category` })} AND ${windowSql(sql`w.added_at`, addedWithin, now)}
    )`;
  },
  changesAt: ({ products, addedWithin }, { wishlist }, { now }) =>
    nextWindowChange(
      addedWithin,
      wishlist.filter((item) => matchesProduct(products, item)).map((item) => item.addedAt),
      now,
    ),
  describe: ({ products, addedWithin }) =>
    `has ${describeProductTarget(products)} in their wishlist${addedWithin ? ` (added ${describeWindow(addedWithin)})` : ''}`,
});

export default definePlugin({ name: 'wishlist', conditions: [inWishlist] });
