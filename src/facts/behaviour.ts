// What the customer did on the storefront: product views, carts and wishlist items.
import { defineFact } from '../plugin-sdk/facts.js';
import type { CartStatus } from '../generated/prisma/enums.js';

export interface ProductRefFact {
  productId: string;
  sku: string;
  brand: string | null;
  category: string | null;
}

export type ViewFact = ProductRefFact & { viewedAt: Date };
export type WishlistFact = ProductRefFact & { addedAt: Date };
export interface CartFact {
  status: CartStatus;
  currency: string;
  subtotal: number;
  lastActivityAt: Date;
  lines: (ProductRefFact & { quantity: number; unitPrice: number })[];
}

const productRef = { select: { sku: true, brand: true, category: true } } as const;

function groupBy<T extends { customerId: string | null }, V>(rows: T[], map: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    if (row.customerId === null) continue;
    const list = groups.get(row.customerId) ?? [];
    list.push(map(row));
    groups.set(row.customerId, list);
  }
  return groups;
}

export const viewsFact = defineFact({
  name: 'productViews',
  empty: [] as ViewFact[],
  // One SQL statement: this runs on the storefront's hot path, and view histories are long.
  async load(customerIds, { prisma }) {
    const views = await prisma.$queryRaw<(ViewFact & { customerId: string })[]>`
      SELECT v."customerId", v."productId", p.sku, p.brand, p.category, v."viewedAt"
      FROM "ProductView" v JOIN "Product" p ON p.id = v."productId"
      WHERE v."customerId" = ANY(${[...customerIds]}::text[])`;
    return groupBy(views, ({ customerId: _customerId, ...view }) => view);
  },
});

export const wishlistFact = defineFact({
  name: 'wishlist',
  empty: [] as WishlistFact[],
  async load(customerIds, { prisma }) {
    const items = await prisma.wishlistItem.findMany({ where: { customerId: { in: [...customerIds] } }, include: { product: productRef } });
    return groupBy(items, (item) => ({ productId: item.productId, ...item.product, addedAt: item.addedAt }));
  },
});

export const cartsFact = defineFact({
  name: 'carts',
  empty: [] as CartFact[],
  async load(customerIds, { prisma }) {
    const carts = await prisma.cart.findMany({ where: { customerId: { in: [...customerIds] } }, include: { lines: { include: { product: productRef } } } });
    return groupBy(carts, (cart) => ({
      status: cart.status,
      currency: cart.currency,
      subtotal: cart.subtotal,
      lastActivityAt: cart.lastActivityAt,
      lines: cart.lines.map((line) => ({ productId: line.productId, ...line.product, quantity: line.quantity, unitPrice: line.unitPrice })),
    }));
  },
});
