-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "rfmGrid" JSONB,
ADD COLUMN     "rfmLookbackDays" INTEGER;

-- CreateTable
CREATE TABLE "RfmThresholds" (
    "currency" CHAR(3) NOT NULL,
    "scale" INTEGER NOT NULL,
    "recencyCuts" INTEGER[],
    "frequencyCuts" INTEGER[],
    "monetaryCuts" BIGINT[],
    "cells" JSONB NOT NULL,
    "customers" INTEGER NOT NULL,
    "lookbackDays" INTEGER,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RfmThresholds_pkey" PRIMARY KEY ("currency")
);

-- The data contract (cohort_v1) gains each currency's RFM scoring, for conditions that score
-- customers (plugins/rfm): scale, cut points, the grid's cells, and when they were computed.
CREATE VIEW cohort_v1.rfm_thresholds AS
  SELECT currency, scale, "recencyCuts" AS recency_cuts, "frequencyCuts" AS frequency_cuts, "monetaryCuts" AS monetary_cuts,
         cells, customers, "lookbackDays" AS lookback_days, "computedAt" AS computed_at
  FROM "RfmThresholds";
