// Products, brands or categories ordered ("bought a product in category shoes in the last
// 90 days", "bought TB-01 at least twice"). Quantities add up across matching lines of
// counted orders; brand and category are those of the line when the order was placed.
import {
  defineCondition,
  definePlugin,
  describeProductTarget,
  describeWindow,
  inWindow,
  keysByKind,
  matchesProduct,
  nextWindowChange,
  ordersFact,
  orderStatusesSchema,
  productKeysSql,
  productTargetKeys,
  productTargetSchema,
  productTargetSql,
  sql,
  sumForTarget,
  timeWindowSchema,
  windowSql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const productsOrdered = defineCondition({
  type: 'productsOrdered',
  label: 'Ordered products, brands or categories',
  params: z.object({
    products: productTargetSchema,
    within: timeWindowSchema.nullish(),
    minQuantity: z
      .preprocess((value) => value ?? undefined, z.number().int().min(1, 'must be at least 1').default(1))
      .describe('Units bought in all, at least; defaults to 1.'),
    statuses: orderStatusesSchema,
  }),
  facts: [ordersFact],
  evaluate({ products, within, minQuantity, statuses }, { orders }, { now }) {
    let quantity = 0;
    for (const order of orders) {
      if (!statuses.includes(order.status) || !inWindow(order.placedAt, within, now)) continue;
      for (const line of order.lines) if (matchesProduct(products, line)) quantity += line.quantity;
    }
    return quantity >= minQuantity;
  },
  toSql({ products, within, minQuantity, statuses }, { customer, now }) {
    return sql`${customer}.id IN (
      SELECT o.customer_id FROM cohort_v1.orders o JOIN cohort_v1.order_lines l ON l.order_id = o.id JOIN cohort_v1.products p ON p.id = l.product_id
      WHERE o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)}
        AND ${productTargetSql(products, { sku: sql`p.sku`, brand: sql`l.brand`, category: sql`l.category` })}
      GROUP BY o.customer_id HAVING sum(l.quantity) >= ${minQuantity}
    )`;
  },
  // Quantities bought in the window of the products live conditions name, by SKU, brand and
  // category ("s:<sku>" keys…): conditions on the same window and statuses share one read.
  measure: {
    group: ({ within, statuses }) => JSON.stringify([within ?? null, statuses]),
    keys: ({ products }) => productTargetKeys(products),
    sql: ({ within, statuses }, { customer, now }, keys) => {
      const { skus, brands, categories } = keysByKind(keys);
      return sql`(
        SELECT COALESCE(json_object_agg(key, quantity), '{}') FROM (
          SELECT key, sum(quantity) AS quantity FROM (
            SELECT l.quantity, ${productKeysSql({ sku: sql`(SELECT p.sku FROM cohort_v1.products p WHERE p.id = l.product_id)`, brand: sql`l.brand`, category: sql`l.category` })} AS key
            FROM cohort_v1.orders o JOIN cohort_v1.order_lines l ON l.order_id = o.id
            WHERE o.customer_id = ${customer} AND o.status = ANY(${statuses}::text[]) AND ${windowSql(sql`o.placed_at`, within, now)}
              AND (l.product_id = ANY(ARRAY(SELECT id FROM cohort_v1.products WHERE sku = ANY(${skus}::text[]))) OR lower(trim(l.brand)) = ANY(${brands}::text[]) OR lower(trim(l.category)) = ANY(${categories}::text[]))
          ) AS keyed WHERE key = ANY(${keys}::text[]) GROUP BY key
        ) AS totals
      )`;
    },
    holds: ({ products, minQuantity }, quantities) => sumForTarget(products, quantities) >= minQuantity,
  },
  // Orders of the products enter the window when they are placed (those dated after now too) and leave a rolling one.
  changesAt: ({ products, within, statuses }, { orders }, { now }) =>
    nextWindowChange(
      within,
      orders.filter((order) => statuses.includes(order.status) && order.lines.some((line) => matchesProduct(products, line))).map((order) => order.placedAt),
      now,
    ),
  describe: ({ products, within, minQuantity }) =>
    `bought ${minQuantity > 1 ? `${minQuantity} units of ` : ''}${describeProductTarget(products)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'products-ordered', conditions: [productsOrdered] });
