// The benchmarks' catalogue, as a shop runs one: 300 segments over behaviour and profile,
// and 5,000 promotions, of which the first 500 are active (the eligibility benchmark turns
// all on for its 5,000-promotion mode). As in a shop's catalogue, few promotions are for
// everyone (5% of the first 500): most are for some segments (of two or three conditions
// each), need some products in the cart, or need a code. The 4,500 others are narrower still,
// as a large catalogue's are: each is for a segment and needs products from the whole range
// of 2,000, or a code, so that a cart gets about as many offers from 5,000 as from 500. About 30% show messages (some
// "add {missing} more" nudges), 30% discount some products only, 10% are tiered, 5% are buy X
// get Y, 10% run on a schedule, 3% are exclusive, 20% have per-customer limits and 10%
// periodic ones, 10% need a voucher code, and most target segments. Built through Cohort's own
// write functions, so every rule and effect is validated as an admin's would be.
import type { RuleTree } from '@cohort/plugin-sdk';
import type { sizes } from './generate-data.js';

export async function createCatalogue(size: ReturnType<typeof sizes>) {
  const { createSegment } = await import('../src/segments/segments.js');
  const { createPromotion } = await import('../src/promotions/promotions.js');
  const { effectsFromInput } = await import('../src/promotions/effects.js');
  const { configuredRegistry } = await import('../src/registry/load.js');
  const { builtinPlugins } = await import('../plugins/index.js');
  const registry = await configuredRegistry(builtinPlugins, (await import('../src/runtime.js')).currentRuntime().config.plugins);
  const { createVoucherCodes } = await import('../src/promotions/voucher-codes.js');
  const { systemClock } = await import('../src/shared/clock.js');

  let seed = 11;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const sku = () => `SKU-${String(between(1, 200)).padStart(5, '0')}`;
  const brand = () => `Brand ${between(0, size.brands - 1)}`;
  const category = () => `Category ${between(0, size.categories - 1)}`;
  const usd = (amount: number) => ({ amount, currency: 'USD' });

  const leaves: (() => RuleTree)[] = [
    () => ({ condition: { type: 'amountSpent', params: { amount: { moreThan: usd(between(0, 1_000) * 100) }, within: { lastDays: pick([90, 365]) } } } }),
    () => ({ condition: { type: 'viewCount', params: { products: { skus: [sku()] }, count: { moreThan: between(0, 2) } } } }),
    () => ({ condition: { type: 'brandPurchased', params: { brands: [brand()], within: { lastDays: 90 } } } }),
    () => ({ condition: { type: 'customerCategory', params: { categories: [pick(['wholesale', 'vip', 'retail'])] } } }),
    () => ({ condition: { type: 'orderCount', params: { count: { atLeast: between(1, 10) } } } }),
    () => ({ condition: { type: 'country', params: { anyOf: [pick(['US', 'FR', 'DE', 'CA', 'GB'])] } } }),
    () => ({ condition: { type: 'productsOrdered', params: { products: { categories: [category()] }, within: { lastDays: 365 } } } }),
    () => ({ condition: { type: 'lastOrder', params: { daysAgo: { atMost: between(30, 400) } } } }),
  ];
  const segmentIds: string[] = [];
  for (let index = 0; index < size.segments; index += 1) {
    const count = between(2, 3);
    const children = Array.from({ length: count }, () => (random() < 0.15 ? { not: pick(leaves)() } : pick(leaves)()));
    const rule: RuleTree = random() < 0.85 ? { and: children } : { or: children };
    segmentIds.push((await createSegment(registry, { name: `Bench segment ${index}`, rule }, systemClock)).id);
  }

  // Effects as an admin sends them (PromotionEffectInput); the order of the random draws makes the catalogue.
  const target = () => (random() < 0.5 ? null : { products: pick([{ skus: [sku(), sku()] }, { brands: [brand()] }, { categories: [category()] }]) });
  const discount = (productTargeted: boolean) =>
    random() < 0.5
      ? { percentageOff: { percent: between(1, 30), appliesTo: productTargeted ? target() : null } }
      : { amountOff: { amount: 100 * between(1, 30), appliesTo: productTargeted ? target() : null } };
  let codes = 0;
  for (let index = 0; index < size.promotions; index += 1) {
    const narrow = index >= size.activePromotions;
    const productTargeted = random() < 0.3;
    const threshold = random() < 0.3 ? 5_000 + 100 * between(0, 200) : null;
    const tiered = random() < 0.1;
    const effects: Record<string, unknown>[] = tiered
      ? [
          {
            tiered: {
              tiers: [
                { minSubtotal: 5_000, effects: [discount(false)] },
                { minSubtotal: 15_000, effects: [discount(false)] },
                { minSubtotal: 30_000, effects: [discount(false), { freeShipping: true }] },
              ],
            },
          },
        ]
      : random() < 0.05
        ? [{ buyXGetY: { buy: { skus: [sku()] }, buyQuantity: between(1, 2), get: { brands: [brand()] }, getQuantity: 1, percent: pick([50, 100]) } }]
        : [discount(productTargeted), ...(random() < 0.15 ? [{ freeShipping: true }] : [])];
    if (random() < 0.3) {
      const nudge = tiered || (!narrow && threshold !== null);
      effects.push({
        message: {
          text: nudge ? 'Add {missing} more to unlock this offer' : `Offer ${index} is yours`,
          placement: pick(['CART', 'CART', 'PRODUCT_PAGE']),
          link: random() < 0.5 ? `https://shop.example/offers/${index}` : null,
        },
      });
    }
    const forEveryone = narrow ? 0 : 0.05;
    const included = random() >= forEveryone ? [pick(segmentIds), ...(random() < 0.3 ? [pick(segmentIds)] : [])] : [];
    const excluded = random() < 0.1 ? [pick(segmentIds)].filter((id) => !included.includes(id)) : [];
    const requiresVoucher = random() < 0.1;
    const promotion = await createPromotion(registry, {
      name: `Bench promotion ${index}`,
      status: index < size.activePromotions ? 'ACTIVE' : 'DRAFT',
      currency: 'USD',
      priority: between(0, 9),
      includeSegmentIds: included,
      excludeSegmentIds: excluded,
      cartRule: narrow
        ? {
            condition: {
              type: 'cartContains',
              params: { products: { skus: [1, 2, 3].map(() => `SKU-${String(between(1, size.products)).padStart(5, '0')}`) } },
            },
          }
        : threshold !== null
          ? { condition: { type: 'cartSubtotal', params: { subtotal: { moreThan: usd(threshold) } } } }
          : random() < 0.4
            ? { condition: { type: 'cartContains', params: { products: random() < 0.5 ? { brands: [brand()] } : { skus: [sku(), sku(), sku()] } } } }
            : null,
      schedule: random() < 0.1 ? { daysOfWeek: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'].slice(0, between(3, 6)) as never } : null,
      exclusive: random() < 0.03,
      effects: effectsFromInput(effects, registry),
      usageLimitPerCustomer: random() < 0.2 ? between(1, 3) : null,
      periodicLimits: random() < 0.1 ? [{ period: pick(['DAY', 'WEEK', 'MONTH'] as const), limit: between(1, 5), perCustomer: random() < 0.5 }] : [],
      usageLimit: random() < 0.05 ? between(10_000, 100_000) : null,
      requiresVoucher,
    });
    if (requiresVoucher) codes += (await createVoucherCodes(promotion.id, { codes: [`BENCH${index}`] }, {})).length;
  }
  return { segments: segmentIds.length, promotions: size.promotions, codes };
}
