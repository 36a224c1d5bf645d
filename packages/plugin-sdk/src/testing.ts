// The plugin test kit: a migrated in-memory database, a small shop written into it, a check
// that a condition's in-memory evaluator, its SQL predicate and its measure pick exactly the
// same customers, and effects given to a cart as Cohort prices them. Partners use it from
// their own folder:
//
//   import { applyEffects, checkAgreement, createTestDatabase, writeShop } from '@cohort/plugin-sdk/testing';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { parseConditionParams, type AnyCondition } from './condition.js';
import { valueParsers, type Query, type ShopContext } from './facts.js';
import type { CartStatus } from './behaviour.js';
import { parseEffectParams, type AnyEffect } from './effect.js';
import type { ConditionParams } from './global-types.js';
import type { OrderStatus } from './orders.js';
import { EffectPricing, initialState, type AppliedEffect } from './pricing.js';
import { join, sql } from './sql.js';

/** What the kit needs of a database: reads and writes with the SDK's `sql` statements. */
export interface TestDatabase {
  query: Query;
  close(): Promise<void>;
}

/**
 * A new in-memory PostgreSQL (PGlite) with Cohort's schema and the data contract's views, as
 * of this SDK's version: migrations ship inside the package. Close it when done.
 *
 * The migrations are applied once per machine: the migrated database is kept as a dump in the
 * system's temporary folder, named by a hash of the migrations, and each new database loads it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite({ loadDataDir: new Blob([await migratedDump()]) });
  return {
    query: async <Row extends object>(statement: { text: string; values: readonly unknown[] }) =>
      (await pglite.query<Row>(statement.text, statement.values as unknown[], { parsers: valueParsers as Record<number, (value: string) => unknown> })).rows,
    close: () => pglite.close(),
  };
}

let dumpInProcess: Promise<Uint8Array> | null = null;

/** The dump of a database with every migration applied: read from the cache, or made and cached (atomically: test files run in parallel). */
function migratedDump(): Promise<Uint8Array> {
  dumpInProcess ??= (async () => {
    const folder = new URL('../migrations/', import.meta.url);
    const migrations = readdirSync(folder)
      .filter((name) => name.endsWith('.sql'))
      .sort()
      .map((file) => readFileSync(new URL(file, folder), 'utf8'));
    const hash = createHash('sha256');
    for (const migration of migrations) hash.update(migration).update('\0');
    const cached = joinPath(tmpdir(), `cohort-plugin-sdk-${hash.digest('hex').slice(0, 16)}.tar`);
    if (existsSync(cached)) return readFileSync(cached);
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = new PGlite();
    for (const migration of migrations) await pglite.exec(migration);
    const dump = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    await pglite.close();
    const partial = `${cached}.${process.pid}.${randomUUID()}`;
    writeFileSync(partial, dump);
    renameSync(partial, cached);
    return dump;
  })();
  dumpInProcess.catch(() => (dumpInProcess = null));
  return dumpInProcess;
}

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
    status?: 'ACTIVE' | 'DEACTIVATED';
    newsletterSubscribed?: boolean;
    marketingConsent?: boolean;
    marketingChannels?: string[];
    referralSource?: string | null;
    loyaltyMember?: boolean;
    loyaltyTier?: string | null;
    /** Custom fields as Cohort stores them: declared dates as "YYYY-MM-DD", instants as "YYYY-MM-DDTHH:MM:SS.mmmZ", money as { amount, currency }. */
    customFields?: Record<string, string | number | boolean | string[] | { amount: number; currency: string }>;
  };
  addresses?: { country: string; region?: string | null; city?: string | null; postalCode?: string | null; isDefault?: boolean }[];
  orders?: {
    status?: OrderStatus;
    placedAt: Date;
    currency?: string;
    shippingTotal?: number;
    discountTotal?: number;
    shippingMethod?: string | null;
    lines: { sku: string; quantity?: number; unitPrice: number }[];
  }[];
  views?: { sku: string; viewedAt: Date }[];
  carts?: { status?: CartStatus; lastActivityAt: Date; currency?: string; lines: { sku: string; quantity?: number; unitPrice?: number }[] }[];
  wishlist?: { sku: string; addedAt: Date }[];
  /**
   * Promotions redeemed: `order` is the index of the customer's fixture order it was redeemed on
   * (its order reference is then that order's external id; leave out for an order Cohort does
   * not have), `withCode` whether a voucher code was used, `rolledBackAt` when it was rolled back.
   */
  redemptions?: { order?: number | null; withCode?: boolean; redeemedAt: Date; rolledBackAt?: Date | null; discountAmount?: number }[];
  /** Custom events, stored in this order (events at the same instant are ordered by it); their types are declared as needed. */
  events?: { type: string; occurredAt: Date; properties?: Record<string, string | number | boolean> }[];
}

export interface Shop {
  /** Fixture name → customer id. */
  customerIds: Map<string, string>;
  /** SKU as given → product id. */
  productIds: Map<string, string>;
  /** The SKU prefix this shop's products were written with (products are namespaced per shop). */
  skuPrefix: string;
  /** A fixture's SKU as written: pass SKUs in condition parameters through it. */
  sku(sku: string): string;
}

/** Instants are written as UTC, whatever the process's time zone (Cohort stores timestamps without a zone, in UTC). */
const instant = (date: Date) => sql`${date.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
const day = (date: Date) => sql`${date.toISOString().slice(0, 10)}::date`;

/**
 * Writes products and customers with their histories. SKUs are prefixed with a unique
 * namespace so several shops can live in one database; conditions see the prefixed SKUs,
 * so pass SKUs in condition parameters through `shop.sku(...)`.
 */
export async function writeShop(db: Pick<TestDatabase, 'query'>, products: ProductFixture[], customers: CustomerFixture[]): Promise<Shop> {
  const namespace = randomUUID().slice(0, 8);
  const skuPrefix = `${namespace}-`;
  const write = (statement: ReturnType<typeof sql>) => db.query(statement);
  const productIds = new Map<string, string>();
  const byFixtureSku = new Map<string, ProductFixture & { id: string }>();
  for (const product of products) {
    const id = randomUUID();
    await write(sql`INSERT INTO "Product" (id, sku, name, brand, category, price, currency, "updatedAt")
      VALUES (${id}, ${skuPrefix + product.sku}, ${product.name ?? product.sku}, ${product.brand ?? null}, ${product.category ?? null}, ${product.price ?? 1000}, ${product.currency ?? 'USD'}, now())`);
    productIds.set(product.sku, id);
    byFixtureSku.set(product.sku, { ...product, id });
  }
  const productOf = (sku: string) => {
    const product = byFixtureSku.get(sku);
    if (!product) throw new Error(`Fixture refers to SKU "${sku}", which is not among the shop's products`);
    return product;
  };

  const customerIds = new Map<string, string>();
  for (const [index, fixture] of customers.entries()) {
    const id = randomUUID();
    const profile = fixture.profile ?? {};
    await write(sql`INSERT INTO "Customer" (id, "externalId", email, "firstName", "lastName", phone, "dateOfBirth", category, groups, tags, "registeredAt", status,
        "newsletterSubscribed", "marketingConsent", "marketingChannels", "referralSource", "loyaltyMember", "loyaltyTier", "customFields", "updatedAt")
      VALUES (${id}, ${`${namespace}-${index}`}, ${profile.email ?? null}, ${profile.firstName ?? null}, ${profile.lastName ?? null}, ${profile.phone ?? null},
        ${profile.dateOfBirth ? day(profile.dateOfBirth) : null}, ${profile.category ?? null}, ${profile.groups ?? []}::text[], ${profile.tags ?? []}::text[],
        ${instant(profile.registeredAt ?? new Date('2020-01-01T00:00:00Z'))}, ${profile.status ?? 'ACTIVE'}::"CustomerStatus", ${profile.newsletterSubscribed ?? false},
        ${profile.marketingConsent ?? false}, ${profile.marketingChannels ?? []}::text[], ${profile.referralSource ?? null}, ${profile.loyaltyMember ?? false},
        ${profile.loyaltyTier ?? null}, ${JSON.stringify(profile.customFields ?? {})}::jsonb, now())`);
    customerIds.set(fixture.name, id);
    for (const address of fixture.addresses ?? []) {
      await write(sql`INSERT INTO "Address" (id, "customerId", "isDefault", country, region, city, "postalCode")
        VALUES (${randomUUID()}, ${id}, ${address.isDefault ?? false}, ${address.country}, ${address.region ?? null}, ${address.city ?? null}, ${address.postalCode ?? null})`);
    }
    for (const [orderIndex, order] of (fixture.orders ?? []).entries()) {
      const orderId = randomUUID();
      const lines = order.lines.map((line) => {
        const product = productOf(line.sku);
        const quantity = line.quantity ?? 1;
        return { product, quantity, unitPrice: line.unitPrice, lineTotal: quantity * line.unitPrice };
      });
      const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
      // What the customer paid, as ingestion computes it: subtotal − discounts + shipping.
      const total = subtotal - (order.discountTotal ?? 0) + (order.shippingTotal ?? 0);
      await write(sql`INSERT INTO "Order" (id, "externalId", "customerId", status, "placedAt", currency, subtotal, "discountTotal", "shippingTotal", total, "shippingMethod")
        VALUES (${orderId}, ${`${namespace}-${index}-${orderIndex}`}, ${id}, ${order.status ?? 'VALIDATED'}::"OrderStatus", ${instant(order.placedAt)}, ${order.currency ?? 'USD'},
          ${subtotal}, ${order.discountTotal ?? 0}, ${order.shippingTotal ?? 0}, ${total}, ${order.shippingMethod ?? null})`);
      for (const line of lines) {
        await write(sql`INSERT INTO "OrderLine" (id, "orderId", "productId", quantity, "unitPrice", "lineTotal", brand, category)
          VALUES (${randomUUID()}, ${orderId}, ${line.product.id}, ${line.quantity}, ${line.unitPrice}, ${line.lineTotal}, ${line.product.brand ?? null}, ${line.product.category ?? null})`);
      }
    }
    for (const view of fixture.views ?? []) {
      await write(sql`INSERT INTO "ProductView" ("customerId", "productId", "viewedAt") VALUES (${id}, ${productOf(view.sku).id}, ${instant(view.viewedAt)})`);
    }
    for (const [cartIndex, cart] of (fixture.carts ?? []).entries()) {
      // A cart has one line per product: repeated SKUs add up.
      const merged = new Map<string, { productId: string; quantity: number; unitPrice: number }>();
      for (const line of cart.lines) {
        const product = productOf(line.sku);
        const existing = merged.get(product.id);
        merged.set(product.id, {
          productId: product.id,
          quantity: (existing?.quantity ?? 0) + (line.quantity ?? 1),
          unitPrice: line.unitPrice ?? product.price ?? 1000,
        });
      }
      const cartId = randomUUID();
      const lines = [...merged.values()];
      await write(sql`INSERT INTO "Cart" (id, "externalId", "customerId", status, currency, "lastActivityAt", subtotal)
        VALUES (${cartId}, ${`${namespace}-${index}-cart-${cartIndex}`}, ${id}, ${cart.status ?? 'OPEN'}::"CartStatus", ${cart.currency ?? 'USD'}, ${instant(cart.lastActivityAt)},
          ${lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0)})`);
      for (const line of lines) {
        await write(
          sql`INSERT INTO "CartLine" (id, "cartId", "productId", quantity, "unitPrice") VALUES (${randomUUID()}, ${cartId}, ${line.productId}, ${line.quantity}, ${line.unitPrice})`,
        );
      }
    }
    const wished = new Map((fixture.wishlist ?? []).map((item) => [item.sku, item]));
    for (const item of wished.values()) {
      await write(
        sql`INSERT INTO "WishlistItem" (id, "customerId", "productId", "addedAt") VALUES (${randomUUID()}, ${id}, ${productOf(item.sku).id}, ${instant(item.addedAt)})`,
      );
    }
    for (const [redemptionIndex, redemption] of (fixture.redemptions ?? []).entries()) {
      // Each on a promotion (and code) of its own: a promotion is redeemed once per order.
      const promotionId = randomUUID();
      const reference = `${namespace}-${index}-${redemption.order ?? `elsewhere-${redemptionIndex}`}`;
      await write(
        sql`INSERT INTO "Promotion" (id, name, currency, effects, "updatedAt") VALUES (${promotionId}, ${`${reference} promotion`}, 'USD', '[]'::jsonb, now())`,
      );
      const codeId = redemption.withCode ? randomUUID() : null;
      if (codeId)
        await write(
          sql`INSERT INTO "VoucherCode" (id, "promotionId", code) VALUES (${codeId}, ${promotionId}, ${`${namespace}-${index}-CODE-${redemptionIndex}`})`,
        );
      await write(sql`INSERT INTO "Redemption" (id, "promotionId", "voucherCodeId", "customerId", "orderRef", "idempotencyKey", status, currency, "discountAmount", "orderTotal", "segmentIds", "redeemedAt", "rolledBackAt")
        VALUES (${randomUUID()}, ${promotionId}, ${codeId}, ${id}, ${reference}, ${randomUUID()}, ${redemption.rolledBackAt ? 'ROLLED_BACK' : 'APPLIED'}::"RedemptionStatus", 'USD',
          ${redemption.discountAmount ?? 500}, 0, '{}'::text[], ${instant(redemption.redeemedAt)}, ${redemption.rolledBackAt ? instant(redemption.rolledBackAt) : null})`);
    }
    for (const event of fixture.events ?? []) {
      await write(sql`INSERT INTO "EventType" (id, name, "updatedAt") VALUES (${randomUUID()}, ${event.type}, now()) ON CONFLICT (name) DO NOTHING`);
      await write(
        sql`INSERT INTO "Event" (type, "customerId", "occurredAt", properties, "receivedAt") VALUES (${event.type}, ${id}, ${instant(event.occurredAt)}, ${JSON.stringify(event.properties ?? {})}::jsonb, now())`,
      );
    }
  }
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
export async function checkAgreement<Condition extends AnyCondition>(options: {
  db: Pick<TestDatabase, 'query'>;
  condition: Condition;
  /** As written in a rule: typed by the condition's schema. */
  params: ConditionParams<Condition>;
  shop: Shop;
  now: Date;
  shopContext?: ShopContext;
}): Promise<AgreementResult> {
  const { db, condition, shop, now } = options;
  const shopContext = options.shopContext ?? defaultShop;
  const parsed = parseConditionParams(condition, options.params);
  if (!parsed.success)
    throw new Error(`${condition.type}: ${parsed.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ')}`);
  const params = parsed.data;
  const names = new Map([...shop.customerIds].map(([name, id]) => [id, name]));
  const ids = [...shop.customerIds.values()];
  if (ids.length === 0) throw new Error('checkAgreement needs a shop with customers');

  const facts: Record<string, Map<string, unknown>> = {};
  for (const fact of condition.facts) facts[fact.name] = await fact.load(ids, { query: db.query, now, shop: shopContext });
  const inMemory = ids
    .filter((id) => {
      const values = Object.fromEntries(condition.facts.map((fact) => [fact.name, facts[fact.name]?.has(id) ? facts[fact.name]?.get(id) : fact.empty]));
      return condition.evaluate(params, values as never, { now, shop: shopContext, cart: null });
    })
    .map((id) => names.get(id) as string)
    .sort();

  const predicate = condition.toSql(params, { customer: sql`"_customer"`, now, shop: shopContext });
  const rows = await db.query<{ id: string }>(
    sql`SELECT "_customer".id FROM cohort_v1.customers "_customer" WHERE "_customer".id IN (${join(ids)}) AND COALESCE((${predicate}), FALSE)`,
  );
  const inSql = rows.map((row) => names.get(row.id) as string).sort();

  let byMeasure: string[] | null = null;
  if (condition.measure) {
    const measure = condition.measure;
    const measured = await db.query<{ id: string; value: unknown }>(
      sql`SELECT "_customer".id, (${measure.sql(params, { customer: sql`"_customer".id`, now, shop: shopContext }, measure.keys?.(params) ?? [])}) AS value FROM cohort_v1.customers "_customer" WHERE "_customer".id IN (${join(ids)})`,
    );
    byMeasure = measured
      .filter((row) => measure.holds(params, row.value, { now, shop: shopContext, cart: null }))
      .map((row) => names.get(row.id) as string)
      .sort();
  }

  if (JSON.stringify(inMemory) !== JSON.stringify(inSql) || (byMeasure && JSON.stringify(inMemory) !== JSON.stringify(byMeasure))) {
    throw new Error(
      `Condition "${condition.type}" with ${JSON.stringify(options.params)} disagrees with itself:\n  in memory:  [${inMemory.join(', ')}]\n  in SQL:     [${inSql.join(', ')}]` +
        (byMeasure ? `\n  by measure: [${byMeasure.join(', ')}]` : ''),
    );
  }
  return { inMemory, inSql, byMeasure };
}

export interface EffectTestCart {
  currency?: string;
  lines: { sku: string; quantity?: number; unitPrice: number; brand?: string | null; category?: string | null }[];
  /** Shipping before promotions, in minor units. */
  shipping?: number;
}

export interface EffectOutcome {
  /** What was taken off each line (as indexed in the cart), and off shipping, in minor units. */
  lineDiscounts: number[];
  shippingDiscount: number;
  /** Lines and shipping together. */
  discount: number;
  /** Each discount given, shown as the effect that gave it, with its allocation to lines. */
  applied: AppliedEffect[];
  suggestions: EffectPricing['suggestions'];
  loyalty: EffectPricing['loyaltyOutcomes'];
  freeItems: EffectPricing['freeItems'];
}

/**
 * Gives effects to a cart as Cohort prices them (one promotion's effects, in order): parameters
 * as an admin sends them, parsed by each effect's schema, stored as JSON and read back, as a
 * promotion would; throws if they do not read back the same. `effects` may name other effects
 * that these give in turn (a tier's discounts); `percentOfOriginal` and `cap` are the
 * promotion's settings.
 */
export function applyEffects(options: {
  give: { effect: AnyEffect; params: unknown }[];
  cart: EffectTestCart;
  effects?: AnyEffect[];
  percentOfOriginal?: boolean;
  cap?: number;
}): EffectOutcome {
  const known = new Map([...(options.effects ?? []), ...options.give.map((entry) => entry.effect)].map((effect) => [effect.type, effect]));
  const given = options.give.map(({ effect, params }) => {
    const parsed = parseEffectParams(effect, params);
    if (!parsed.success) throw new Error(`${effect.type}: ${parsed.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ')}`);
    return { type: effect.type, params: parsed.data, definition: effect };
  });
  const lines = options.cart.lines.map((line, index) => ({
    productId: `product-${index}`,
    sku: line.sku,
    brand: line.brand ?? null,
    category: line.category ?? null,
    quantity: line.quantity ?? 1,
    unitPrice: line.unitPrice,
  }));
  const cart = { currency: options.cart.currency ?? 'USD', subtotal: lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0), lines };
  const state = initialState(cart, options.cart.shipping ?? 0);
  const pricing = new EffectPricing(cart, state, (type) => known.get(type), options.percentOfOriginal ?? false, options.cap ?? Number.MAX_SAFE_INTEGER);
  for (const effect of given) pricing.give(effect);
  const lineDiscounts = state.original.lines.map((original, index) => original - (state.lines[index] as number));
  const shippingDiscount = state.original.shipping - state.shipping;
  return {
    lineDiscounts,
    shippingDiscount,
    discount: lineDiscounts.reduce((sum, amount) => sum + amount, 0) + shippingDiscount,
    applied: pricing.applied,
    suggestions: pricing.suggestions,
    loyalty: pricing.loyaltyOutcomes,
    freeItems: pricing.freeItems,
  };
}
