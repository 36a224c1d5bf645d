// Computes the shop's median interval between consecutive validated orders of a customer, in
// one SQL statement (percentile_disc at 0.5: the lower middle of an even count, as the SDK's
// staging takes a customer's own), and stores it with the number of intervals and the time.
// The SDK's staging (for the retention condition and the lifecycle analytics) reads it, with
// the settings, through cohort_v1.retention_baseline. Runs in the caller's transaction; the
// RFM refresh's schedule and lock cover it (src/rfm/schedule.ts).
import { sql } from '@cohort/plugin-sdk';
import { queryIn } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface RefreshedBaseline {
  medianGapMs: number | null;
  intervals: number;
}

export async function refreshRetentionBaseline(tx: Prisma.TransactionClient, now: Date): Promise<RefreshedBaseline> {
  const statement = sql`
    WITH gaps AS (
      SELECT extract(epoch from (o."placedAt" - lag(o."placedAt") OVER (PARTITION BY o."customerId" ORDER BY o."placedAt"))) * 1000 AS gap
      FROM "Order" o WHERE o.status = 'VALIDATED' AND o."placedAt" <= ${now.toISOString()}::timestamp
    ), median AS (
      SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY gap)::bigint AS gap, count(gap)::int AS intervals FROM gaps
    )
    INSERT INTO "RetentionBaseline" (id, "medianGapMs", intervals, "computedAt")
    SELECT 1, gap, intervals, ${now.toISOString()}::timestamp FROM median
    ON CONFLICT (id) DO UPDATE SET "medianGapMs" = excluded."medianGapMs", intervals = excluded.intervals, "computedAt" = excluded."computedAt"
    RETURNING "medianGapMs"::text AS gap, intervals`;
  const [row] = await queryIn(tx)<{ gap: string | null; intervals: number }>(statement);
  return { medianGapMs: row?.gap == null ? null : Number(row.gap), intervals: Number(row?.intervals ?? 0) };
}
