// The demo shop written to the database: the generated shop (demo-data.ts), a few segments and
// promotions, the RFM thresholds and the retention baseline. `npm run seed` runs it; the
// console's browser tests seed their database with it. Running it again replaces the previous
// demo data (customers "demo-…", their history, and the "Demo:" segments and promotions)
// instead of duplicating it; demo products are upserted by SKU.
import { prisma } from '../src/db/client.js';
import { effectsFromInput } from '../src/promotions/effects.js';
import { createPromotion } from '../src/promotions/promotions.js';
import type { PluginRegistry } from '../src/registry/registry.js';
import { REFRESH_TRANSACTION, refreshRfmThresholds } from '../src/rfm/refresh.js';
import { refreshRetentionBaseline } from '../src/retention/baseline.js';
import { createSegment } from '../src/segments/segments.js';
import { SEGMENT_TEMPLATES, type SegmentTemplate } from '../src/segments/templates.js';
import { systemClock, type Clock } from '../src/shared/clock.js';
import { generateDemoShop, type DemoShop } from './demo-data.js';

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 5_000) {
  for (let start = 0; start < rows.length; start += size) await write(rows.slice(start, start + size));
}

export async function seedDemoShop(registry: PluginRegistry, clock: Clock = systemClock): Promise<DemoShop> {
  const shop = generateDemoShop({ now: clock.now() });

  /** Effects written as an admin sends them (PromotionEffectInput), checked by their plugins. */
  const effects = (...inputs: Record<string, unknown>[]) => effectsFromInput(inputs, registry);

  await prisma.$transaction(
    async (tx) => {
      await tx.promotion.deleteMany({ where: { name: { startsWith: 'Demo: ' } } });
      await tx.segment.deleteMany({ where: { name: { startsWith: 'Demo: ' } } });
      await tx.customer.deleteMany({ where: { externalId: { startsWith: 'demo-' } } });
      await tx.order.deleteMany({ where: { externalId: { startsWith: 'demo-order-' } } });
      await tx.cart.deleteMany({ where: { externalId: { startsWith: 'demo-cart-' } } });

      const productIds = new Map<string, string>();
      for (const { id, ...product } of shop.products) {
        const saved = await tx.product.upsert({ where: { sku: product.sku }, create: { id, ...product }, update: product });
        productIds.set(id, saved.id);
      }
      const product = (generatedId: string) => productIds.get(generatedId) as string;

      await inChunks(shop.customers, (rows) => tx.customer.createMany({ data: rows }));
      await inChunks(shop.addresses, (rows) => tx.address.createMany({ data: rows }));
      await inChunks(shop.orders, (rows) => tx.order.createMany({ data: rows }));
      await inChunks(shop.orderLines, (rows) => tx.orderLine.createMany({ data: rows.map((line) => ({ ...line, productId: product(line.productId) })) }));
      await inChunks(shop.views, (rows) => tx.productView.createMany({ data: rows.map((view) => ({ ...view, productId: product(view.productId) })) }));
      await inChunks(shop.carts, (rows) => tx.cart.createMany({ data: rows }));
      await inChunks(shop.cartLines, (rows) => tx.cartLine.createMany({ data: rows.map((line) => ({ ...line, productId: product(line.productId) })) }));
      await inChunks(shop.wishlist, (rows) => tx.wishlistItem.createMany({ data: rows.map((item) => ({ ...item, productId: product(item.productId) })) }));
    },
    { timeout: 300_000 },
  );

  const wholesale = await createSegment(
    registry,
    { name: 'Demo: Wholesale customers', rule: { condition: { type: 'customerCategory', params: { categories: ['wholesale'] } } } },
    clock,
  );
  const trailblazeFans = await createSegment(
    registry,
    {
      name: 'Demo: Bought Trailblaze in the last 90 days',
      rule: { condition: { type: 'brandPurchased', params: { brands: ['Trailblaze'], within: { lastDays: 90 } } } },
    },
    clock,
  );
  await createPromotion(registry, {
    name: 'Demo: Wholesale 10% off',
    status: 'ACTIVE',
    currency: 'USD',
    includeSegmentIds: [wholesale.id],
    effects: effects({ percentageOff: { percent: 10 } }),
  });
  await createPromotion(registry, {
    name: 'Demo: Free shipping over $100',
    status: 'ACTIVE',
    currency: 'USD',
    cartRule: { condition: { type: 'cartSubtotal', params: { subtotal: { moreThan: { amount: 10_000, currency: 'USD' } } } } },
    effects: effects({ freeShipping: true }, { message: { text: 'Add {missing} more for free shipping', placement: 'CART' } }),
  });
  const bigSpenders = await createSegment(
    registry,
    {
      name: 'Demo: Spent more than $300 in the past year',
      rule: { condition: { type: 'amountSpent', params: { amount: { moreThan: { amount: 30_000, currency: 'USD' } }, within: { lastDays: 365 } } } },
    },
    clock,
  );
  await createPromotion(registry, {
    name: 'Demo: 10% off for big spenders',
    status: 'ACTIVE',
    currency: 'USD',
    includeSegmentIds: [bigSpenders.id],
    effects: effects({ percentageOff: { percent: 10 } }),
  });
  await createPromotion(registry, {
    name: 'Demo: $15 off for Trailblaze fans',
    status: 'ACTIVE',
    currency: 'USD',
    includeSegmentIds: [trailblazeFans.id],
    excludeSegmentIds: [wholesale.id],
    effects: effects({ amountOff: { amount: 1_500 } }),
  });

  // The RFM thresholds and the retention baseline over the demo orders, so that RFM groups and retention stages are the shop's at once (the server also recomputes them hourly).
  await prisma.$transaction(async (tx) => {
    await refreshRfmThresholds(tx, clock.now());
    await refreshRetentionBaseline(tx, clock.now());
  }, REFRESH_TRANSACTION);

  // A few of the built-in segments (segmentTemplates), so that they show with members.
  for (const key of ['LOYAL_CUSTOMERS', 'POTENTIAL_CUSTOMERS', 'FIRST_ORDER_RECENTLY', 'RFM_CHAMPIONS', 'RETENTION_DRIFTING']) {
    const template = SEGMENT_TEMPLATES.find((candidate) => candidate.key === key) as SegmentTemplate;
    await createSegment(registry, { name: `Demo: ${template.name}`, description: template.description, rule: template.rule({ currency: 'USD' }) }, clock);
  }
  return shop;
}
