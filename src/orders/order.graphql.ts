// The Order type (admin only: orders are personal data), Customer.orders, and the import mutations.
import { z } from 'zod';
import { orderStatusSchema } from '@cohort/plugin-sdk';
import type { SchemaParts } from '../schema/builder.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { orderSchema, upsertOrders, type OrderData } from './ingest.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { MoneyRef } from '../schema/money.js';

export function registerOrderTypes({ builder, pluginTypes }: SchemaParts) {
  // The SDK's statuses: one enum for the core's fields and plugins' parameters.
  const OrderStatusEnum = pluginTypes.enumOf(orderStatusSchema);

  const money = (amount: number, currency: string) => ({ amount, currency });

  builder.prismaObject('OrderLine', {
    fields: (t) => ({
      product: t.relation('product'),
      quantity: t.exposeInt('quantity'),
      unitPrice: t.field({
        type: MoneyRef,
        select: { unitPrice: true, order: { select: { currency: true } } },
        resolve: (line) => money(line.unitPrice, line.order.currency),
      }),
      lineTotal: t.field({
        type: MoneyRef,
        select: { lineTotal: true, order: { select: { currency: true } } },
        resolve: (line) => money(line.lineTotal, line.order.currency),
      }),
      brand: t.exposeString('brand', { nullable: true, description: 'As it was when the order was placed.' }),
      category: t.exposeString('category', { nullable: true, description: 'As it was when the order was placed.' }),
    }),
  });

  const OrderNode = builder.prismaNode('Order', {
    nullable: true,
    description: "An order placed on the shop's platform. Admin only.",
    id: { field: 'id' },
    authScopes: { admin: true },
    fields: (t) => ({
      externalId: t.exposeString('externalId'),
      customer: t.relation('customer'),
      status: t.expose('status', { type: OrderStatusEnum }),
      placedAt: t.expose('placedAt', { type: 'DateTime' }),
      subtotal: t.field({ type: MoneyRef, resolve: (order) => money(order.subtotal, order.currency) }),
      discountTotal: t.field({ type: MoneyRef, resolve: (order) => money(order.discountTotal, order.currency) }),
      shippingTotal: t.field({ type: MoneyRef, resolve: (order) => money(order.shippingTotal, order.currency) }),
      taxTotal: t.field({ type: MoneyRef, resolve: (order) => money(order.taxTotal, order.currency) }),
      total: t.field({ type: MoneyRef, resolve: (order) => money(order.total, order.currency) }),
      shippingMethod: t.exposeString('shippingMethod', { nullable: true }),
      lines: t.relation('lines'),
    }),
  });

  builder.prismaObjectField('Customer', 'orders', (t) =>
    t.relatedConnection('orders', { cursor: 'id', totalCount: true, query: () => ({ orderBy: { placedAt: 'desc' } }), description: 'Newest first.' }),
  );

  const OrderLineInput = builder.inputType('OrderLineInput', {
    fields: (t) => ({
      sku: t.string(),
      quantity: t.int(),
      unitPrice: t.int({ description: "Minor units of the order's currency." }),
    }),
  });

  const OrderInput = builder.inputType('OrderInput', {
    description: 'An order as the shop knows it; created or updated by externalId, its lines replaced. Totals are computed from the lines.',
    fields: (t) => ({
      externalId: t.string(),
      customer: t.field({ type: CustomerRefInput }),
      status: t.field({ type: OrderStatusEnum }),
      placedAt: t.field({ type: 'DateTime' }),
      currency: t.string(),
      lines: t.field({ type: [OrderLineInput] }),
      shippingTotal: t.int({ required: false }),
      taxTotal: t.int({ required: false }),
      discountTotal: t.int({ required: false }),
      shippingMethod: t.string({ required: false }),
      cartExternalId: t.string({ required: false, description: 'The cart this order came from: it is marked converted.' }),
    }),
    validate: orderSchema,
  });

  builder.mutationField('upsertOrder', (t) =>
    t.field({
      type: builder.simpleObject('UpsertOrderPayload', { fields: (f) => ({ order: f.field({ type: OrderNode }) }) }),
      description: 'Creates or updates one order. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: OrderInput }) },
      resolve: async (_root, { input }) => ({ order: (await upsertOrders([input as OrderData], [['input']]))[0]! }),
    }),
  );

  const UpsertOrdersInput = builder.inputType('UpsertOrdersInput', {
    fields: (t) => ({ orders: t.field({ type: [OrderInput] }) }),
    validate: z.object({ orders: z.array(z.unknown()).min(1, 'send at least one order').max(500, 'send at most 500 orders per call') }),
  });

  builder.mutationField('upsertOrders', (t) =>
    t.field({
      type: builder.simpleObject('UpsertOrdersPayload', { fields: (f) => ({ count: f.int() }) }),
      description: 'Bulk import: creates or updates up to 500 orders, all or none. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: UpsertOrdersInput }) },
      resolve: async (_root, { input }) => {
        const orders = input.orders as OrderData[];
        const written = await upsertOrders(
          orders,
          orders.map((_order, index) => ['input', 'orders', String(index)]),
        );
        return { count: written.length };
      },
    }),
  );
}
