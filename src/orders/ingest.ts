// Writing orders from the shop's platform: upsert by the shop's order id, lines replaced,
// totals computed from the lines, all-or-nothing. Customers and SKUs are resolved in
// one query each per call, however many orders and lines it carries.
import { announceCustomersChanged, promiseTracking } from '../segments/tracking.js';
import { z } from 'zod';
import { resolveCustomerRefs } from '../customers/refs.js';
import { prisma, queryIn } from '../db/client.js';
import { foreignKeyViolation, retryUniqueRace } from '../db/errors.js';
import type { Order } from '../generated/prisma/client.js';
import { OrderStatus } from '../generated/prisma/enums.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { amountSchema, checkTotal, currencySchema } from '../shared/money.js';

export const orderSchema = z.object({
  externalId: z.string().trim().min(1, 'must not be empty').max(200),
  customer: z.object({ id: z.string().nullish(), externalId: z.string().nullish() }),
  status: z.enum(OrderStatus),
  placedAt: z.date(),
  currency: currencySchema,
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1, 'must not be empty'),
        quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000),
        unitPrice: amountSchema,
      }),
    )
    .min(1, 'an order has at least one line')
    .max(1000),
  shippingTotal: amountSchema.nullish(),
  taxTotal: amountSchema.nullish(),
  discountTotal: amountSchema.nullish(),
  shippingMethod: z.string().trim().min(1).max(100).nullish(),
  cartExternalId: z.string().trim().min(1).nullish(),
});

export type OrderData = z.infer<typeof orderSchema>;

/**
 * Upserts orders. `paths` gives each order's input path, so errors name the exact field
 * (["input", …] for one order, ["input", "orders", "3", …] in bulk).
 */
export async function upsertOrders(inputs: OrderData[], paths: string[][]): Promise<Order[]> {
  const customerIds = await resolveCustomerRefs(inputs.map((input) => input.customer), paths.map((path) => [...path, 'customer']));
  const skus = [...new Set(inputs.flatMap((input) => input.lines.map((line) => line.sku)))];
  const products = new Map((await prisma.product.findMany({ where: { sku: { in: skus } } })).map((product) => [product.sku, product]));

  const prepared = inputs.map((input, index) => {
    const path = paths[index] as string[];
    const lines = input.lines.map((line, lineIndex) => {
      const product = products.get(line.sku);
      if (!product) throw new NotFoundError('Product', line.sku, [...path, 'lines', String(lineIndex), 'sku']);
      return { productId: product.id, quantity: line.quantity, unitPrice: line.unitPrice, lineTotal: line.quantity * line.unitPrice, brand: product.brand, category: product.category };
    });
    const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
    checkTotal(subtotal + (input.shippingTotal ?? 0) + (input.taxTotal ?? 0), "The order's total", [...path, 'lines']);
    const discountTotal = input.discountTotal ?? 0;
    if (discountTotal > subtotal) throw new InvalidInputError('discountTotal cannot exceed the sum of the lines', [...path, 'discountTotal']);
    const shippingTotal = input.shippingTotal ?? 0;
    const taxTotal = input.taxTotal ?? 0;
    const data = {
      customerId: customerIds[index] as string,
      status: input.status,
      placedAt: input.placedAt,
      currency: input.currency,
      subtotal,
      discountTotal,
      shippingTotal,
      taxTotal,
      total: subtotal - discountTotal + shippingTotal + taxTotal,
      shippingMethod: input.shippingMethod ?? null,
    };
    return { input, data, lines };
  });

  // An order moved to another customer changes the segments of the one it leaves too.
  const previousOwners = await prisma.order.findMany({ where: { externalId: { in: inputs.map((input) => input.externalId) } }, select: { customerId: true } });
  const written = await retryUniqueRace(() => prisma.$transaction(
    async (tx) => {
      const orders: Order[] = [];
      for (const { input, data, lines } of prepared) {
        const order = await tx.order.upsert({
          where: { externalId: input.externalId },
          create: { externalId: input.externalId, ...data, lines: { create: lines } },
          update: { ...data, lines: { deleteMany: {}, create: lines } },
        });
        if (input.cartExternalId) {
          await tx.cart.updateMany({ where: { externalId: input.cartExternalId }, data: { status: 'CONVERTED', convertedAt: input.placedAt } });
        }
        orders.push(order);
      }
      await promiseTracking(queryIn(tx), [...orders.map((order) => order.customerId), ...previousOwners.map((order) => order.customerId)]);
      return orders;
    },
    { timeout: 60_000 },
  )).catch(async (error: unknown) => {
    // A customer erased since it was looked up: their order has nobody to belong to, as if never found.
    if (foreignKeyViolation(error)) {
      const live = new Set((await prisma.customer.findMany({ where: { id: { in: customerIds }, erasedAt: null }, select: { id: true } })).map((customer) => customer.id));
      const gone = customerIds.findIndex((id) => !live.has(id));
      if (gone >= 0) {
        const ref = inputs[gone]!.customer;
        throw new NotFoundError('Customer', ref.id ?? ref.externalId ?? '', [...(paths[gone] as string[]), 'customer', ref.id ? 'id' : 'externalId']);
      }
    }
    throw error;
  });
  await announceCustomersChanged([...written.map((order) => order.customerId), ...previousOwners.map((order) => order.customerId)]);
  return written;
}
