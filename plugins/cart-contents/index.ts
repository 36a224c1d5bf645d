// Conditions on the cart being priced (the storefront's current cart): its subtotal
// ("carts between $100 and $200"), whether it contains some products, how many items it
// holds. They need a cart: over the whole customer base (counts, exports) they are not met.
import {
  countRangeSchema,
  defineCondition,
  definePlugin,
  describeCount,
  describeMoney,
  describeProductTarget,
  inRange,
  lowestInRange,
  matchesProduct,
  moneyRangeSchema,
  productTargetSchema,
  rangeCurrency,
  sql,
  z,
} from '@cohort/plugin-sdk';
import './global-types.js';

export const cartSubtotal = defineCondition({
  type: 'cartSubtotal',
  label: 'Cart subtotal',
  params: z.object({ subtotal: moneyRangeSchema.describe("Bounds on the cart's subtotal; a cart in another currency does not match.") }),
  facts: [],
  evaluate: ({ subtotal }, _facts, { cart }) => cart !== null && cart.currency === rangeCurrency(subtotal) && inRange(cart.subtotal, subtotal),
  toSql: () => sql`FALSE`,
  // "Nearly eligible": the storefront says how much more reaches the lower bound.
  subtotalThresholds: ({ subtotal }) => {
    const lowest = lowestInRange(subtotal);
    return lowest === null ? [] : [{ amount: lowest, currency: rangeCurrency(subtotal) }];
  },
  cartCurrency: ({ subtotal }) => rangeCurrency(subtotal),
  describe: ({ subtotal }) => `has ${describeMoney(subtotal)} in the cart`,
});

export const cartContains = defineCondition({
  type: 'cartContains',
  label: 'Cart contains products',
  params: z.object({
    products: productTargetSchema,
    minQuantity: z
      .preprocess((value) => value ?? undefined, z.number().int().min(1, 'must be at least 1').default(1))
      .describe('Units of matching products in all, at least; defaults to 1.'),
  }),
  facts: [],
  evaluate: ({ products, minQuantity }, _facts, { cart }) =>
    cart !== null && cart.lines.filter((line) => matchesProduct(products, line)).reduce((sum, line) => sum + line.quantity, 0) >= minQuantity,
  toSql: () => sql`FALSE`,
  describe: ({ products, minQuantity }) => `has ${minQuantity > 1 ? `${minQuantity} units of ` : ''}${describeProductTarget(products)} in the cart`,
});

export const cartItemCount = defineCondition({
  type: 'cartItemCount',
  label: 'Number of items in the cart',
  params: z.object({ count: countRangeSchema.describe('Bounds on the total quantity in the cart.') }),
  facts: [],
  evaluate: ({ count }, _facts, { cart }) =>
    cart !== null &&
    inRange(
      cart.lines.reduce((sum, line) => sum + line.quantity, 0),
      count,
    ),
  toSql: () => sql`FALSE`,
  describe: ({ count }) => `has ${describeCount(count, 'item')} in the cart`,
});

export default definePlugin({ name: 'cart-contents', conditions: [cartSubtotal, cartContains, cartItemCount] });
