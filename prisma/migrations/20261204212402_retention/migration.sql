-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "retentionDefaultGapDays" INTEGER,
ADD COLUMN     "retentionMultipliers" INTEGER[],
ADD COLUMN     "retentionUseShopMedian" BOOLEAN;

-- CreateTable
CREATE TABLE "RetentionBaseline" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "medianGapMs" BIGINT,
    "intervals" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetentionBaseline_pkey" PRIMARY KEY ("id")
);

-- The data contract (cohort_v1) gains the retention baseline, for conditions that place a
-- customer on the retention spectrum (plugins/retention): one row, whatever is stored, with
-- the shop's settings and their defaults resolved here and only here.
--   expected_gap_ms: the gap between orders a customer with fewer than 3 validated orders is
--     expected to keep: the shop's median interval (at least min_gap_ms), or the default when
--     there is none yet or the shop pinned it;
--   multipliers_pct: the stage boundaries, in percent of the expected gap (Active before the
--     first, Drifting before the second, Churn-risk before the third, Lost after);
--   min_gap_ms: no expected gap, the shop's or a customer's own, is shorter than a day.
CREATE VIEW cohort_v1.retention_baseline AS
  SELECT CASE WHEN COALESCE(s."retentionUseShopMedian", true) AND b."medianGapMs" IS NOT NULL
              THEN greatest(b."medianGapMs", 86400000)
              ELSE COALESCE(s."retentionDefaultGapDays", 90)::bigint * 86400000 END AS expected_gap_ms,
         CASE WHEN cardinality(s."retentionMultipliers") > 0 THEN s."retentionMultipliers" ELSE ARRAY[100, 200, 300] END AS multipliers_pct,
         86400000::bigint AS min_gap_ms,
         COALESCE(s."retentionDefaultGapDays", 90) AS default_gap_days,
         COALESCE(s."retentionUseShopMedian", true) AS use_shop_median,
         b."medianGapMs" AS shop_median_gap_ms,
         COALESCE(b.intervals, 0) AS intervals,
         b."computedAt" AS computed_at
  FROM (VALUES (1)) AS one (id)
  LEFT JOIN "ShopSettings" s ON s.id = one.id
  LEFT JOIN "RetentionBaseline" b ON b.id = one.id;
