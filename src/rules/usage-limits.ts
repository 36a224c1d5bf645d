// Usage limits that count redemptions: per customer (for the promotion's or the code's
// whole life) and per calendar day, week (Monday to Sunday) or month in the shop's time
// zone, in total or per customer. Lifetime totals are counters on the promotion and code
// rows; everything else is counted from the Redemption table in one statement, by the
// storefront (to say LIMIT_REACHED up front) and by redeem() under the rows' locks (to
// enforce them exactly).
import { z } from 'zod';
import { join, raw, sql, zonedTime, type Sql } from '@cohort/plugin-sdk';
import { WEEKDAYS } from './schedule.js';

export const PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;
export type Period = (typeof PERIODS)[number];

export const periodicLimitsSchema = z
  .array(
    z.object({
      period: z.enum(PERIODS),
      limit: z.number().int().positive('must be more than 0'),
      perCustomer: z
        .boolean()
        .nullish()
        .transform((value) => value ?? false),
    }),
  )
  .max(6, 'at most 6 periodic limits');

export type PeriodicLimit = z.infer<typeof periodicLimitsSchema>[number];

/** What is limited: the lifetime per-customer limit and the periodic ones. */
export interface CountedLimits {
  usageLimitPerCustomer: number | null;
  periodicLimits: unknown;
}

/** Redemptions of one promotion or code, as the limits need them. */
export interface Usage {
  /** By this customer, ever. */
  customer: number;
  /** In the current day, week and month: by everyone, and by this customer. */
  total: Record<Period, number>;
  byCustomer: Record<Period, number>;
}

export const noUsage: Usage = { customer: 0, total: { DAY: 0, WEEK: 0, MONTH: 0 }, byCustomer: { DAY: 0, WEEK: 0, MONTH: 0 } };

export const periodicLimitsOf = (limits: CountedLimits) => (limits.periodicLimits ?? []) as PeriodicLimit[];

/** Whether any redemption count is needed to check these limits. */
export function needsCounting(limits: CountedLimits): boolean {
  return limits.usageLimitPerCustomer != null || periodicLimitsOf(limits).length > 0;
}

/** True when the per-customer or a periodic limit leaves no use. */
export function countedLimitReached(limits: CountedLimits, usage: Usage, customerKnown: boolean): boolean {
  if (customerKnown && limits.usageLimitPerCustomer != null && usage.customer >= limits.usageLimitPerCustomer) return true;
  for (const { period, limit, perCustomer } of periodicLimitsOf(limits)) {
    if (perCustomer ? customerKnown && usage.byCustomer[period] >= limit : usage.total[period] >= limit) return true;
  }
  return false;
}

/** When the current day, week (from Monday) and month began in `timeZone`. */
export function periodStarts(now: Date, timeZone: string): Record<Period, Date> {
  const { year, month, day, weekday } = zonedTime(now, timeZone);
  const sinceMonday = WEEKDAYS.indexOf(weekday);
  return {
    DAY: localMidnight(year, month, day, timeZone),
    WEEK: localMidnight(year, month, day - sinceMonday, timeZone),
    MONTH: localMidnight(year, month, 1, timeZone),
  };
}

/** The instant at which the calendar date begins in `timeZone` (day may be out of range: Date.UTC normalises it). */
function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // The zone's offset at the guess, then again at the corrected instant (a DST change may lie between).
  let instant = guess - offsetAt(guess, timeZone);
  instant = guess - offsetAt(instant, timeZone);
  return new Date(instant);
}

function offsetAt(time: number, timeZone: string): number {
  const parts = zonedTime(time, timeZone);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(time / 1000) * 1000;
}

/**
 * One statement counting the APPLIED redemptions of each of `ids` (promotion or voucher
 * code ids, by `column`): this customer's ever, and everyone's and this customer's since
 * each period began. Rows: { id, customer, totalDAY, …, byCustomerMONTH } (counts as int8).
 */
export function usageSql(column: 'promotionId' | 'voucherCodeId', ids: string[], customerId: string | null, starts: Record<Period, Date>): Sql {
  const key = raw(`"${column}"`);
  const earliest = new Date(Math.min(...PERIODS.map((period) => starts[period].getTime())));
  const counts = PERIODS.flatMap((period) => [
    sql`count(*) FILTER (WHERE "redeemedAt" >= ${starts[period]}) AS ${raw(`"total${period}"`)}`,
    sql`count(*) FILTER (WHERE "customerId" = ${customerId} AND "redeemedAt" >= ${starts[period]}) AS ${raw(`"byCustomer${period}"`)}`,
  ]);
  return sql`
    SELECT ${key} AS id, count(*) FILTER (WHERE "customerId" = ${customerId}) AS customer, ${join(counts)}
    FROM "Redemption"
    WHERE status = 'APPLIED' AND ${key} = ANY(${ids}::text[]) AND ("customerId" = ${customerId} OR "redeemedAt" >= ${earliest})
    GROUP BY ${key}`;
}

/** Turns usageSql's rows into Usage by id (counts may arrive as numbers or BigInts). */
export function usageById(rows: Record<string, unknown>[]): Map<string, Usage> {
  const count = (value: unknown) => Number(value ?? 0);
  return new Map(
    rows.map((row) => [
      row.id as string,
      {
        customer: count(row.customer),
        total: { DAY: count(row.totalDAY), WEEK: count(row.totalWEEK), MONTH: count(row.totalMONTH) },
        byCustomer: { DAY: count(row.byCustomerDAY), WEEK: count(row.byCustomerWEEK), MONTH: count(row.byCustomerMONTH) },
      },
    ]),
  );
}

/**
 * Usage of those of `rows` (promotions or codes, by `column`) whose limits need counting: one
 * statement through `run` (the lean query on the storefront, the transaction in redeem()), or none.
 */
export async function countUsage(
  run: (statement: Sql) => Promise<Record<string, unknown>[]>,
  column: 'promotionId' | 'voucherCodeId',
  rows: ({ id: string } & CountedLimits)[],
  customerId: string | null,
  starts: () => Record<Period, Date>,
): Promise<Map<string, Usage>> {
  const ids = rows.filter(needsCounting).map((row) => row.id);
  if (ids.length === 0) return new Map();
  return usageById(await run(usageSql(column, ids, customerId, starts())));
}
