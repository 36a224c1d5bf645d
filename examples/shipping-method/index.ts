// An example partner plugin, kept outside plugins/ and loaded through configuration
// (COHORT_PLUGINS=./examples/shipping-method/index.ts). It answers a shop's question:
// "customers who placed at least 5 orders and who are delivered by SoColissimo".
import { defineCondition, definePlugin, describeWindow, inWindow, nextWindowChange, ordersFact, sql, timeWindowSchema, windowSql, z } from '@cohort/plugin-sdk';
import './global-types.js';

export const shippingMethodUsed = defineCondition({
  type: 'shippingMethodUsed',
  label: 'Had orders delivered by one of these shipping methods',
  params: z.object({
    methods: z
      .array(z.string().trim().min(1, 'must not be empty'))
      .min(1, 'name at least one shipping method')
      .describe('Shipping method names, case-insensitive (e.g. "SoColissimo").'),
    minOrders: z.number().int().min(1, 'must be at least 1').default(1).describe('How many such orders at least; defaults to 1.'),
    within: timeWindowSchema.nullish(),
  }),
  facts: [ordersFact],
  evaluate({ methods, minOrders, within }, { orders }, { now }) {
    const wanted = new Set(methods.map((method) => method.toLowerCase()));
    const matching = orders.filter(
      (order) =>
        order.status === 'VALIDATED' &&
        order.shippingMethod !== null &&
        wanted.has(order.shippingMethod.toLowerCase()) &&
        inWindow(order.placedAt, within, now),
    );
    return matching.length >= minOrders;
  },
  toSql({ methods, minOrders, within }, { customer, now }) {
    return sql`(
      SELECT count(*) FROM cohort_v1.orders o
      WHERE o.customer_id = ${customer}.id AND o.status = 'VALIDATED' AND ${windowSql(sql`o.placed_at`, within, now)}
        AND lower(o.shipping_method) = ANY(${methods.map((method) => method.toLowerCase())}::text[])
    ) >= ${minOrders}`;
  },
  // When time alone may change the answer: an order enters the window when it is placed (one dated ahead, at its date) and leaves a rolling one.
  changesAt({ methods, within }, { orders }, { now }) {
    const wanted = new Set(methods.map((method) => method.toLowerCase()));
    const matching = orders.filter((order) => order.status === 'VALIDATED' && order.shippingMethod !== null && wanted.has(order.shippingMethod.toLowerCase()));
    return nextWindowChange(
      within,
      matching.map((order) => order.placedAt),
      now,
    );
  },
  describe: ({ methods, minOrders, within }) =>
    `had ${minOrders === 1 ? 'an order' : `at least ${minOrders} orders`} delivered by ${methods.join(' or ')} ${describeWindow(within)}`,
});

export default definePlugin({ name: 'example-shipping-method', conditions: [shippingMethodUsed] });
