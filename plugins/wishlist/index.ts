// Wishlist: the customer has a product, brand or category on their wishlist, optionally added in a window.
import { defineCondition, definePlugin, describeProductTarget, describeWindow, inWindow, matchesProduct, productTargetSchema, ProductTargetInput, productTargetSql, sql, timeWindowSchema, TimeWindowInput, windowSql, wishlistFact, z } from 'cohort/plugin-sdk';

export const inWishlist = defineCondition({
  type: 'inWishlist',
  label: 'Has products in their wishlist',
  params: z.object({ products: productTargetSchema, addedWithin: timeWindowSchema.nullish() }),
  input: (t) => ({
    products: t.field({ type: ProductTargetInput }),
    addedWithin: t.field({ type: TimeWindowInput, required: false }),
  }),
  facts: [wishlistFact],
  evaluate({ products, addedWithin }, { wishlist }, { now }) {
    return wishlist.some((item) => matchesProduct(products, item) && inWindow(item.addedAt, addedWithin, now));
  },
  toSql({ products, addedWithin }, { customer, now }) {
    return sql`EXISTS (
      SELECT 1 FROM "WishlistItem" w JOIN "Product" p ON p.id = w."productId"
      WHERE w."customerId" = ${customer}.id AND ${productTargetSql(products, { sku: sql`p.sku`, brand: sql`p.brand`, category: sql`p.category` })} AND ${windowSql(sql`w."addedAt"`, addedWithin, now)}
    )`;
  },
  describe: ({ products, addedWithin }) => `has ${describeProductTarget(products)} in their wishlist${addedWithin ? ` (added ${describeWindow(addedWithin)})` : ''}`,
});

export default definePlugin({ name: 'wishlist', conditions: [inWishlist] });
