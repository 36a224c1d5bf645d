// The Product type (public to storefronts), catalog queries, and the import mutations.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import type { SchemaParts } from '../schema/builder.js';
import { moneySchema } from '../shared/money.js';
import { productSchema, upsertProducts, type ProductData } from './ingest.js';
import { MoneyRef } from '../schema/money.js';

export function registerProductTypes({ builder, pluginTypes }: SchemaParts) {
  const ProductNode = builder.prismaNode('Product', {
    nullable: true,
    description: 'A product of the catalogue.',
    id: { field: 'id' },
    authScopes: { storefront: true },
    fields: (t) => ({
      sku: t.exposeString('sku'),
      name: t.exposeString('name'),
      brand: t.exposeString('brand', { nullable: true }),
      category: t.exposeString('category', { nullable: true }),
      price: t.field({ type: MoneyRef, resolve: (product) => ({ amount: product.price, currency: product.currency }) }),
    }),
  });

  const ProductFilter = builder.inputType('ProductFilter', {
    fields: (t) => ({
      search: t.string({ required: false, description: 'Matches the start of the SKU or a word of the name.' }),
      brand: t.string({ required: false }),
      category: t.string({ required: false }),
    }),
  });

  builder.queryField('products', (t) =>
    t.prismaConnection({
      type: 'Product',
      cursor: 'id',
      authScopes: { storefront: true },
      args: { filter: t.arg({ type: ProductFilter, required: false }) },
      totalCount: (_connection, { filter }) => prisma.product.count({ where: productWhere(filter) }),
      resolve: (query, _root, { filter }) => prisma.product.findMany({ ...query, where: productWhere(filter), orderBy: { sku: 'asc' } }),
    }),
  );

  function productWhere(filter: { search?: string | null; brand?: string | null; category?: string | null } | null | undefined) {
    const search = filter?.search?.trim();
    return {
      ...(filter?.brand ? { brand: { equals: filter.brand, mode: 'insensitive' as const } } : {}),
      ...(filter?.category ? { category: { equals: filter.category, mode: 'insensitive' as const } } : {}),
      ...(search ? { OR: [{ sku: { startsWith: search } }, { name: { contains: search, mode: 'insensitive' as const } }] } : {}),
    };
  }

  builder.queryField('product', (t) =>
    t.prismaField({
      type: 'Product',
      nullable: true,
      authScopes: { storefront: true },
      args: { sku: t.arg.string() },
      resolve: (query, _root, { sku }) => prisma.product.findUnique({ ...query, where: { sku } }),
    }),
  );

  const ProductInput = builder.inputType('ProductInput', {
    description: 'A product as the shop knows it; created or updated by SKU.',
    fields: (t) => ({
      sku: t.string(),
      name: t.string(),
      brand: t.string({ required: false }),
      category: t.string({ required: false }),
      // MoneyInput is the SDK's money schema, derived as plugins' parameters are.
      price: t.field({ type: pluginTypes.objectType(moneySchema, 'MoneyInput', 'MoneyInput') }),
    }),
    validate: productSchema,
  });

  const UpsertProductPayload = builder.simpleObject('UpsertProductPayload', { fields: (t) => ({ product: t.field({ type: ProductNode }) }) });

  builder.mutationField('upsertProduct', (t) =>
    t.field({
      type: UpsertProductPayload,
      description: 'Creates or updates one product by SKU. Admin only.',
      authScopes: { admin: true },
      errors: { types: [] },
      args: { input: t.arg({ type: ProductInput }) },
      resolve: async (_root, { input }) => ({ product: (await upsertProducts([input as ProductData]))[0]! }),
    }),
  );

  const UpsertProductsInput = builder.inputType('UpsertProductsInput', {
    fields: (t) => ({ products: t.field({ type: [ProductInput] }) }),
    validate: z.object({ products: z.array(z.unknown()).min(1, 'send at least one product').max(1000, 'send at most 1000 products per call') }),
  });

  builder.mutationField('upsertProducts', (t) =>
    t.field({
      type: builder.simpleObject('UpsertProductsPayload', { fields: (f) => ({ count: f.int({ description: 'Products created or updated.' }) }) }),
      description: 'Bulk import: creates or updates up to 1000 products, all or none. Admin only.',
      authScopes: { admin: true },
      errors: { types: [] },
      args: { input: t.arg({ type: UpsertProductsInput }) },
      resolve: async (_root, { input }) => ({ count: (await upsertProducts(input.products as ProductData[])).length }),
    }),
  );
}
