// Simulated shoppers for the statistics' error-rate tests: a seeded generator (so every run
// draws the same experiments) and arms of customers who convert, order once or twice at a
// skewed (log-normal) order value and get a discount, reduced on the fly to the sufficient
// statistics the analysis reads, as the SQL aggregate would give them.
import type { HoldoutArmTotals } from '../../src/experiments/analysis.js';

/** sfc32 (Chris Doty-Humphrey's small fast counter), seeded through splitmix32: fast, and good enough for Monte Carlo. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let warmUp = 0; warmUp < 12; warmUp += 1) this.uniform();
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Standard normal (Marsaglia's polar method, both draws used: no trigonometry). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * scale;
    return u * scale;
  }
}

/** How an arm's customers behave once exposed. Money in minor units. */
export interface Shoppers {
  /** Probability that an exposed customer orders at all (on average over customers). */
  conversion: number;
  /** Mean order value; values are log-normal with this mean. */
  meanOrderValue: number;
  /** σ of the log of the order value (0.8: a long right tail, like real baskets). */
  valueSpread: number;
  /** Probability that a converting customer orders a second time. */
  repeatChance: number;
  /** Share of each order's value given as discount (0 for the held-out arm). */
  discountRate: number;
  /**
   * When set, customers differ in how much they buy: each has a log-normal propensity with mean
   * 1 and this σ, multiplying their conversion chance in a pre-exposure period and after
   * exposure alike, and their pre-exposure revenue is recorded (the CUPED covariate).
   */
  propensitySpread?: number;
}

/** One customer's orders in one period: order count and revenue (0 and 0 when they do not buy). */
function period(random: Random, shoppers: Shoppers, conversion: number, logMean: number): [number, number] {
  if (random.uniform() >= conversion) return [0, 0];
  const orders = random.uniform() < shoppers.repeatChance ? 2 : 1;
  let revenue = 0;
  for (let order = 0; order < orders; order += 1) revenue += Math.round(Math.exp(logMean + shoppers.valueSpread * random.normal()));
  return [orders, revenue];
}

/** One exposed customer's outcome added to an arm's totals (the pre-period only when the totals keep it). */
export function addCustomer(totals: HoldoutArmTotals, customer: { orders: number; revenue: number; discount: number; preRevenue: number }): void {
  const { orders, revenue, discount, preRevenue } = customer;
  totals.exposed += 1;
  if (totals.preExposure) {
    totals.preExposure.sum += preRevenue;
    totals.preExposure.sumSquares += preRevenue * preRevenue;
    totals.preExposure.revenueProducts += preRevenue * revenue;
    totals.preExposure.discountProducts += preRevenue * discount;
  }
  if (orders > 0) totals.conversions += 1;
  totals.orders.sum += orders;
  totals.orders.sumSquares += orders * orders;
  totals.revenue.sum += revenue;
  totals.revenue.sumSquares += revenue * revenue;
  totals.discount.sum += discount;
  totals.discount.sumSquares += discount * discount;
  totals.revenueDiscountProducts += revenue * discount;
  totals.revenueOrderProducts += revenue * orders;
}

/** Adds `count` customers of `shoppers` to `totals`. */
export function addShoppers(random: Random, shoppers: Shoppers, count: number, totals: HoldoutArmTotals): HoldoutArmTotals {
  const logMean = Math.log(shoppers.meanOrderValue) - (shoppers.valueSpread * shoppers.valueSpread) / 2;
  const spread = shoppers.propensitySpread ?? 0;
  for (let customer = 0; customer < count; customer += 1) {
    const propensity = spread > 0 ? Math.exp(spread * random.normal() - (spread * spread) / 2) : 1;
    const conversion = Math.min(1, shoppers.conversion * propensity);
    const preRevenue = totals.preExposure ? period(random, shoppers, conversion, logMean)[1] : 0;
    const [orders, revenue] = period(random, shoppers, conversion, logMean);
    addCustomer(totals, { orders, revenue, discount: Math.round(revenue * shoppers.discountRate), preRevenue });
  }
  return totals;
}

/** The true per-exposed-customer values of an arm, for checking coverage (propensities have mean 1 and are not capped in practice). */
export function truth(shoppers: Shoppers) {
  const ordersPerCustomer = shoppers.conversion * (1 + shoppers.repeatChance);
  const revenue = ordersPerCustomer * shoppers.meanOrderValue;
  return {
    conversion: shoppers.conversion,
    ordersPerCustomer,
    revenue,
    averageOrderValue: shoppers.meanOrderValue,
    netRevenue: revenue * (1 - shoppers.discountRate),
  };
}
