// Request-scoped DataLoaders: each batches and caches one kind of lookup for the
// duration of a request, so resolvers never issue one query per item.
import DataLoader from 'dataloader';
import { prisma } from '../db/client.js';
import type { Product, Segment } from '../generated/prisma/client.js';

export interface Loaders {
  productBySku: DataLoader<string, Product | null>;
  /** Every segment, read once per request (by `Customer.segments` on a page of customers, say). */
  allSegments: DataLoader<'all', Segment[]>;
}

export function createLoaders(): Loaders {
  return {
    productBySku: new DataLoader(async (skus) => {
      const products = await prisma.product.findMany({ where: { sku: { in: [...skus] } } });
      const bySku = new Map(products.map((product) => [product.sku, product]));
      return skus.map((sku) => bySku.get(sku) ?? null);
    }),
    allSegments: new DataLoader(async (keys) => {
      const segments = await prisma.segment.findMany({ orderBy: { name: 'asc' } });
      return keys.map(() => segments);
    }),
  };
}
