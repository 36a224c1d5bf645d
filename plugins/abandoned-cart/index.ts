// Abandoned cart: the customer has an open cart that became abandoned in a window ("abandoned
// a cart in the last 3 days"). A cart becomes abandoned at its last activity plus the
// shop's abandonment delay, once that moment has passed (the window bounds it by now, as every
// window does); a converted cart never is.
// Optionally the cart must be worth a minimum or contain one of some products.
import {
  cartsFact,
  defineCondition,
  definePlugin,
  describeWindow,
  formatMoney,
  inWindow,
  moneySchema,
  nextWindowChange,
  shopValues,
  sql,
  timeWindowSchema,
  windowSql,
  z,
  type CartFact,
  type Money,
  type ShopContext,
} from '@cohort/plugin-sdk';
import './global-types.js';

const skus = z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one SKU');

/** When the open carts that are worth the minimum and hold one of the SKUs (if given) become abandoned, or became: their last activity plus the shop's delay. */
function abandonments(
  carts: readonly CartFact[],
  { minimumValue, containingSkus }: { minimumValue?: Money | null; containingSkus?: string[] | null },
  shop: ShopContext,
): Date[] {
  return carts
    .filter((cart) => cart.status === 'OPEN')
    .filter((cart) => !minimumValue || (cart.currency === minimumValue.currency && cart.subtotal >= minimumValue.amount))
    .filter((cart) => !containingSkus || cart.lines.some((line) => containingSkus.includes(line.sku)))
    .map((cart) => new Date(cart.lastActivityAt.getTime() + shop.cartAbandonmentMinutes * 60_000));
}

export const abandonedCart = defineCondition({
  type: 'abandonedCart',
  changedOutsideTracking: "the shop's cart abandonment delay",
  label: 'Abandoned a cart',
  params: z.object({
    within: timeWindowSchema.describe('When the cart became abandoned.'),
    minimumValue: moneySchema.nullish().describe("The cart's subtotal, in this currency, is at least this."),
    containingSkus: shopValues('sku', skus.nullish().describe('The cart holds at least one of these products.')),
  }),
  facts: [cartsFact],
  evaluate: ({ within, minimumValue, containingSkus }, { carts }, { now, shop }) =>
    abandonments(carts, { minimumValue, containingSkus }, shop).some((abandonedAt) => inWindow(abandonedAt, within, now)),
  toSql({ within, minimumValue, containingSkus }, { customer, now, shop }) {
    const abandonedAt = sql`(k.last_activity_at + make_interval(mins => ${shop.cartAbandonmentMinutes}::int))`;
    return sql`EXISTS (
      SELECT 1 FROM cohort_v1.carts k
      WHERE k.customer_id = ${customer}.id AND k.status = 'OPEN' AND ${windowSql(abandonedAt, within, now)}
        ${minimumValue ? sql`AND k.currency = ${minimumValue.currency} AND k.subtotal >= ${minimumValue.amount}` : sql``}
        ${containingSkus ? sql`AND EXISTS (SELECT 1 FROM cohort_v1.cart_lines cl JOIN cohort_v1.products p ON p.id = cl.product_id WHERE cl.cart_id = k.id AND p.sku = ANY(${containingSkus}::text[]))` : sql``}
    )`;
  },
  // A cart enters the window when it becomes abandoned (still open then), and leaves a rolling one N days later.
  changesAt: ({ within, minimumValue, containingSkus }, { carts }, { now, shop }) =>
    nextWindowChange(within, abandonments(carts, { minimumValue, containingSkus }, shop), now),
  describe: ({ within, minimumValue, containingSkus }) =>
    `abandoned a cart ${describeWindow(within)}${minimumValue ? ` worth at least ${formatMoney(minimumValue)}` : ''}${containingSkus ? ` containing ${containingSkus.join(' or ')}` : ''}`,
});

export default definePlugin({ name: 'abandoned-cart', conditions: [abandonedCart] });
