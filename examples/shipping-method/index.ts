// An example partner plugin, kept outside plugins/ and loaded through configuration
// (COHORT_PLUGINS=./examples/shipping-method/index.ts). It answers the product documents'
// "customers who placed at least 5 orders and who are delivered by SoColissimo".
import { defineCondition, definePlugin, describeWindow, inWindow, ordersFact, sql, timeWindowSchema, TimeWindowInput, windowSql, z } from 'cohort/plugin-sdk';

export const shippingMethodUsed = defineCondition({
  type: 'shippingMethodUsed',
  label: 'Had orders delivered by one of these shipping methods',
  params: z.object({
    methods: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one shipping method'),
    minOrders: z.number().int().min(1, 'must be at least 1').default(1),
    within: timeWindowSchema.nullish(),
  }),
  input: (t) => ({
    methods: t.stringList({ description: 'Shipping method names, case-insensitive (e.g. "SoColissimo").' }),
    minOrders: t.int({ required: false, description: 'How many such orders at least; defaults to 1.' }),
    within: t.field({ type: TimeWindowInput, required: false }),
  }),
  facts: [ordersFact],
  evaluate({ methods, minOrders, within }, { orders }, { now }) {
    const wanted = new Set(methods.map((method) => method.toLowerCase()));
    const matching = orders.filter(
      (order) => order.status === 'VALIDATED' && order.shippingMethod !== null && wanted.has(order.shippingMethod.toLowerCase()) && inWindow(order.placedAt, within, now),
    );
    return matching.length >= minOrders;
  },
  toSql({ methods, minOrders, within }, { customer, now }) {
    return sql`(
      SELECT count(*) FROM "Order" o
      WHERE o."customerId" = ${customer}.id AND o.status = 'VALIDATED' AND ${windowSql(sql`o."placedAt"`, within, now)}
        AND lower(o."shippingMethod") = ANY(${methods.map((method) => method.toLowerCase())}::text[])
    ) >= ${minOrders}`;
  },
  describe: ({ methods, minOrders, within }) => `had ${minOrders === 1 ? 'an order' : `at least ${minOrders} orders`} delivered by ${methods.join(' or ')} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'example-shipping-method', conditions: [shippingMethodUsed] });
