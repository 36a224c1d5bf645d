// The shop's products read inside another statement: the storefront reads a cart's products
// in the shopper's statement (checkout/load.ts), as one JSON value, and gets them back by SKU.
import { jsonDate, jsonTimestamp, sql, type Sql } from '@cohort/plugin-sdk';
import type { Product } from '../generated/prisma/client.js';

/** The products with these SKUs as one JSON value, for reading them inside another statement. */
export function productsJson(skus: string[]): Sql {
  return sql`(SELECT COALESCE(json_agg(json_build_object('id', p.id, 'sku', p.sku, 'name', p.name, 'brand', p.brand, 'category', p.category, 'price', p.price,
                                                          'currency', p.currency, 'createdAt', ${jsonTimestamp(sql`p."createdAt"`)}, 'updatedAt', ${jsonTimestamp(sql`p."updatedAt"`)})), '[]')
              FROM "Product" p WHERE p.sku = ANY(${skus}::text[]))`;
}

/** The products read with `productsJson`, by SKU: null for each of `skus` the catalog does not know. */
export function productsFromJson(skus: string[], json: unknown): Map<string, Product | null> {
  type ProductJson = Omit<Product, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };
  const found = new Map((json as ProductJson[]).map((product) => [product.sku, product]));
  return new Map(
    skus.map((sku) => {
      const product = found.get(sku);
      return [sku, product ? { ...product, createdAt: jsonDate(product.createdAt), updatedAt: jsonDate(product.updatedAt) } : null];
    }),
  );
}
