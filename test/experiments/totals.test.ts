// The arms' totals read from stored assignments and orders agree with the same sums computed
// from the rows as written: orders count from the first exposure, within the window and up to
// the report's moment, in the report's currency and the counted statuses; the lookback before
// exposure gives the CUPED covariate.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma, query } from '../../src/db/client.js';
import { analyzeHoldout, emptyArmTotals, type HoldoutArmTotals } from '../../src/experiments/analysis.js';
import { assign, experimentDesignSchema } from '../../src/experiments/assignment.js';
import { EXPOSURE_GRACE_MINUTES, loadTotals } from '../../src/experiments/totals.js';
import { verdictOf } from '../../src/experiments/verdict.js';
import { addCustomer } from './shop-simulation.js';

const DAY = 86_400_000;
const start = new Date('2026-11-01T00:00:00Z');
const asOf = new Date(start.getTime() + 20 * DAY);
const at = (days: number) => new Date(start.getTime() + days * DAY);

interface OrderSpec {
  day: number;
  subtotal: number;
  discount?: number;
  currency?: string;
  status?: 'PENDING' | 'VALIDATED' | 'CANCELLED' | 'REFUNDED';
}

interface CustomerSpec {
  arm: string;
  exposedDay: number;
  orders: OrderSpec[];
}

// Exposed on day 2 or 5; a 14-day window; a 30-day lookback. Orders before, inside, after the
// window, after the report, in another currency, cancelled.
const customers: CustomerSpec[] = [
  {
    arm: 'holdout',
    exposedDay: 2,
    orders: [
      { day: 3, subtotal: 4_000 },
      { day: 10, subtotal: 2_500 },
    ],
  },
  {
    arm: 'holdout',
    exposedDay: 2,
    orders: [
      { day: -5, subtotal: 9_000 },
      { day: 17, subtotal: 1_000 },
    ],
  }, // pre-period only, then day 17 is past the window (2 + 14 = 16)
  { arm: 'holdout', exposedDay: 5, orders: [] },
  {
    arm: 'holdout',
    exposedDay: 5,
    orders: [
      { day: 6, subtotal: 3_000, status: 'CANCELLED' },
      { day: 7, subtotal: 1_500, currency: 'EUR' },
    ],
  },
  {
    arm: 'holdout',
    exposedDay: 5,
    orders: [
      { day: -40, subtotal: 7_000 },
      { day: 8, subtotal: 5_000 },
    ],
  }, // day −40 is before the lookback
  {
    arm: 'treatment',
    exposedDay: 2,
    orders: [
      { day: 2.5, subtotal: 6_000, discount: 600 },
      { day: 4, subtotal: 3_000, discount: 300 },
    ],
  },
  {
    arm: 'treatment',
    exposedDay: 2,
    orders: [
      { day: 1, subtotal: 2_000 },
      { day: 9, subtotal: 8_000, discount: 800 },
    ],
  },
  { arm: 'treatment', exposedDay: 5, orders: [{ day: 19, subtotal: 4_400, discount: 440 }] },
  { arm: 'treatment', exposedDay: 5, orders: [{ day: 21, subtotal: 5_000, discount: 500 }] }, // after the report
  { arm: 'treatment', exposedDay: 5, orders: [{ day: 6, subtotal: 2_000_000_000, discount: 1 }] }, // squares past 2⁵³ stay exact enough
  { arm: 'treatment', exposedDay: 25, orders: [{ day: 26, subtotal: 1_000 }] }, // exposed after the report: not counted at all
  // First evaluated at redeem, minutes after the shop dated the order: that order counts after the exposure; one 20 minutes earlier, before it.
  {
    arm: 'treatment',
    exposedDay: 8,
    orders: [
      { day: 8 - 2 / 1440, subtotal: 3_000, discount: 300 },
      { day: 8 - 20 / 1440, subtotal: 7_000 },
    ],
  },
];

/** Orders count from this long before the exposure (totals.ts). */
const GRACE_DAYS = EXPOSURE_GRACE_MINUTES / 1440;

/** The sums computed directly from the specs. */
function expectedTotals(arm: string): HoldoutArmTotals {
  const totals = emptyArmTotals(true);
  for (const customer of customers.filter((spec) => spec.arm === arm && at(spec.exposedDay) < asOf)) {
    const counted = customer.orders.filter((order) => (order.currency ?? 'USD') === 'USD' && (order.status ?? 'VALIDATED') === 'VALIDATED');
    const from = customer.exposedDay - GRACE_DAYS;
    const after = counted.filter((order) => order.day >= from && order.day < Math.min(customer.exposedDay + 14, 20));
    const before = counted.filter((order) => order.day < from && order.day >= from - 30);
    addCustomer(totals, {
      orders: after.length,
      revenue: after.reduce((sum, order) => sum + order.subtotal, 0),
      discount: after.reduce((sum, order) => sum + (order.discount ?? 0), 0),
      preRevenue: before.reduce((sum, order) => sum + order.subtotal, 0),
    });
  }
  return totals;
}

let experimentId: string;

beforeAll(async () => {
  const promotion = await prisma.promotion.create({ data: { name: 'Autumn 10 % off', currency: 'USD', status: 'ACTIVE', effects: [] } });
  const experiment = await prisma.experiment.create({
    data: {
      promotionId: promotion.id,
      salt: promotion.id,
      coverage: 10_000,
      arms: [
        { key: 'holdout', weight: 1_000 },
        { key: 'treatment', weight: 9_000 },
      ],
      expectedSampleSize: 10_000,
      startedAt: at(2),
    },
  });
  experimentId = experiment.id;
  let orderNumber = 0;
  for (const [index, spec] of customers.entries()) {
    const customer = await prisma.customer.create({ data: { externalId: `experiment-customer-${index}`, registeredAt: at(-100) } });
    await prisma.experimentAssignment.create({
      data: { experimentId, customerId: customer.id, arm: spec.arm, exposedAt: at(spec.exposedDay), discountAmount: spec.arm === 'treatment' ? 600 : 0 },
    });
    for (const order of spec.orders) {
      orderNumber += 1;
      const discount = order.discount ?? 0;
      await prisma.order.create({
        data: {
          externalId: `experiment-order-${orderNumber}`,
          customerId: customer.id,
          status: order.status ?? 'VALIDATED',
          placedAt: at(order.day),
          currency: order.currency ?? 'USD',
          subtotal: order.subtotal,
          discountTotal: discount,
          total: order.subtotal - discount,
        },
      });
    }
  }
});

describe("an experiment's totals, read from the database", () => {
  it('match the sums computed from the stored rows', async () => {
    const totals = await loadTotals(query, { experimentId, currency: 'USD', asOf, windowDays: 14, lookbackDays: 30 });
    expect([...totals.arms.keys()]).toEqual(['holdout', 'treatment']);
    expect(totals.firstExposure).toEqual(at(2));
    expect(totals.arms.get('holdout')).toEqual(expectedTotals('holdout'));
    const treatment = totals.arms.get('treatment') as HoldoutArmTotals;
    const expected = expectedTotals('treatment');
    expect({ ...treatment, revenue: { sum: treatment.revenue.sum }, revenueOrderProducts: 0 }).toEqual({
      ...expected,
      revenue: { sum: expected.revenue.sum },
      revenueOrderProducts: 0,
    });
    // The 2-billion order's square is 4e18: a float holds it to 16 digits, which is all the statistics use.
    expect(treatment.revenue.sumSquares / expected.revenue.sumSquares).toBeCloseTo(1, 12);
    expect(treatment.revenueOrderProducts / expected.revenueOrderProducts).toBeCloseTo(1, 12);
  });

  it('count orders until the report without a window', async () => {
    const totals = await loadTotals(query, { experimentId, currency: 'USD', asOf, windowDays: null });
    // The second held-out customer's day-17 order now counts.
    expect(totals.arms.get('holdout')?.revenue.sum).toBe(expectedTotals('holdout').revenue.sum + 1_000);
  });

  it('are empty for an experiment nobody was exposed to', async () => {
    expect(await loadTotals(query, { experimentId: 'none', currency: 'USD', asOf })).toEqual({ arms: new Map(), firstExposure: null });
  });

  it('feed the analysis and the verdict', async () => {
    const totals = await loadTotals(query, { experimentId, currency: 'USD', asOf, windowDays: 14 });
    const result = analyzeHoldout({
      control: totals.arms.get('holdout') as HoldoutArmTotals,
      treatment: totals.arms.get('treatment') as HoldoutArmTotals,
      // The hand-written customers are split 5/5 (at the experiment's 10/90 the sample-ratio check would rightly fire).
      weights: { control: 1, treatment: 1 },
      elapsedDays: (asOf.getTime() - (totals.firstExposure as Date).getTime()) / DAY,
      currency: 'USD',
    });
    expect(verdictOf(result).kind).toBe('not-enough-data');
  });

  it('store the arm the design gives, once', async () => {
    const design = experimentDesignSchema.parse({
      salt: experimentId,
      coverage: 10_000,
      arms: [
        { key: 'holdout', weight: 1_000 },
        { key: 'treatment', weight: 9_000 },
      ],
    });
    const customer = await prisma.customer.create({ data: { externalId: 'experiment-customer-late', registeredAt: at(-1) } });
    const fresh = assign(design, customer.id);
    expect(fresh.inExperiment).toBe(true);
    const arm = (fresh as { arm: string }).arm;
    await prisma.experimentAssignment.create({ data: { experimentId, customerId: customer.id, arm, exposedAt: at(19), discountAmount: 0 } });
    await expect(
      prisma.experimentAssignment.create({ data: { experimentId, customerId: customer.id, arm: 'treatment', exposedAt: at(19.5), discountAmount: 0 } }),
    ).rejects.toThrow();
  });
});
