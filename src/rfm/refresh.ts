// Computes each currency's RFM thresholds in one SQL statement: per customer, the days since
// their last validated order, their validated orders and the minor units spent on them (in the
// lookback, and placed by now: an order dated after now counts from its date, as in the SDK's
// RFM scoring); per currency, the cut points between scores with percentile_disc at 1/scale,
// 2/scale, …; written with the grid's cells and the time, and the rows of currencies that no
// longer have ordering customers removed. Runs in the caller's transaction, under a lock that
// lets one refresh at a time through (several instances may schedule it).
import { raw, sql } from '@cohort/plugin-sdk';
import type { Prisma } from '../generated/prisma/client.js';
import { queryIn } from '../db/client.js';
import { logger } from '../shared/logger.js';
import { gridCells, storedGrid } from './grid.js';

type Transaction = Prisma.TransactionClient;

/** Serialises refreshes across instances: pg_advisory_xact_lock's key. */
const REFRESH_LOCK = 7_315_001;

export interface RefreshedCurrency {
  currency: string;
  customers: number;
}

/** Prisma's interactive transactions give up after 5 s by default; a large shop's refresh takes longer. */
export const REFRESH_TRANSACTION = { maxWait: 10_000, timeout: 300_000 };

/**
 * Recomputes every currency's thresholds from the shop's settings (grid, lookback) as of `now`;
 * with `onlyIfOlderThan`, only when some currency's were computed before it, or none exist
 * (null when it left them).
 */
export async function refreshRfmThresholds(tx: Transaction, now: Date, options: { onlyIfOlderThan?: Date } = {}): Promise<RefreshedCurrency[] | null> {
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${REFRESH_LOCK})::text`);
  if (options.onlyIfOlderThan) {
    const stored = await tx.rfmThresholds.aggregate({ _min: { computedAt: true }, _count: true });
    if (stored._count > 0 && stored._min.computedAt !== null && stored._min.computedAt >= options.onlyIfOlderThan) return null;
  }
  const settings = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { rfmGrid: true, rfmLookbackDays: true } });
  const { grid, invalid } = storedGrid(settings?.rfmGrid);
  if (invalid) logger.warn('The stored RFM grid is not valid (edited outside Cohort?); scoring with the default grid');
  const lookback = settings?.rfmLookbackDays ?? null;
  // percentile_disc at k / scale: the smallest value with at least that share of customers at or below it.
  const fractions = raw(`ARRAY[${Array.from({ length: grid.scale - 1 }, (_, index) => `${index + 1}::float8 / ${grid.scale}`).join(', ')}]`);
  const at = now.toISOString();
  const rows = await queryIn(tx)<{ currency: string; customers: number }>(
    sql`
    WITH per_customer AS (
      SELECT o.currency, o."customerId",
             floor(extract(epoch from (${at}::timestamp - max(o."placedAt"))) * 1000 / 86400000)::int AS days,
             count(*)::int AS orders, sum(o.total)::bigint AS spent
      FROM "Order" o
      WHERE o.status = 'VALIDATED' AND o."placedAt" <= ${at}::timestamp
        AND (${lookback}::int IS NULL OR o."placedAt" >= ${at}::timestamp - make_interval(days => ${lookback}::int))
      GROUP BY o.currency, o."customerId"
    ), cuts AS (
      SELECT currency, count(*)::int AS customers,
             percentile_disc(${fractions}) WITHIN GROUP (ORDER BY days) AS recency_cuts,
             percentile_disc(${fractions}) WITHIN GROUP (ORDER BY orders) AS frequency_cuts,
             percentile_disc(${fractions}) WITHIN GROUP (ORDER BY spent) AS monetary_cuts
      FROM per_customer GROUP BY currency
    ), written AS (
      INSERT INTO "RfmThresholds" (currency, scale, "recencyCuts", "frequencyCuts", "monetaryCuts", cells, customers, "lookbackDays", "computedAt")
      SELECT currency, ${grid.scale}::int, recency_cuts, frequency_cuts, monetary_cuts, ${JSON.stringify(gridCells(grid))}::jsonb, customers, ${lookback}::int, ${at}::timestamp
      FROM cuts ORDER BY currency
      ON CONFLICT (currency) DO UPDATE SET scale = excluded.scale, "recencyCuts" = excluded."recencyCuts", "frequencyCuts" = excluded."frequencyCuts",
        "monetaryCuts" = excluded."monetaryCuts", cells = excluded.cells, customers = excluded.customers, "lookbackDays" = excluded."lookbackDays", "computedAt" = excluded."computedAt"
      RETURNING currency, customers
    ), removed AS ( -- runs though nothing reads it, as every data-modifying WITH does
      DELETE FROM "RfmThresholds" WHERE currency NOT IN (SELECT currency FROM cuts) RETURNING currency
    )
    SELECT currency, customers FROM written ORDER BY currency`,
  );
  return rows.map((row) => ({ currency: row.currency.trim(), customers: Number(row.customers) }));
}
