// View count: how often the customer viewed a product, brand or category, optionally in a
// window ("viewed Trail Shoe X more than twice" = count { atLeast: 3 }). A customer who
// never viewed it has a count of 0, so "at most 2 views" includes them.
import {
  countRangeSchema,
  customerAggregateSql,
  defineCondition,
  defineCustomerField,
  definePlugin,
  describeCount,
  describeProductTarget,
  describeWindow,
  inRange,
  inWindow,
  matchesProduct,
  keysByKind,
  nextWindowChange,
  productKeysSql,
  productTargetKeys,
  productTargetSchema,
  productTargetSql,
  sql,
  sumForTarget,
  timeWindowSchema,
  viewsFact,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const viewCount = defineCondition({
  type: 'viewCount',
  changedOutsideTracking: "products' brands and categories",
  label: 'Number of product views',
  params: z.object({
    products: productTargetSchema,
    count: countRangeSchema.describe('Bounds on the number of views, e.g. { atLeast: 3 }.'),
    within: timeWindowSchema.nullish(),
  }),
  facts: [viewsFact],
  evaluate({ products, count, within }, { productViews }, { now }) {
    return inRange(productViews.filter((view) => matchesProduct(products, view) && inWindow(view.viewedAt, within, now)).length, count);
  },
  toSql({ products, count, within }, { customer, now }) {
    // Views of named SKUs are found through the (product_id, customer_id) index without a join on brand or category.
    const matching = products.skus
      ? sql`cohort_v1.product_views v WHERE v.product_id IN (SELECT id FROM cohort_v1.products WHERE sku = ANY(${products.skus}::text[])) AND ${windowSql(sql`v.viewed_at`, within, now)}`
      : sql`cohort_v1.product_views v JOIN cohort_v1.products p ON p.id = v.product_id WHERE ${productTargetSql(products, { sku: sql`p.sku`, brand: sql`p.brand`, category: sql`p.category` })} AND ${windowSql(sql`v.viewed_at`, within, now)}`;
    return customerAggregateSql({ customer, rows: matching, customerColumn: sql`v.customer_id`, aggregate: sql`count(*)`, range: count, emptyMeans: 'zero' });
  },
  // Views in the window of the products live conditions name, counted by SKU, brand and
  // category ("s:<sku>" keys…): every viewCount condition on the same window shares one read.
  // Named SKUs are found through the products' (product_id, customer_id) index, not by scanning
  // the customer's views.
  measure: {
    group: ({ within }) => JSON.stringify(within ?? null),
    keys: ({ products }) => productTargetKeys(products),
    sql: ({ within }, { customer, now }, keys) => {
      const { skus, brands, categories } = keysByKind(keys);
      const window = windowSql(sql`v.viewed_at`, within, now);
      return sql`(
        SELECT COALESCE(json_object_agg(key, views), '{}') FROM (
          SELECT key, count(*) AS views FROM (
            SELECT 's:' || p.sku AS key FROM cohort_v1.products p JOIN cohort_v1.product_views v ON v.product_id = p.id AND v.customer_id = ${customer}
            WHERE p.sku = ANY(${skus}::text[]) AND ${window}
            UNION ALL
            SELECT ${productKeysSql({ sku: sql`NULL`, brand: sql`p.brand`, category: sql`p.category` })} AS key FROM cohort_v1.product_views v JOIN cohort_v1.products p ON p.id = v.product_id
            WHERE v.customer_id = ${customer} AND ${brands.length + categories.length > 0 ? sql`TRUE` : sql`FALSE`} AND ${window}
              AND (lower(trim(p.brand)) = ANY(${brands}::text[]) OR lower(trim(p.category)) = ANY(${categories}::text[]))
          ) AS keyed WHERE key = ANY(${keys}::text[]) GROUP BY key
        ) AS counted
      )`;
    },
    holds: ({ products, count }, views) => inRange(sumForTarget(products, views), count),
  },
  changesAt: ({ products, within }, { productViews }, { now }) =>
    nextWindowChange(
      within,
      productViews.filter((view) => matchesProduct(products, view)).map((view) => view.viewedAt),
      now,
    ),
  describe: ({ products, count, within }) => `viewed ${describeProductTarget(products)} ${describeCount(count, 'time')} ${describeWindow(within)}`,
});

export default definePlugin({
  name: 'view-count',
  conditions: [viewCount],
  customerFields: {
    viewCount: defineCustomerField({
      description: 'How many times the customer viewed these products (in the window, if given).',
      args: z.object({ products: productTargetSchema, within: timeWindowSchema.nullish() }),
      type: 'Int',
      facts: [viewsFact],
      resolve: ({ products, within }, { productViews }, { now }) =>
        productViews.filter((view) => matchesProduct(products, view) && inWindow(view.viewedAt, within, now)).length,
    }),
  },
});
