// Cart messages and content blocks: a text (with an optional link and image) shown while the
// promotion applies, or, when the text holds `{missing}`, as a nudge while the promotion (or
// its next tier) is within reach: "Add $18.50 more for free shipping".
import { defineEffect, definePlugin, graphqlType, outputField, z } from '@cohort/plugin-sdk';

const PLACEMENTS = ['CART', 'CATEGORY_PAGE', 'PRODUCT_PAGE'] as const;
const placementSchema = graphqlType('MessagePlacement', z.enum(PLACEMENTS));

export const message = defineEffect({
  type: 'message',
  label: 'A message or content block for the storefront',
  params: graphqlType(
    'MessageEffectInput',
    z.object({
      text: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(500)
        .describe('e.g. "Add {missing} more for free shipping": {missing} is filled in when the cart is within reach.'),
      link: z.string().url('must be a URL').nullish(),
      imageUrl: z.string().url('must be a URL').nullish(),
      placement: placementSchema.nullish().describe('Defaults to CART.'),
    }),
  ),
  output: {
    name: 'MessageEffect',
    description: 'A message or content block to show; `{missing}` in the text stands for the amount still missing.',
    fields: {
      text: outputField({ type: 'String', resolve: ({ text }) => text }),
      link: outputField({ type: 'String', nullable: true, resolve: ({ link }) => link ?? null }),
      imageUrl: outputField({ type: 'String', nullable: true, resolve: ({ imageUrl }) => imageUrl ?? null }),
      placement: outputField({ type: { enum: 'MessagePlacement', values: PLACEMENTS }, resolve: ({ placement }) => placement ?? 'CART' }),
    },
  },
  describe: ({ text }) => `message: ${text}`,
  // Shown by Cohort from `messages`, when the promotion applies or is within reach: nothing to price.
  apply: () => undefined,
  messages: ({ text, link, imageUrl, placement }) => [{ text, link: link ?? null, imageUrl: imageUrl ?? null, placement: placement ?? 'CART' }],
});

export default definePlugin({ name: 'cart-messages', effects: [message] });
