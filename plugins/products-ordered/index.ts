// Products, brands or categories ordered ("bought a product in category shoes in the last
// 90 days", "bought TB-01 at least twice"). Quantities add up across matching lines of
// counted orders; brand and category are those of the line when the order was placed.
import { defineCondition, definePlugin, describeProductTarget, describeWindow, inWindow, matchesProduct, OrderStatusInput, orderStatusesSchema, ordersFact, keysByKind, productKeysSql, productTargetKeys, productTargetSchema, ProductTargetInput, productTargetSql, sql, sumForTarget, timeWindowSchema, TimeWindowInput, windowSql, z } from 'cohort/plugin-sdk';

export const productsOrdered = defineCondition({
  type: 'productsOrdered',
  label: 'Ordered products, brands or categories',
  params: z.object({
    products: productTargetSchema,
    within: timeWindowSchema.nullish(),
    minQuantity: z.preprocess((value) => value ?? undefined, z.number().int().min(1, 'must be at least 1').default(1)),
    statuses: orderStatusesSchema,
  }),
  input: (t) => ({
    products: t.field({ type: ProductTargetInput }),
    within: t.field({ type: TimeWindowInput, required: false }),
    minQuantity: t.int({ required: false, description: 'Units bought in all, at least; defaults to 1.' }),
    statuses: t.field({ type: [OrderStatusInput], required: false, description: 'Which orders count; defaults to VALIDATED.' }),
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
      SELECT o."customerId" FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id JOIN "Product" p ON p.id = l."productId"
      WHERE o.status = ANY(CAST(${statuses}::text[] AS "OrderStatus"[])) AND ${windowSql(sql`o."placedAt"`, within, now)}
        AND ${productTargetSql(products, { sku: sql`p.sku`, brand: sql`l.brand`, category: sql`l.category` })}
      GROUP BY o."customerId" HAVING sum(l.quantity) >= ${minQuantity}
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
            SELECT l.quantity, ${productKeysSql({ sku: sql`(SELECT p.sku FROM "Product" p WHERE p.id = l."productId")`, brand: sql`l.brand`, category: sql`l.category` })} AS key
            FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id
            WHERE o."customerId" = ${customer} AND o.status = ANY(CAST(${statuses}::text[] AS "OrderStatus"[])) AND ${windowSql(sql`o."placedAt"`, within, now)}
              AND (l."productId" = ANY(ARRAY(SELECT id FROM "Product" WHERE sku = ANY(${skus}::text[]))) OR lower(trim(l.brand)) = ANY(${brands}::text[]) OR lower(trim(l.category)) = ANY(${categories}::text[]))
          ) AS keyed WHERE key = ANY(${keys}::text[]) GROUP BY key
        ) AS totals
      )`;
    },
    holds: ({ products, minQuantity }, quantities) => sumForTarget(products, quantities) >= minQuantity,
  },
  describe: ({ products, within, minQuantity }) => `bought ${minQuantity > 1 ? `${minQuantity} units of ` : ''}${describeProductTarget(products)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'products-ordered', conditions: [productsOrdered] });
