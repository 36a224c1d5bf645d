// The plugin test kit: write a small shop into the test database and check that a
// condition's in-memory evaluator and its SQL predicate pick exactly the same customers.
// Partners use it as `import { checkAgreement } from 'cohort/plugin-sdk/testing'`.
import { randomUUID } from 'node:crypto';
import { prisma, query } from '../db/client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { CartStatus, CustomerStatus, OrderStatus } from '../generated/prisma/enums.js';
import { fixedClock } from '../shared/clock.js';
import { parseConditionParams, type AnyCondition } from './condition.js';
import type { ShopContext } from './facts.js';

export interface ProductFixture {
  sku: string;
  name?: string;
  brand?: string | null;
  category?: string | null;
  price?: number;
  currency?: string;
}

export interface CustomerFixture {
  /** Names the customer in failure messages. */
  name: string;
  profile?: {
    email?: string | null;
    firstName?: string | null;
    lastName?: string | null;
    phone?: string | null;
    dateOfBirth?: Date | null;
    category?: string | null;
    groups?: string[];
    tags?: string[];
    registeredAt?: Date;
    status?: CustomerStatus;
    newsletterSubscribed?: boolean;
    marketingConsent?: boolean;
    marketingChannels?: string[];
    referralSource?: string | null;
    loyaltyMember?: boolean;
    loyaltyTier?: string | null;
    customFields?: Record<string, string | number | boolean>;
  };
  addresses?: { country: string; region?: string | null; city?: string | null; postalCode?: string | null; isDefault?: boolean }[];
  orders?: { status?: OrderStatus; placedAt: Date; currency?: string; shippingTotal?: number; shippingMethod?: string | null; lines: { sku: string; quantity?: number; unitPrice: number }[] }[];
  views?: { sku: string; viewedAt: Date }[];
  carts?: { status?: CartStatus; lastActivityAt: Date; currency?: string; lines: { sku: string; quantity?: number; unitPrice?: number }[] }[];
  wishlist?: { sku: string; addedAt: Date }[];
}

export interface Shop {
  /** Fixture name → customer id. */
  customerIds: Map<string, string>;
  /** SKU as given → product id. */
  productIds: Map<string, string>;
  /** The SKU prefix this shop's products were written with (products are namespaced per shop). */
  skuPrefix: string;
}

/**
 * Writes products and customers with their histories. SKUs are prefixed with a unique
 * namespace so several shops can live in one database; conditions see the prefixed SKUs,
 * so pass SKUs in condition parameters through `shop.sku(...)`.
 */
export async function writeShop(products: ProductFixture[], customers: CustomerFixture[]): Promise<Shop & { sku(sku: string): string }> {
  const namespace = randomUUID().slice(0, 8);
  const skuPrefix = `${namespace}-`;
  const productIds = new Map<string, string>();
  const byFixtureSku = new Map<string, ProductFixture & { id: string }>();
  await prisma.$transaction(async (tx) => {
    for (const product of products) {
      const created = await tx.product.create({
        data: { sku: skuPrefix + product.sku, name: product.name ?? product.sku, brand: product.brand ?? null, category: product.category ?? null, price: product.price ?? 1000, currency: product.currency ?? 'USD' },
      });
      productIds.set(product.sku, created.id);
      byFixtureSku.set(product.sku, { ...product, id: created.id });
    }
  });
  const productOf = (sku: string) => {
    const product = byFixtureSku.get(sku);
    if (!product) throw new Error(`Fixture refers to SKU "${sku}", which is not among the shop's products`);
    return product;
  };

  const customerIds = new Map<string, string>();
  await prisma.$transaction(async (tx) => {
    for (const [index, fixture] of customers.entries()) {
      const customer = await tx.customer.create({
        data: {
          externalId: `${namespace}-${index}`,
          registeredAt: new Date('2020-01-01T00:00:00Z'),
          ...fixture.profile,
          email: fixture.profile?.email === undefined ? null : fixture.profile.email,
          addresses: fixture.addresses ? { create: fixture.addresses } : undefined,
        },
      });
      customerIds.set(fixture.name, customer.id);
      for (const [orderIndex, order] of (fixture.orders ?? []).entries()) {
        const lines = order.lines.map((line) => {
          const product = productOf(line.sku);
          const quantity = line.quantity ?? 1;
          return { productId: product.id, quantity, unitPrice: line.unitPrice, lineTotal: quantity * line.unitPrice, brand: product.brand ?? null, category: product.category ?? null };
        });
        const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
        await tx.order.create({
          data: {
            externalId: `${namespace}-${index}-${orderIndex}`,
            customerId: customer.id,
            status: order.status ?? 'VALIDATED',
            placedAt: order.placedAt,
            currency: order.currency ?? 'USD',
            subtotal,
            shippingTotal: order.shippingTotal ?? 0,
            total: subtotal + (order.shippingTotal ?? 0),
            shippingMethod: order.shippingMethod ?? null,
            lines: { create: lines },
          },
        });
      }
      if (fixture.views?.length) {
        await tx.productView.createMany({ data: fixture.views.map((view) => ({ customerId: customer.id, productId: productOf(view.sku).id, viewedAt: view.viewedAt })) });
      }
      for (const [cartIndex, cart] of (fixture.carts ?? []).entries()) {
        // A cart has one line per product: repeated SKUs add up.
        const merged = new Map<string, { productId: string; quantity: number; unitPrice: number }>();
        for (const line of cart.lines) {
          const product = productOf(line.sku);
          const existing = merged.get(product.id);
          merged.set(product.id, { productId: product.id, quantity: (existing?.quantity ?? 0) + (line.quantity ?? 1), unitPrice: line.unitPrice ?? product.price ?? 1000 });
        }
        const lines = [...merged.values()];
        await tx.cart.create({
          data: {
            externalId: `${namespace}-${index}-cart-${cartIndex}`,
            customerId: customer.id,
            status: cart.status ?? 'OPEN',
            currency: cart.currency ?? 'USD',
            lastActivityAt: cart.lastActivityAt,
            subtotal: lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
            lines: { create: lines },
          },
        });
      }
      const wished = new Map((fixture.wishlist ?? []).map((item) => [item.sku, item]));
      if (wished.size > 0) {
        await tx.wishlistItem.createMany({ data: [...wished.values()].map((item) => ({ customerId: customer.id, productId: productOf(item.sku).id, addedAt: item.addedAt })) });
      }
    }
  }, { timeout: 60_000 });
  return { customerIds, productIds, skuPrefix, sku: (sku) => skuPrefix + sku };
}

export interface AgreementResult {
  /** Fixture names of the members according to the in-memory evaluator. */
  inMemory: string[];
  /** Fixture names of the members according to the SQL predicate. */
  inSql: string[];
  /** Fixture names of the members according to the measure, when the condition has one. */
  byMeasure: string[] | null;
}

const defaultShop: ShopContext = { timeZone: 'UTC', cartAbandonmentMinutes: 60 };

/**
 * Evaluates one condition with `params` every way over the shop's customers, at `now`: in
 * memory (`evaluate`), over the whole base (`toSql`) and, when it has one, by its measure
 * read for each customer. Returns the members each way (sorted fixture names); throws if any
 * two differ.
 */
export async function checkAgreement(options: { condition: AnyCondition; params: unknown; shop: Shop; now: Date; shopContext?: ShopContext }): Promise<AgreementResult> {
  const { condition, shop, now } = options;
  const shopContext = options.shopContext ?? defaultShop;
  const parsed = parseConditionParams(condition, options.params);
  if (!parsed.success) throw new Error(`${condition.type}: ${parsed.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ')}`);
  const params = parsed.data;
  const names = new Map([...shop.customerIds].map(([name, id]) => [id, name]));
  const ids = [...shop.customerIds.values()];

  const clock = fixedClock(now);
  const facts: Record<string, Map<string, unknown>> = {};
  for (const fact of condition.facts) facts[fact.name] = await fact.load(ids, { query, prisma, clock, shop: shopContext });
  const inMemory = ids
    .filter((id) => {
      const values = Object.fromEntries(condition.facts.map((fact) => [fact.name, facts[fact.name]?.has(id) ? facts[fact.name]?.get(id) : fact.empty]));
      return condition.evaluate(params, values as never, { now, shop: shopContext, cart: null });
    })
    .map((id) => names.get(id) as string)
    .sort();

  const predicate = condition.toSql(params, { customer: Prisma.raw('"c"'), now, shop: shopContext });
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT c.id FROM "Customer" AS c WHERE c.id IN (${Prisma.join(ids)}) AND COALESCE((${predicate}), FALSE)`;
  const inSql = rows.map((row) => names.get(row.id) as string).sort();

  let byMeasure: string[] | null = null;
  if (condition.measure) {
    const measure = condition.measure;
    const measured = await query<{ id: string; value: unknown }>(
      Prisma.sql`SELECT c.id, (${measure.sql(params, { customer: Prisma.raw('c.id'), now, shop: shopContext }, measure.keys?.(params) ?? [])}) AS value FROM "Customer" AS c WHERE c.id IN (${Prisma.join(ids)})`,
    );
    byMeasure = measured.filter((row) => measure.holds(params, row.value, { now, shop: shopContext, cart: null })).map((row) => names.get(row.id) as string).sort();
  }

  if (JSON.stringify(inMemory) !== JSON.stringify(inSql) || (byMeasure && JSON.stringify(inMemory) !== JSON.stringify(byMeasure))) {
    throw new Error(
      `Condition "${condition.type}" with ${JSON.stringify(options.params)} disagrees with itself:\n  in memory:  [${inMemory.join(', ')}]\n  in SQL:     [${inSql.join(', ')}]` +
        (byMeasure ? `\n  by measure: [${byMeasure.join(', ')}]` : ''),
    );
  }
  return { inMemory, inSql, byMeasure };
}
