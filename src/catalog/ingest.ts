// Writing the catalog from the shop's platform: upsert products by SKU, all-or-nothing.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import type { Product } from '../generated/prisma/client.js';
import { moneySchema } from '../shared/money.js';

const name = z.string().trim().min(1, 'must not be empty').max(200);

export const productSchema = z.object({
  sku: z.string().trim().min(1, 'must not be empty').max(100),
  name,
  brand: name.nullish(),
  category: name.nullish(),
  price: moneySchema,
});

export type ProductData = z.infer<typeof productSchema>;

export async function upsertProducts(inputs: ProductData[]): Promise<Product[]> {
  // `sku` in both `where` and `create`: Prisma upserts natively (INSERT … ON CONFLICT), so concurrent imports of one SKU cannot collide.
  return prisma.$transaction(
    inputs.map((input) => {
      const data = {
        name: input.name,
        brand: input.brand ?? null,
        category: input.category ?? null,
        price: input.price.amount,
        currency: input.price.currency,
      };
      return prisma.product.upsert({ where: { sku: input.sku }, create: { sku: input.sku, ...data }, update: data });
    }),
  );
}
