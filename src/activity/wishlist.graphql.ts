// Wishlists: the storefront adds and removes items; admins import them in bulk.
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { addWishlistItems, removeWishlistItem, wishlistItemSchema, type WishlistItemData } from './ingest.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';

export function registerWishlistTypes({ builder }: SchemaParts) {
  builder.prismaObject('WishlistItem', {
    description: "A product in a customer's wishlist.",
    fields: (t) => ({ product: t.relation('product'), addedAt: t.expose('addedAt', { type: 'DateTime' }) }),
  });

  builder.prismaObjectField('Customer', 'wishlist', (t) =>
    t.relation('wishlistItems', {
      description: "The customer's wishlist, the latest addition first.",
      query: { orderBy: [{ addedAt: 'desc' }, { id: 'desc' }] },
    }),
  );

  const WishlistItemInput = builder.inputType('WishlistItemInput', {
    fields: (t) => ({
      customer: t.field({ type: CustomerRefInput }),
      sku: t.string(),
      addedAt: t.field({ type: 'DateTime', required: false, description: 'Defaults to now.' }),
    }),
    validate: wishlistItemSchema,
  });

  const WishlistPayload = builder.simpleObject('WishlistChangePayload', { fields: (t) => ({ count: t.int({ description: 'Items added or removed.' }) }) });

  builder.mutationField('addToWishlist', (t) =>
    t.field({
      type: WishlistPayload,
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: WishlistItemInput }) },
      resolve: async (_root, { input }, context) => ({ count: await addWishlistItems([input as WishlistItemData], context.clock.now(), [['input']]) }),
    }),
  );

  builder.mutationField('removeFromWishlist', (t) =>
    t.field({
      type: WishlistPayload,
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('RemoveFromWishlistInput', { fields: (f) => ({ customer: f.field({ type: CustomerRefInput }), sku: f.string() }) }),
        }),
      },
      resolve: async (_root, { input }) => ({ count: await removeWishlistItem(input) }),
    }),
  );

  builder.mutationField('importWishlistItems', (t) =>
    t.field({
      type: WishlistPayload,
      description: 'Bulk import of wishlist items (up to 1000, all or none). Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('ImportWishlistItemsInput', {
            fields: (f) => ({ items: f.field({ type: [WishlistItemInput] }) }),
            validate: z.object({ items: z.array(z.unknown()).min(1, 'send at least one item').max(1000, 'send at most 1000 items per call') }),
          }),
        }),
      },
      resolve: async (_root, { input }, context) => {
        const items = input.items as WishlistItemData[];
        return {
          count: await addWishlistItems(
            items,
            context.clock.now(),
            items.map((_item, index) => ['input', 'items', String(index)]),
          ),
        };
      },
    }),
  );
}
