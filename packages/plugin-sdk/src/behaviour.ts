// What the customer did on the storefront: product views, carts and wishlist items.
import { defineSqlFact, jsonDate, jsonTimestamp } from './facts.js';
import { sql, type Sql } from './sql.js';

export type CartStatus = 'OPEN' | 'CONVERTED';

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
const productOf = (productId: Sql) => sql`(SELECT p.sku, p.brand, p.category FROM cohort_v1.products p WHERE p.id = ${productId} OFFSET 0) p`;

// Rows come from PostgreSQL as JSON arrays rather than objects: about half the bytes to build,
// send and parse on every storefront request; `parse` names the fields.
type ProductRefRow = [productId: string, sku: string, brand: string | null, category: string | null];
const productRefSql = (productId: Sql) => sql`${productId}, p.sku, p.brand, p.category`;

export const viewsFact = defineSqlFact({
  name: 'productViews',
  empty: [] as ViewFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(${productRefSql(sql`v.product_id`)}, ${jsonTimestamp(sql`v.viewed_at`)})), '[]')
    FROM cohort_v1.product_views v CROSS JOIN LATERAL ${productOf(sql`v.product_id`)} WHERE v.customer_id = ${customer})`,
  parse: (json) =>
    (json as [...ProductRefRow, number][]).map((row): ViewFact => ({
      productId: row[0],
      sku: row[1],
      brand: row[2],
      category: row[3],
      viewedAt: jsonDate(row[4]),
    })),
});

export const wishlistFact = defineSqlFact({
  name: 'wishlist',
  empty: [] as WishlistFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(${productRefSql(sql`w.product_id`)}, ${jsonTimestamp(sql`w.added_at`)})), '[]')
    FROM cohort_v1.wishlist_items w CROSS JOIN LATERAL ${productOf(sql`w.product_id`)} WHERE w.customer_id = ${customer})`,
  parse: (json) =>
    (json as [...ProductRefRow, number][]).map((row): WishlistFact => ({
      productId: row[0],
      sku: row[1],
      brand: row[2],
      category: row[3],
      addedAt: jsonDate(row[4]),
    })),
});

export const cartsFact = defineSqlFact({
  name: 'carts',
  empty: [] as CartFact[],
  json: (customer) => sql`(
    SELECT COALESCE(json_agg(json_build_array(
             c.status, c.currency, c.subtotal, ${jsonTimestamp(sql`c.last_activity_at`)},
             (SELECT COALESCE(json_agg(json_build_array(${productRefSql(sql`l.product_id`)}, l.quantity, l.unit_price) ORDER BY l.id), '[]')
              FROM cohort_v1.cart_lines l CROSS JOIN LATERAL ${productOf(sql`l.product_id`)} WHERE l.cart_id = c.id)
           ) ORDER BY c.last_activity_at, c.id), '[]')
    FROM cohort_v1.carts c WHERE c.customer_id = ${customer})`,
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
