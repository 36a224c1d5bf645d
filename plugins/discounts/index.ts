// Discounts: a percentage or an amount off the order, some products' lines or shipping; free
// shipping; tiered brackets ("buy more, save more"); buy X get Y. Cohort rounds each
// amount once and splits it over the lines exactly; these effects only say what to take.
import {
  amountSchema,
  defineEffect,
  definePlugin,
  describeProductTarget,
  graphqlType,
  matchesProduct,
  outputField,
  percentOf,
  percentSchema,
  productTargetOutput,
  productTargetSchema,
  z,
  type CartSnapshot,
  type EffectCart,
  type OutputObject,
} from '@cohort/plugin-sdk';

/** What a discount applies to; left out, the order. */
const discountTargetSchema = graphqlType(
  'DiscountTargetInput',
  z.object({ order: z.boolean().nullish(), shipping: z.boolean().nullish(), products: productTargetSchema.nullish().describe('The lines of these products.') }),
  { description: 'What a discount applies to: exactly one of order, shipping, products. Defaults to the order.', oneOf: true },
);
type DiscountTarget = z.infer<typeof discountTargetSchema> | null | undefined;

const kindOf = (target: DiscountTarget) => (target?.products ? 'PRODUCTS' : target?.shipping ? 'SHIPPING' : 'ORDER');

const discountTargetOutput: OutputObject = {
  object: 'DiscountTarget',
  description: 'What a discount applies to: the order, shipping, or the lines of some products.',
  fields: {
    kind: outputField<DiscountTarget>({ type: { enum: 'DiscountTargetKind', values: ['ORDER', 'SHIPPING', 'PRODUCTS'] }, resolve: kindOf }),
    skus: outputField<DiscountTarget>({ type: { list: 'String' }, nullable: true, resolve: (target) => target?.products?.skus ?? null }),
    brands: outputField<DiscountTarget>({ type: { list: 'String' }, nullable: true, resolve: (target) => target?.products?.brands ?? null }),
    categories: outputField<DiscountTarget>({ type: { list: 'String' }, nullable: true, resolve: (target) => target?.products?.categories ?? null }),
  },
};

function describeTarget(target: DiscountTarget): string {
  if (target?.products) return describeProductTarget(target.products);
  return target?.shipping ? 'shipping' : 'the order';
}

/** The lines a target names: every line for the order, the matching ones for products. */
function linesOf(cart: CartSnapshot, target: DiscountTarget): number[] {
  const lines: number[] = [];
  cart.lines.forEach((line, index) => {
    if (!target?.products || matchesProduct(target.products, line)) lines.push(index);
  });
  return lines;
}

function discount(cart: EffectCart, target: DiscountTarget, off: { percent: number } | { amount: number }): void {
  if (target?.shipping) cart.discountShipping(off);
  else cart.discountLines(linesOf(cart.cart, target), off);
}

export const percentageOff = defineEffect({
  type: 'percentageOff',
  label: 'A percentage off the order, some products or shipping',
  params: graphqlType(
    'PercentageOffInput',
    z.object({
      percent: percentSchema.describe('e.g. 10 for 10%; more than 0, at most 100, two decimals at most.'),
      appliesTo: discountTargetSchema.nullish(),
    }),
  ),
  output: {
    name: 'PercentageOffEffect',
    fields: {
      percent: outputField({ type: 'Float', resolve: ({ percent }) => percent }),
      // Left out, a discount applies to the order: `{}` reads as ORDER.
      appliesTo: outputField({ type: discountTargetOutput, resolve: ({ appliesTo }) => appliesTo ?? {} }),
    },
  },
  describe: ({ percent, appliesTo }) => `${percent}% off ${describeTarget(appliesTo)}`,
  apply: ({ percent, appliesTo }, cart) => discount(cart, appliesTo, { percent }),
});

export const amountOff = defineEffect({
  type: 'amountOff',
  label: 'An amount off the order, some products or shipping',
  params: graphqlType(
    'AmountOffInput',
    z.object({
      amount: amountSchema.min(1, 'must be more than 0').describe("Minor units of the promotion's currency."),
      appliesTo: discountTargetSchema.nullish(),
    }),
  ),
  output: {
    name: 'AmountOffEffect',
    fields: {
      amount: outputField({ type: 'Money', resolve: ({ amount }) => amount }),
      appliesTo: outputField({ type: discountTargetOutput, resolve: ({ appliesTo }) => appliesTo ?? {} }),
    },
  },
  describe: ({ amount, appliesTo }, { money }) => `${money(amount)} off ${describeTarget(appliesTo)}`,
  apply: ({ amount, appliesTo }, cart) => discount(cart, appliesTo, { amount }),
});

export const freeShipping = defineEffect({
  type: 'freeShipping',
  label: 'Free shipping',
  params: z.literal(true),
  output: { name: 'FreeShippingEffect', fields: { freeShipping: outputField({ type: 'Boolean', resolve: () => true }) } },
  describe: () => 'free shipping',
  apply: (_params, cart) => void cart.discountShipping('all'),
});

const tierDiscounts = { percentageOff, amountOff, freeShipping } as const;

const tierEffectSchema = graphqlType(
  'TierEffectInput',
  z
    .object({ percentageOff: percentageOff.params.nullish(), amountOff: amountOff.params.nullish(), freeShipping: freeShipping.params.nullish() })
    .refine((effect) => Object.values(effect).filter((value) => value != null).length === 1, {
      message: 'set exactly one of percentageOff, amountOff, freeShipping',
    }),
  { description: 'One discount of a tier: set exactly one field.', oneOf: true },
);
type TierEffect = z.infer<typeof tierEffectSchema>;

/** A tier's discount as the effect it is: its type and parameters. */
const asEffect = (effect: TierEffect) => {
  const [type, params] = Object.entries(effect).find(([, value]) => value != null) as [keyof typeof tierDiscounts, never];
  return { type, params };
};

const tierSchema = graphqlType(
  'PromotionTierInput',
  z.object({
    minSubtotal: amountSchema.describe('The tier applies from this cart subtotal, in minor units.'),
    effects: z.array(tierEffectSchema).min(1, 'a tier gives at least one discount'),
  }),
);

export const tiered = defineEffect({
  type: 'tiered',
  label: 'Tiered discounts: the highest tier the cart subtotal reaches applies',
  params: graphqlType(
    'TieredEffectInput',
    z.object({
      tiers: z
        .array(tierSchema)
        .min(1, 'give at least one tier')
        .refine(
          (tiers) => tiers.every((tier, index) => index === 0 || tier.minSubtotal > (tiers[index - 1] as { minSubtotal: number }).minSubtotal),
          'tiers must have increasing minimum subtotals',
        ),
    }),
  ),
  output: {
    name: 'TieredEffect',
    description: '"Buy more, save more": the highest tier the cart subtotal reaches applies.',
    fields: {
      tiers: outputField({
        type: {
          list: {
            object: 'PromotionTier',
            fields: {
              minSubtotal: outputField<z.infer<typeof tierSchema>>({ type: 'Money', resolve: (tier) => tier.minSubtotal }),
              effects: outputField<z.infer<typeof tierSchema>>({
                type: { list: { effectUnion: 'TierDiscount', effects: Object.keys(tierDiscounts), description: 'A discount a tier gives.' } },
                resolve: (tier) => tier.effects.map(asEffect),
              }),
            },
          },
        },
        resolve: ({ tiers }) => tiers,
      }),
    },
  },
  describe: ({ tiers }, context) =>
    tiers
      .map(
        (tier) =>
          `from ${context.money(tier.minSubtotal)}: ${tier.effects
            .map(asEffect)
            .map(({ type, params }) => tierDiscounts[type].describe(params as never, context))
            .join(' and ')}`,
      )
      .join('; '),
  apply({ tiers }, cart) {
    const reached = tiers.filter((tier) => tier.minSubtotal <= cart.cart.subtotal).at(-1);
    for (const effect of reached?.effects ?? []) {
      const { type, params } = asEffect(effect);
      cart.apply(type, params);
    }
  },
  subtotalThresholds: ({ tiers }) => tiers.map((tier) => tier.minSubtotal),
  gives: Object.keys(tierDiscounts),
});

export const buyXGetY = defineEffect({
  type: 'buyXGetY',
  label: 'Buy X get Y: units of some products discounted for units of others bought',
  params: graphqlType(
    'BuyXGetYInput',
    z.object({
      buy: productTargetSchema,
      buyQuantity: z.number().int().min(1, 'must be at least 1'),
      get: productTargetSchema,
      getQuantity: z.number().int().min(1, 'must be at least 1'),
      percent: percentSchema.nullish().describe('Off the "get" units; defaults to 100 (free).'),
    }),
  ),
  output: {
    name: 'BuyXGetYEffect',
    description: 'For every buyQuantity units of the "buy" products, getQuantity units of the "get" products are discounted, cheapest first.',
    fields: {
      buy: outputField({ type: productTargetOutput, resolve: ({ buy }) => buy }),
      buyQuantity: outputField({ type: 'Int', resolve: ({ buyQuantity }) => buyQuantity }),
      get: outputField({ type: productTargetOutput, resolve: ({ get }) => get }),
      getQuantity: outputField({ type: 'Int', resolve: ({ getQuantity }) => getQuantity }),
      percent: outputField({ type: 'Float', description: '100 means free.', resolve: ({ percent }) => percent ?? 100 }),
    },
  },
  describe: ({ buy, buyQuantity, get, getQuantity, percent }) =>
    `buy ${buyQuantity} of ${describeProductTarget(buy)}, get ${getQuantity} of ${describeProductTarget(get)} ${(percent ?? 100) === 100 ? 'free' : `${percent}% off`}`,
  // For every buyQuantity units of the "buy" products, getQuantity "get" units are discounted,
  // cheapest first. When the two overlap (buy 2 socks, get a third free), a unit counts once:
  // each group is buy + get units of the same products.
  apply({ buy, buyQuantity, get, getQuantity, percent }, cart) {
    const { lines } = cart.cart;
    const units = (target: typeof buy) =>
      lines.flatMap((line, index) => (matchesProduct(target, line) ? Array.from({ length: line.quantity }, () => index) : []));
    const buyUnits = units(buy);
    const getUnits = units(get);
    const overlap = getUnits.some((index) => buyUnits.includes(index));
    const free = overlap
      ? Math.floor(getUnits.length / (buyQuantity + getQuantity)) * getQuantity
      : Math.min(Math.floor(buyUnits.length / buyQuantity) * getQuantity, getUnits.length);
    // Cheapest units first, priced at what remains of each line per unit.
    const unitPrice = (index: number) => Math.floor((cart.lines[index] as number) / (lines[index] as { quantity: number }).quantity);
    const chosen = [...getUnits].sort((a, b) => unitPrice(a) - unitPrice(b) || a - b).slice(0, free);
    const perLine = new Map<number, number>();
    for (const index of chosen) perLine.set(index, (perLine.get(index) ?? 0) + percentOf(unitPrice(index), percent ?? 100));
    cart.takeFromLines([...perLine].map(([line, amount]) => ({ line, amount })));
  },
});

export default definePlugin({ name: 'discounts', effects: [percentageOff, amountOff, freeShipping, tiered, buyXGetY] });
