// For every condition that says when time alone may change its answer (`changesAt`), over
// generated customers and parameters: the answer does not change before that instant (it is
// never late), and a condition that says "never" gives the same answer far in the future.
// Being early is allowed (the customer is only checked again), being late is not: a late
// answer would record an exit after it happened. The generated histories include orders and
// events dated after now, which count from their date: so for every condition, the answer at
// an instant is the same without what is dated after it, and changesAt says when it comes.
// Calendar conditions (birthdays, age) change at the start of a day in the shop's time zone.
import type { CartFact, EventFact, FactDefinition, OrderFact, ViewFact, WishlistFact } from '@cohort/plugin-sdk';
import { writeShop } from '@cohort/plugin-sdk/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RedemptionFact } from '../../plugins/voucher-use/index.js';
import { prisma, query } from '../../src/db/client.js';
import { createFactLoader } from '../../src/facts/loaders.js';
import { refreshRetentionBaseline } from '../../src/retention/baseline.js';
import { RFM_PRESETS } from '../../src/rfm/grid.js';
import { refreshRfmThresholds } from '../../src/rfm/refresh.js';
import { parseRuleTree, type RuleNode } from '../../src/rules/rule-tree.js';
import { fixedClock } from '../../src/shared/clock.js';
import { conditionParams, customerFixture, customerFixtures, inShop, now, PRODUCTS } from '../support/condition-params.js';
import { registry } from '../support/registry.js';

/** The shop's time zone, for calendar conditions: far east and west of UTC (where `now` is already 1 March, or still 28 February), with DST, and half-hour DST. */
const shopContext = fc.record({
  timeZone: fc.constantFrom('UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Paris', 'America/Santiago', 'Australia/Lord_Howe'),
  cartAbandonmentMinutes: fc.constant(60),
});
const DAY = 86_400_000;
const timed = registry.all().filter((condition) => condition.changesAt);

/** A condition type with parameters drawn for it: drawn by the property, so that a failure shrinks to small parameters. */
const drawnCondition = (types: readonly string[]) =>
  fc.oneof(...types.map((type) => fc.record({ type: fc.constant(type), params: conditionParams[type] as fc.Arbitrary<unknown> })));

/** RFM scoring as a shop may set it: its grid and lookback change what time does to scores. */
const rfmSettings = fc.record({
  rfmGrid: fc.constantFrom(RFM_PRESETS.SHOPIFY, RFM_PRESETS.KLAVIYO) as fc.Arbitrary<object>,
  rfmLookbackDays: fc.constantFrom(null, 30, 365),
});

/** Writes the customers, computes the thresholds and baseline at `now`, and reads back each customer's facts for a condition drawn over the shop's SKUs. */
async function shopWith(
  customers: Parameters<typeof customerFixtures>[0],
  drawn: { type: string; params: unknown },
  rfm: { rfmGrid: object; rfmLookbackDays: number | null },
) {
  const written = await writeShop({ query }, PRODUCTS, customerFixtures(customers));
  await prisma.shopSettings.upsert({ where: { id: 1 }, create: { id: 1, ...rfm }, update: rfm });
  await prisma.$transaction(async (tx) => {
    await refreshRfmThresholds(tx, now);
    await refreshRetentionBaseline(tx, now);
  });
  // Parsed as a stored rule is read back (instants as ISO strings), over the SKUs as this shop stores them.
  const rule = parseRuleTree(JSON.parse(JSON.stringify(inShop({ condition: { type: drawn.type, params: drawn.params } } as RuleNode, written.sku))), registry);
  if (!('condition' in rule)) throw new Error('a condition was drawn');
  const condition = registry.all().find((candidate) => candidate.type === drawn.type)!;
  const load = createFactLoader(fixedClock(now));
  const factsOf = async (id: string) =>
    Object.fromEntries(await Promise.all(condition.facts.map(async (fact: FactDefinition) => [fact.name, await load(fact, id)])));
  return { condition, params: rule.condition.params, customers: await Promise.all([...written.customerIds.values()].map(factsOf)) };
}

/** A customer's facts as they stood at `at`: without the orders, views, wishlist items, carts, redemptions and events dated after it, and rollbacks not yet made. */
function asOf(facts: Record<string, unknown>, at: Date): Record<string, unknown> {
  const by = (date: Date) => date.getTime() <= at.getTime();
  const past: Record<string, unknown> = { ...facts };
  if (facts.orders) past.orders = (facts.orders as OrderFact[]).filter((order) => by(order.placedAt));
  if (facts.productViews) past.productViews = (facts.productViews as ViewFact[]).filter((view) => by(view.viewedAt));
  if (facts.wishlist) past.wishlist = (facts.wishlist as WishlistFact[]).filter((item) => by(item.addedAt));
  if (facts.carts) past.carts = (facts.carts as CartFact[]).filter((cart) => by(cart.lastActivityAt));
  if (facts.events) past.events = (facts.events as EventFact[]).filter((event) => by(event.occurredAt));
  if (facts.redemptions) {
    past.redemptions = (facts.redemptions as RedemptionFact[])
      .filter((redemption) => by(redemption.redeemedAt))
      .map((redemption) => (redemption.rolledBackAt && !by(redemption.rolledBackAt) ? { ...redemption, status: 'APPLIED', rolledBackAt: null } : redemption));
  }
  return past;
}

describe('changesAt', () => {
  it('is declared by the conditions over windows, days since an order, scores, stages and the calendar', () => {
    expect(timed.map((condition) => condition.type).sort()).toEqual([
      'abandonedCart',
      'age',
      'amountSpent',
      'averageOrderValue',
      'birthdayThisMonth',
      'brandPurchased',
      'customField',
      'discountShare',
      'eventCount',
      'eventOccurrence',
      'eventShare',
      'firstOrder',
      'inWishlist',
      'lastOrder',
      'orderCount',
      'productsOrdered',
      'registered',
      'retentionStage',
      'rfmGroup',
      'rfmScore',
      'viewCount',
      'voucherUse',
      'wonBack',
    ]);
  });

  it('is never late: the answer holds until then, and forever when it says never', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerFixture, { minLength: 1, maxLength: 4 }),
        drawnCondition(timed.map((condition) => condition.type)),
        rfmSettings,
        shopContext,
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (customers, drawn, rfm, shop, fraction) => {
          const { condition, params, customers: factsOfCustomers } = await shopWith(customers, drawn, rfm);
          const named = `${condition.type} ${JSON.stringify(params)}`;
          for (const facts of factsOfCustomers) {
            const answerAt = (at: Date) => condition.evaluate(params, facts as never, { now: at, shop, cart: null });
            const next = condition.changesAt!(params, facts as never, { now, shop, cart: null });
            const before = answerAt(now);
            if (next === null) {
              expect(answerAt(new Date(now.getTime() + 1_000 * DAY)), `${named}: said never`).toBe(before);
              continue;
            }
            expect(next.getTime()).toBeGreaterThan(now.getTime());
            const between = new Date(now.getTime() + Math.floor((next.getTime() - 1 - now.getTime()) * fraction));
            expect(answerAt(new Date(next.getTime() - 1)), `${named}: changed before ${next.toISOString()}`).toBe(before);
            expect(answerAt(between), `${named}: changed at ${between.toISOString()}`).toBe(before);
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) * 2 },
    );
  }, 300_000);

  it('counts nothing before its date: every condition answers as if what is dated later did not exist', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerFixture, { minLength: 1, maxLength: 4 }),
        drawnCondition(Object.keys(conditionParams)),
        rfmSettings,
        shopContext,
        fc.constantFrom(0, 1, 60_000, DAY, DAY + 1, 2 * DAY, 31 * DAY),
        async (customers, drawn, rfm, shop, later) => {
          const { condition, params, customers: factsOfCustomers } = await shopWith(customers, drawn, rfm);
          // At now, and at a later instant (the thresholds and baseline as computed at now).
          for (const at of [now, new Date(now.getTime() + later)]) {
            for (const facts of factsOfCustomers) {
              const context = { now: at, shop, cart: null };
              expect(condition.evaluate(params, facts as never, context), `${condition.type} ${JSON.stringify(params)} at ${at.toISOString()}`).toBe(
                condition.evaluate(params, asOf(facts, at) as never, context),
              );
            }
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) * 2 },
    );
  }, 300_000);
});
