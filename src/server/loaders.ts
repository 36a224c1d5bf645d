// Request-scoped DataLoaders: each batches and caches one kind of lookup for the
// duration of a request, so resolvers never issue one query per item.
import DataLoader from 'dataloader';
import { prisma, query } from '../db/client.js';
import { sql } from '../generated/prisma/internal/prismaNamespace.js';
import type { Product, Segment } from '../generated/prisma/client.js';

export interface Loaders {
  productBySku: DataLoader<string, Product | null>;
  /** Every segment, read once per request (by `Customer.segments` on a page of customers, say). */
  allSegments: DataLoader<'all', Segment[]>;
}

export function createLoaders(): Loaders {
  return {
    productBySku: new DataLoader(async (skus) => {
      // Every cart on the storefront's hot path resolves its SKUs here: a lean query.
      const products = await query<Product>(sql`
        SELECT id, sku, name, brand, category, price, currency, "createdAt", "updatedAt" FROM "Product" WHERE sku = ANY(${[...skus]}::text[])`);
      const bySku = new Map(products.map((product) => [product.sku, product]));
      return skus.map((sku) => bySku.get(sku) ?? null);
    }),
    allSegments: new DataLoader(async (keys) => {
      const segments = await prisma.segment.findMany({ orderBy: { name: 'asc' } });
      return keys.map(() => segments);
    }),
  };
}
