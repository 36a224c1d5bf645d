// Products, brands or categories ordered ("bought a product in category shoes in the last
// 90 days", "bought TB-01 at least twice"). Quantities add up across matching lines of
// counted orders; brand and category are those of the line when the order was placed.
import { defineCondition, definePlugin, describeProductTarget, describeWindow, inWindow, matchesProduct, OrderStatusInput, orderStatusesSchema, ordersFact, productTargetSchema, ProductTargetInput, productTargetSql, sql, timeWindowSchema, TimeWindowInput, windowSql, z } from 'cohort/plugin-sdk';

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
  describe: ({ products, within, minQuantity }) => `bought ${minQuantity > 1 ? `${minQuantity} units of ` : ''}${describeProductTarget(products)} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'products-ordered', conditions: [productsOrdered] });
