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

// Rows come from PostgreSQL as JSON arrays rather than objects: about half the bytes to build,
// send and parse on every storefront request; `parse` names the fields.
type ProductRefRow = [productId: string, sku: string, brand: string | null, category: string | null];
const productRefSql = (productId: Sql) => sql`${productId}, p.sku, p.brand, p.category`;

export const viewsFact = defineSqlFact({
  name: 'productViews',
  empty: [] as ViewFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(${productRefSql(sql`v."productId"`)}, ${jsonTimestamp(sql`v."viewedAt"`)})), '[]')
    FROM "ProductView" v CROSS JOIN LATERAL ${productOf(sql`v."productId"`)} WHERE v."customerId" = ${customer})`,
  parse: (json) => (json as [...ProductRefRow, number][]).map((row): ViewFact => ({ productId: row[0], sku: row[1], brand: row[2], category: row[3], viewedAt: jsonDate(row[4]) })),
});

export const wishlistFact = defineSqlFact({
  name: 'wishlist',
  empty: [] as WishlistFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(${productRefSql(sql`w."productId"`)}, ${jsonTimestamp(sql`w."addedAt"`)})), '[]')
    FROM "WishlistItem" w CROSS JOIN LATERAL ${productOf(sql`w."productId"`)} WHERE w."customerId" = ${customer})`,
  parse: (json) => (json as [...ProductRefRow, number][]).map((row): WishlistFact => ({ productId: row[0], sku: row[1], brand: row[2], category: row[3], addedAt: jsonDate(row[4]) })),
});

export const cartsFact = defineSqlFact({
  name: 'carts',
  empty: [] as CartFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(
             c.status, c.currency, c.subtotal, ${jsonTimestamp(sql`c."lastActivityAt"`)},
             (SELECT COALESCE(json_agg(json_build_array(${productRefSql(sql`l."productId"`)}, l.quantity, l."unitPrice") ORDER BY l.id), '[]')
              FROM "CartLine" l CROSS JOIN LATERAL ${productOf(sql`l."productId"`)} WHERE l."cartId" = c.id)
           ) ORDER BY c."lastActivityAt", c.id), '[]')
    FROM "Cart" c WHERE c."customerId" = ${customer})`,
  parse: (json) =>
    (json as [CartStatus, string, number, number, [...ProductRefRow, number, number][]][]).map(
      ([status, currency, subtotal, lastActivityAt, lines]): CartFact => ({
        status,
        currency,
        subtotal,
        lastActivityAt: jsonDate(lastActivityAt),
        lines: lines.map((line) => ({ productId: line[0], sku: line[1], brand: line[2], category: line[3], quantity: line[4], unitPrice: line[5] })),
      }),
    ),
});
