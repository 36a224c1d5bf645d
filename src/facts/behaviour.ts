// What the customer did on the storefront: product views, carts and wishlist items.
import { sql, type Sql } from '../generated/prisma/internal/prismaNamespace.js';
import { defineSqlFact, jsonDate, jsonTimestamp } from '../plugin-sdk/facts.js';
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

/**
 * The product of a history row, as "p", looked up by primary key row by row: a history is a
 * few dozen rows, and a join would let the planner hash the whole catalogue for them.
 * (OFFSET 0 keeps the subquery from being flattened into a join.)
 */
const productOf = (productId: Sql) => sql`(SELECT p.sku, p.brand, p.category FROM "Product" p WHERE p.id = ${productId} OFFSET 0) p`;

/** Revives the timestamp `field` of each item of a JSON list, in place. */
function withDates<T>(json: unknown, field: string): T[] {
  const items = json as Record<string, unknown>[];
  for (const item of items) item[field] = jsonDate(item[field] as number);
  return items as T[];
}

export const viewsFact = defineSqlFact({
  name: 'productViews',
  empty: [] as ViewFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_object('productId', v."productId", 'sku', p.sku, 'brand', p.brand, 'category', p.category, 'viewedAt', ${jsonTimestamp(sql`v."viewedAt"`)})), '[]')
    FROM "ProductView" v CROSS JOIN LATERAL ${productOf(sql`v."productId"`)} WHERE v."customerId" = ${customer})`,
  parse: (json) => withDates<ViewFact>(json, 'viewedAt'),
});

export const wishlistFact = defineSqlFact({
  name: 'wishlist',
  empty: [] as WishlistFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_object('productId', w."productId", 'sku', p.sku, 'brand', p.brand, 'category', p.category, 'addedAt', ${jsonTimestamp(sql`w."addedAt"`)})), '[]')
    FROM "WishlistItem" w CROSS JOIN LATERAL ${productOf(sql`w."productId"`)} WHERE w."customerId" = ${customer})`,
  parse: (json) => withDates<WishlistFact>(json, 'addedAt'),
});

export const cartsFact = defineSqlFact({
  name: 'carts',
  empty: [] as CartFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_object(
             'status', c.status, 'currency', c.currency, 'subtotal', c.subtotal, 'lastActivityAt', ${jsonTimestamp(sql`c."lastActivityAt"`)},
             'lines', (SELECT COALESCE(json_agg(json_build_object('productId', l."productId", 'sku', p.sku, 'brand', p.brand, 'category', p.category, 'quantity', l.quantity, 'unitPrice', l."unitPrice") ORDER BY l.id), '[]')
                       FROM "CartLine" l CROSS JOIN LATERAL ${productOf(sql`l."productId"`)} WHERE l."cartId" = c.id)
           ) ORDER BY c."lastActivityAt", c.id), '[]')
    FROM "Cart" c WHERE c."customerId" = ${customer})`,
  parse: (json) => withDates<CartFact>(json, 'lastActivityAt'),
});
