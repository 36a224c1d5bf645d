// Suggestive selling: with one of some products in the cart, suggest others, optionally with
// a percentage off them once they are added (given then as a percentageOff on their lines).
import {
  defineEffect,
  definePlugin,
  describeProductTarget,
  graphqlType,
  matchesProduct,
  outputField,
  percentSchema,
  productTargetOutput,
  productTargetSchema,
  z,
} from '@cohort/plugin-sdk';

export const suggestion = defineEffect({
  type: 'suggestion',
  label: 'Suggest products to go with what is in the cart',
  params: graphqlType(
    'SuggestionInput',
    z.object({
      when: productTargetSchema.describe('With one of these products in the cart…'),
      suggestSkus: z.array(z.string().trim().min(1)).min(1, 'suggest at least one SKU').describe('…suggest these.'),
      percent: percentSchema.nullish().describe('Discount on the suggested products once in the cart.'),
      text: z.string().trim().min(1).max(500).nullish(),
    }),
  ),
  output: {
    name: 'SuggestionEffect',
    description: 'Suggestive selling: with one of the `when` products in the cart, suggest other products, optionally discounted.',
    fields: {
      when: outputField({ type: productTargetOutput, resolve: ({ when }) => when }),
      suggestSkus: outputField({ type: { list: 'String' }, resolve: ({ suggestSkus }) => suggestSkus }),
      percent: outputField({ type: 'Float', nullable: true, resolve: ({ percent }) => percent ?? null }),
      text: outputField({ type: 'String', nullable: true, resolve: ({ text }) => text ?? null }),
    },
  },
  // Once a suggested product is in the cart, its percentage is given as a percentageOff (plugins/discounts).
  gives: ['percentageOff'],
  describe: ({ when, suggestSkus, percent }) =>
    `with ${describeProductTarget(when)}, suggest ${suggestSkus.join(' or ')}${percent ? ` at ${percent}% off` : ''}`,
  apply({ when, suggestSkus, percent, text }, cart) {
    const { lines } = cart.cart;
    if (!lines.some((line) => matchesProduct(when, line))) return;
    const suggested = { skus: suggestSkus };
    if (!lines.some((line) => matchesProduct(suggested, line))) cart.suggest({ skus: suggestSkus, percent: percent ?? null, text: text ?? null });
    else if (percent) cart.apply('percentageOff', { percent, appliesTo: { products: suggested } });
  },
});

export default definePlugin({ name: 'suggestions', effects: [suggestion] });
