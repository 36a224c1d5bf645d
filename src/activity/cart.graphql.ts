// Carts: the storefront keeps Cohort's copy current; an open cart left untouched for the
// shop's abandonment delay counts as abandoned from then on.
import { z } from 'zod';
import { prisma } from '../db/client.js';
import { CartStatus } from '../generated/prisma/enums.js';
import type { SchemaParts } from '../schema/builder.js';
import { getShopContext } from '../settings/shop-context.js';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';
import { cartSchema, saveCarts, type CartData } from './ingest.js';
import { CustomerRefInput } from '../customers/customer.graphql.js';
import { MoneyRef } from '../schema/money.js';

export function registerCartTypes({ builder }: SchemaParts) {
  const CartStatusEnum = builder.enumType(CartStatus, { name: 'CartStatus', description: 'OPEN: still shopping. CONVERTED: it became an order.' });

  builder.prismaObject('CartLine', {
    fields: (t) => ({
      product: t.relation('product'),
      quantity: t.exposeInt('quantity'),
      unitPrice: t.field({
        type: MoneyRef,
        select: { unitPrice: true, cart: { select: { currency: true } } },
        resolve: (line) => ({ amount: line.unitPrice, currency: line.cart.currency }),
      }),
    }),
  });

  const CartNode = builder.prismaNode('Cart', {
    nullable: true,
    description: "A shopper's cart as the storefront last reported it.",
    id: { field: 'id' },
    authScopes: { storefront: true },
    fields: (t) => ({
      externalId: t.exposeString('externalId'),
      status: t.expose('status', { type: CartStatusEnum }),
      subtotal: t.field({ type: MoneyRef, resolve: (cart) => ({ amount: cart.subtotal, currency: cart.currency }) }),
      lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime' }),
      abandonedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the cart became abandoned (last activity + the shop’s abandonment delay), if it is open and that moment has passed.',
        resolve: async (cart, _args, context) => {
          if (cart.status !== 'OPEN') return null;
          const { cartAbandonmentMinutes } = await getShopContext(context.clock.now());
          const abandonedAt = new Date(cart.lastActivityAt.getTime() + cartAbandonmentMinutes * 60_000);
          return abandonedAt <= context.clock.now() ? abandonedAt : null;
        },
      }),
      lines: t.relation('lines'),
    }),
  });

  builder.prismaObjectField('Customer', 'carts', (t) =>
    t.relatedConnection('carts', {
      cursor: 'id',
      totalCount: true,
      query: () => ({ orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }] }),
      description: "The customer's carts, the latest active first.",
    }),
  );

  const CartLineUpdateInput = builder.inputType('CartLineUpdateInput', {
    fields: (t) => ({ sku: t.string(), quantity: t.int({ description: '0 removes the line.' }) }),
  });

  const UpdateCartInput = builder.inputType('UpdateCartInput', {
    description: "The cart's full contents: lines not listed are removed. Prices come from the catalogue.",
    fields: (t) => ({
      externalId: t.string({ description: "The storefront's cart id." }),
      customer: t.field({ type: CustomerRefInput, required: false, description: 'Leave out for an anonymous shopper.' }),
      currency: t.string(),
      lines: t.field({ type: [CartLineUpdateInput] }),
    }),
    validate: cartSchema.omit({ lastActivityAt: true }),
  });

  builder.mutationField('updateCart', (t) =>
    t.field({
      type: builder.simpleObject('UpdateCartPayload', { fields: (f) => ({ cart: f.field({ type: CartNode }) }) }),
      description: 'Creates or replaces a cart; its last activity becomes now.',
      authScopes: { storefront: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: { input: t.arg({ type: UpdateCartInput }) },
      resolve: async (_root, { input }, context) => ({ cart: (await saveCarts([input as CartData], context.clock.now(), [['input']]))[0]! }),
    }),
  );

  const ImportCartInput = builder.inputType('ImportCartInput', {
    fields: (t) => ({
      externalId: t.string(),
      customer: t.field({ type: CustomerRefInput, required: false }),
      currency: t.string(),
      lines: t.field({ type: [CartLineUpdateInput] }),
      lastActivityAt: t.field({ type: 'DateTime' }),
    }),
    validate: cartSchema,
  });

  builder.mutationField('importCarts', (t) =>
    t.field({
      type: builder.simpleObject('ImportCartsPayload', { fields: (f) => ({ count: f.int() }) }),
      description: 'Bulk import of carts with their own last-activity times (history), up to 500, all or none. Admin only.',
      authScopes: { admin: true },
      errors: { types: [NotFoundError, InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('ImportCartsInput', {
            fields: (f) => ({ carts: f.field({ type: [ImportCartInput] }) }),
            validate: z.object({ carts: z.array(z.unknown()).min(1, 'send at least one cart').max(500, 'send at most 500 carts per call') }),
          }),
        }),
      },
      resolve: async (_root, { input }, context) => {
        const carts = input.carts as CartData[];
        return {
          count: (
            await saveCarts(
              carts,
              context.clock.now(),
              carts.map((_cart, index) => ['input', 'carts', String(index)]),
            )
          ).length,
        };
      },
    }),
  );

  builder.queryField('cart', (t) =>
    t.prismaField({
      type: 'Cart',
      nullable: true,
      authScopes: { storefront: true },
      args: { externalId: t.arg.string() },
      resolve: (query, _root, { externalId }) => prisma.cart.findUnique({ ...query, where: { externalId } }),
    }),
  );
}
