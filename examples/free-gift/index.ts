// An example partner effect, kept outside plugins/ and loaded through configuration
// (COHORT_PLUGINS=./examples/free-gift/index.ts): a free gift line with the order ("a free tote
// bag with orders over $100", the cart rule saying when). The storefront adds the gift as a
// line at no charge, from `freeItems`.
import { defineEffect, definePlugin, outputField, z } from '@cohort/plugin-sdk';

export const freeGift = defineEffect({
  type: 'freeGift',
  label: 'A product given free with the order',
  params: z.object({
    sku: z.string().trim().min(1, 'must not be empty').describe('The product given.'),
    quantity: z
      .preprocess((value) => value ?? undefined, z.number().int().min(1, 'must be at least 1').max(100).default(1))
      .describe('How many; defaults to 1.'),
  }),
  output: {
    name: 'FreeGiftEffect',
    description: 'A product given free with the order.',
    fields: {
      sku: outputField({ type: 'String', resolve: ({ sku }) => sku }),
      quantity: outputField({ type: 'Int', resolve: ({ quantity }) => quantity }),
    },
  },
  describe: ({ sku, quantity }) => `${quantity === 1 ? 'a' : quantity} free ${sku}`,
  apply: ({ sku, quantity }, cart) => cart.freeItem({ sku, quantity }),
});

export default definePlugin({ name: 'example-free-gift', effects: [freeGift] });
