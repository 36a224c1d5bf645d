// Writing orders from the shop's platform: upsert by the shop's order id, lines replaced,
// totals computed from the lines, all-or-nothing. Customers and SKUs are resolved in
// one query each per call, and written in a few statements, however many orders and lines it carries.
import { announceCustomersChanged, promiseTracking } from '../segments/tracking.js';
import { sql } from '@cohort/plugin-sdk';
import { v7 as uuidv7 } from 'uuid';
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
  const customerIds = await resolveCustomerRefs(
    inputs.map((input) => input.customer),
    paths.map((path) => [...path, 'customer']),
  );
  const skus = [...new Set(inputs.flatMap((input) => input.lines.map((line) => line.sku)))];
  const products = new Map((await prisma.product.findMany({ where: { sku: { in: skus } } })).map((product) => [product.sku, product]));

  const prepared = inputs.map((input, index) => {
    const path = paths[index] as string[];
    const lines = input.lines.map((line, lineIndex) => {
      const product = products.get(line.sku);
      if (!product) throw new NotFoundError('Product', line.sku, [...path, 'lines', String(lineIndex), 'sku']);
      return {
        productId: product.id,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        lineTotal: line.quantity * line.unitPrice,
        brand: product.brand,
        category: product.category,
      };
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
  // An externalId sent twice in one call: the last one wins, as if upserted one after the other.
  const last = [...new Map(prepared.map((order) => [order.input.externalId, order])).values()];
  const carts = prepared.filter(({ input }) => input.cartExternalId);
  const written = await retryUniqueRace(() =>
    prisma.$transaction(
      async (tx) => {
        // A few statements per call, however many orders: the orders upserted, the updated ones' lines replaced, carts converted.
        const read = queryIn(tx);
        const column = <Value>(pick: (order: (typeof last)[number]) => Value) => last.map(pick);
        const orders = await read<Order>(sql`
        INSERT INTO "Order" (id, "externalId", "customerId", status, "placedAt", currency, subtotal, "discountTotal", "shippingTotal", "taxTotal", total, "shippingMethod")
        SELECT o.id, o."externalId", o."customerId", o.status::"OrderStatus", o."placedAt", o.currency, o.subtotal, o."discountTotal", o."shippingTotal", o."taxTotal", o.total, o."shippingMethod"
        FROM unnest(${column(() => uuidv7())}::text[], ${column((order) => order.input.externalId)}::text[], ${column((order) => order.data.customerId)}::text[],
          ${column((order) => order.data.status)}::text[], ${column((order) => order.data.placedAt.toISOString())}::timestamp[], ${column((order) => order.data.currency)}::text[],
          ${column((order) => order.data.subtotal)}::int[], ${column((order) => order.data.discountTotal)}::int[], ${column((order) => order.data.shippingTotal)}::int[],
          ${column((order) => order.data.taxTotal)}::int[], ${column((order) => order.data.total)}::int[], ${column((order) => order.data.shippingMethod)}::text[])
          AS o(id, "externalId", "customerId", status, "placedAt", currency, subtotal, "discountTotal", "shippingTotal", "taxTotal", total, "shippingMethod")
        ON CONFLICT ("externalId") DO UPDATE SET "customerId" = EXCLUDED."customerId", status = EXCLUDED.status, "placedAt" = EXCLUDED."placedAt", currency = EXCLUDED.currency,
          subtotal = EXCLUDED.subtotal, "discountTotal" = EXCLUDED."discountTotal", "shippingTotal" = EXCLUDED."shippingTotal", "taxTotal" = EXCLUDED."taxTotal", total = EXCLUDED.total, "shippingMethod" = EXCLUDED."shippingMethod"
        RETURNING *`);
        const byExternalId = new Map(orders.map((order) => [order.externalId, order]));
        await read(sql`DELETE FROM "OrderLine" WHERE "orderId" = ANY(${orders.map((order) => order.id)}::text[])`);
        const lines = last.flatMap(({ input, lines: orderLines }) => orderLines.map((line) => ({ ...line, orderId: byExternalId.get(input.externalId)!.id })));
        await read(sql`
        INSERT INTO "OrderLine" (id, "orderId", "productId", quantity, "unitPrice", "lineTotal", brand, category)
        SELECT * FROM unnest(${lines.map(() => uuidv7())}::text[], ${lines.map((line) => line.orderId)}::text[], ${lines.map((line) => line.productId)}::text[], ${lines.map((line) => line.quantity)}::int[],
          ${lines.map((line) => line.unitPrice)}::int[], ${lines.map((line) => line.lineTotal)}::int[], ${lines.map((line) => line.brand)}::text[], ${lines.map((line) => line.category)}::text[])`);
        if (carts.length > 0) {
          await read(
            sql`UPDATE "Cart" AS c SET status = 'CONVERTED', "convertedAt" = converted.at FROM unnest(${carts.map(({ input }) => input.cartExternalId)}::text[], ${carts.map(({ input }) => input.placedAt.toISOString())}::timestamp[]) AS converted("externalId", at) WHERE c."externalId" = converted."externalId"`,
          );
        }
        await promiseTracking(read, [...orders.map((order) => order.customerId), ...previousOwners.map((order) => order.customerId)]);
        return inputs.map((input) => byExternalId.get(input.externalId)!);
      },
      { timeout: 60_000 },
    ),
  ).catch(async (error: unknown) => {
    // A customer erased since it was looked up: their order has nobody to belong to, as if never found.
    if (foreignKeyViolation(error)) {
      const live = new Set(
        (await prisma.customer.findMany({ where: { id: { in: customerIds }, erasedAt: null }, select: { id: true } })).map((customer) => customer.id),
      );
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
