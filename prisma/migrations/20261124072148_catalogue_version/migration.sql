-- CreateTable
CREATE TABLE "CatalogueVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueVersion_pkey" PRIMARY KEY ("id")
);

-- The one row, and the triggers that move it. Promotions: any insert or delete, and any
-- update that changes more than the counters a redemption moves (redemptionCount,
-- discountGiven, updatedAt): a redemption must not make every process re-read its catalogue,
-- and a column added later counts without touching this trigger. Segments: their rule or
-- kind. Promotion-segment links: any change.
INSERT INTO "CatalogueVersion" ("id", "version") VALUES (1, 0);

-- The body is an E'' string whose semicolons are written \073: Prisma's PostgreSQL adapter
-- runs a migration as statements split at every semicolon, dollar quotes or not.
CREATE FUNCTION cohort_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN UPDATE "CatalogueVersion" SET "version" = "version" + 1, "changedAt" = CURRENT_TIMESTAMP WHERE "id" = 1\073 RETURN NULL\073 END';

CREATE TRIGGER "Promotion_catalogue_written" AFTER INSERT OR DELETE OR TRUNCATE ON "Promotion"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_catalogue_changed();
CREATE TRIGGER "Promotion_catalogue_updated" AFTER UPDATE ON "Promotion"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['redemptionCount', 'discountGiven', 'updatedAt']) IS DISTINCT FROM (to_jsonb(NEW) - ARRAY['redemptionCount', 'discountGiven', 'updatedAt']))
  EXECUTE FUNCTION cohort_catalogue_changed();
CREATE TRIGGER "PromotionSegment_catalogue_written" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PromotionSegment"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_catalogue_changed();
CREATE TRIGGER "Segment_catalogue_updated" AFTER UPDATE ON "Segment"
  FOR EACH ROW WHEN (OLD."rule" IS DISTINCT FROM NEW."rule" OR OLD."kind" IS DISTINCT FROM NEW."kind")
  EXECUTE FUNCTION cohort_catalogue_changed();
