// Recording what shoppers do on the storefront: product views, carts and wishlists.
// Customers and SKUs are resolved in one query each per call.
import { announceCustomersChanged, promiseTracking } from '../segments/tracking.js';
import { z } from 'zod';
import { resolveCustomerRefs, type CustomerRef } from '../customers/refs.js';
import { prisma, queryIn } from '../db/client.js';
import { retryUniqueRace } from '../db/errors.js';
import type { Cart, Product } from '../generated/prisma/client.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { checkTotal, currencySchema } from '../shared/money.js';

const customerRef = z.object({ id: z.string().nullish(), externalId: z.string().nullish() });
const sku = z.string().trim().min(1, 'must not be empty');

/** Products by SKU, failing on the first unknown one with the path of the input that named it. */
async function productsBySku(skus: string[], paths: string[][]): Promise<Product[]> {
  const found = new Map((await prisma.product.findMany({ where: { sku: { in: [...new Set(skus)] } } })).map((product) => [product.sku, product]));
  return skus.map((value, index) => {
    const product = found.get(value);
    if (!product) throw new NotFoundError('Product', value, paths[index] as string[]);
    return product;
  });
}

export const viewSchema = z.object({ customer: customerRef, sku, viewedAt: z.date().nullish() });
export type ViewData = z.infer<typeof viewSchema>;

export async function recordProductViews(views: ViewData[], now: Date): Promise<number> {
  const paths = views.map((_view, index) => ['input', 'views', String(index)]);
  const [customerIds, products] = await Promise.all([
    resolveCustomerRefs(
      views.map((view) => view.customer as CustomerRef),
      paths.map((path) => [...path, 'customer']),
    ),
    productsBySku(
      views.map((view) => view.sku),
      paths.map((path) => [...path, 'sku']),
    ),
  ]);
  const { count } = await prisma.$transaction(async (tx) => {
    const written = await tx.productView.createMany({
      data: views.map((view, index) => ({
        customerId: customerIds[index] as string,
        productId: (products[index] as Product).id,
        viewedAt: view.viewedAt ?? now,
      })),
    });
    await promiseTracking(queryIn(tx), customerIds);
    return written;
  });
  await announceCustomersChanged(customerIds);
  return count;
}

export const cartSchema = z.object({
  externalId: z.string().trim().min(1, 'must not be empty').max(200),
  customer: customerRef.nullish(),
  currency: currencySchema,
  lines: z.array(z.object({ sku, quantity: z.number().int('must be a whole number').min(0, 'must not be negative').max(100_000) })).max(500),
  lastActivityAt: z.date().nullish(),
});
export type CartData = z.infer<typeof cartSchema>;

/** Replaces carts' lines (quantity 0 removes a line), prices them from the catalog, and records the activity time. */
export async function saveCarts(carts: CartData[], now: Date, basePath: string[][]): Promise<Cart[]> {
  const withCustomer = carts.map((cart, index) => ({ cart, index })).filter(({ cart }) => cart.customer);
  const customerIds = await resolveCustomerRefs(
    withCustomer.map(({ cart }) => cart.customer as CustomerRef),
    withCustomer.map(({ index }) => [...(basePath[index] as string[]), 'customer']),
  );
  const customerByCart = new Map(withCustomer.map(({ index }, position) => [index, customerIds[position] as string]));
  const lineRefs = carts.flatMap((cart, index) =>
    cart.lines.map((line, lineIndex) => ({ sku: line.sku, path: [...(basePath[index] as string[]), 'lines', String(lineIndex), 'sku'] })),
  );
  const products = await productsBySku(
    lineRefs.map((ref) => ref.sku),
    lineRefs.map((ref) => ref.path),
  );
  const productBySku = new Map(products.map((product) => [product.sku, product]));

  const prepared = carts.map((cart, index) => {
    const lines = new Map<string, { productId: string; quantity: number; unitPrice: number }>();
    cart.lines.forEach((line, lineIndex) => {
      const product = productBySku.get(line.sku) as Product;
      if (product.currency !== cart.currency) {
        throw new InvalidInputError(`Product "${line.sku}" is priced in ${product.currency}, not ${cart.currency}`, [
          ...(basePath[index] as string[]),
          'lines',
          String(lineIndex),
          'sku',
        ]);
      }
      const quantity = (lines.get(product.id)?.quantity ?? 0) + line.quantity;
      if (quantity > 0) lines.set(product.id, { productId: product.id, quantity, unitPrice: product.price });
      else lines.delete(product.id);
    });
    const rows = [...lines.values()];
    const subtotal = rows.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
    checkTotal(subtotal, "The cart's subtotal", [...(basePath[index] as string[]), 'lines']);
    const data = {
      customerId: customerByCart.get(index) ?? null,
      currency: cart.currency,
      subtotal,
      lastActivityAt: cart.lastActivityAt ?? now,
    };
    return { cart, data, rows };
  });

  const saved = await retryUniqueRace(() =>
    prisma.$transaction(
      async (tx) => {
        const saved: Cart[] = [];
        for (const { cart, data, rows } of prepared) {
          saved.push(
            await tx.cart.upsert({
              where: { externalId: cart.externalId },
              create: { externalId: cart.externalId, ...data, lines: { create: rows } },
              update: { ...data, lines: { deleteMany: {}, create: rows } },
            }),
          );
        }
        await promiseTracking(
          queryIn(tx),
          saved.map((cart) => cart.customerId),
        );
        return saved;
      },
      { timeout: 60_000 },
    ),
  );
  await announceCustomersChanged(saved.map((cart) => cart.customerId));
  return saved;
}

export const wishlistItemSchema = z.object({ customer: customerRef, sku, addedAt: z.date().nullish() });
export type WishlistItemData = z.infer<typeof wishlistItemSchema>;

/** Adds wishlist items; adding a product already on the list keeps its original date. */
export async function addWishlistItems(items: WishlistItemData[], now: Date, paths: string[][]): Promise<number> {
  const [customerIds, products] = await Promise.all([
    resolveCustomerRefs(
      items.map((item) => item.customer as CustomerRef),
      paths.map((path) => [...path, 'customer']),
    ),
    productsBySku(
      items.map((item) => item.sku),
      paths.map((path) => [...path, 'sku']),
    ),
  ]);
  const { count } = await prisma.$transaction(async (tx) => {
    const written = await tx.wishlistItem.createMany({
      data: items.map((item, index) => ({
        customerId: customerIds[index] as string,
        productId: (products[index] as Product).id,
        addedAt: item.addedAt ?? now,
      })),
      skipDuplicates: true,
    });
    await promiseTracking(queryIn(tx), customerIds);
    return written;
  });
  await announceCustomersChanged(customerIds);
  return count;
}

export async function removeWishlistItem(item: { customer: CustomerRef; sku: string }): Promise<number> {
  const [[customerId], [product]] = await Promise.all([
    resolveCustomerRefs([item.customer], [['input', 'customer']]),
    productsBySku([item.sku], [['input', 'sku']]),
  ]);
  const { count } = await prisma.$transaction(async (tx) => {
    const removed = await tx.wishlistItem.deleteMany({ where: { customerId: customerId as string, productId: (product as Product).id } });
    await promiseTracking(queryIn(tx), [customerId]);
    return removed;
  });
  await announceCustomersChanged([customerId]);
  return count;
}
