// View count: how often the customer viewed a product, brand or category, optionally in a
// window ("viewed Trail Shoe X more than twice" = count { atLeast: 3 }). A customer who
// never viewed it has a count of 0, so "at most 2 views" includes them.
import { CountRangeInput, countRangeSchema, customerAggregateSql, defineCondition, definePlugin, describeCount, describeProductTarget, describeWindow, inRange, inWindow, matchesProduct, keysByKind, productKeysSql, productTargetKeys, productTargetSchema, ProductTargetInput, productTargetSql, sql, sumForTarget, timeWindowSchema, TimeWindowInput, viewsFact, windowSql, z } from 'cohort/plugin-sdk';

export const viewCount = defineCondition({
  type: 'viewCount',
  label: 'Number of product views',
  params: z.object({ products: productTargetSchema, count: countRangeSchema, within: timeWindowSchema.nullish() }),
  input: (t) => ({
    products: t.field({ type: ProductTargetInput }),
    count: t.field({ type: CountRangeInput, description: 'Bounds on the number of views, e.g. { atLeast: 3 }.' }),
    within: t.field({ type: TimeWindowInput, required: false }),
  }),
  facts: [viewsFact],
  evaluate({ products, count, within }, { productViews }, { now }) {
    return inRange(productViews.filter((view) => matchesProduct(products, view) && inWindow(view.viewedAt, within, now)).length, count);
  },
  toSql({ products, count, within }, { customer, now }) {
    // Views of named SKUs are found through the (productId, customerId) index without a join on brand or category.
    const matching = products.skus
      ? sql`"ProductView" v WHERE v."productId" IN (SELECT id FROM "Product" WHERE sku = ANY(${products.skus}::text[])) AND ${windowSql(sql`v."viewedAt"`, within, now)}`
      : sql`"ProductView" v JOIN "Product" p ON p.id = v."productId" WHERE ${productTargetSql(products, { sku: sql`p.sku`, brand: sql`p.brand`, category: sql`p.category` })} AND ${windowSql(sql`v."viewedAt"`, within, now)}`;
    return customerAggregateSql({ customer, rows: matching, customerColumn: sql`v."customerId"`, aggregate: sql`count(*)`, range: count, emptyMeans: 'zero' });
  },
  // Views in the window of the products live conditions name, counted by SKU, brand and
  // category ("s:<sku>" keys…): every viewCount condition on the same window shares one read.
  // Named SKUs are found through the products' (productId, customerId) index, not by scanning
  // the customer's views.
  measure: {
    group: ({ within }) => JSON.stringify(within ?? null),
    keys: ({ products }) => productTargetKeys(products),
    sql: ({ within }, { customer, now }, keys) => {
      const { skus, brands, categories } = keysByKind(keys);
      const window = windowSql(sql`v."viewedAt"`, within, now);
      return sql`(
        SELECT COALESCE(json_object_agg(key, views), '{}') FROM (
          SELECT key, count(*) AS views FROM (
            SELECT 's:' || p.sku AS key FROM "Product" p JOIN "ProductView" v ON v."productId" = p.id AND v."customerId" = ${customer}
            WHERE p.sku = ANY(${skus}::text[]) AND ${window}
            UNION ALL
            SELECT ${productKeysSql({ sku: sql`NULL`, brand: sql`p.brand`, category: sql`p.category` })} AS key FROM "ProductView" v JOIN "Product" p ON p.id = v."productId"
            WHERE v."customerId" = ${customer} AND ${brands.length + categories.length > 0 ? sql`TRUE` : sql`FALSE`} AND ${window}
              AND (lower(trim(p.brand)) = ANY(${brands}::text[]) OR lower(trim(p.category)) = ANY(${categories}::text[]))
          ) AS keyed WHERE key = ANY(${keys}::text[]) GROUP BY key
        ) AS counted
      )`;
    },
    holds: ({ products, count }, views) => inRange(sumForTarget(products, views), count),
  },
  describe: ({ products, count, within }) => `viewed ${describeProductTarget(products)} ${describeCount(count, 'time')} ${describeWindow(within)}`,
});

export default definePlugin({
  name: 'view-count',
  conditions: [viewCount],
  customerFields: (t) => ({
    viewCount: t.int({
      description: 'How many times the customer viewed these products (in the window, if given).',
      args: { products: t.arg({ type: ProductTargetInput, validate: productTargetSchema }), within: t.arg({ type: TimeWindowInput, required: false, validate: timeWindowSchema.nullish() }) },
      resolve: async (customer, { products, within }, context) =>
        (await context.loadFact(viewsFact, customer.id)).filter((view) => matchesProduct(products, view) && inWindow(view.viewedAt, within, context.clock.now())).length,
    }),
  }),
});
