-- A promotion's usage limit or budget is used up, or given back (a rollback): every instance
-- hears of it at once, so that none offers it on the storefront, or keeps refusing it, until
-- its next catalogue check. Only the crossing notifies: redemptions below the limit move the
-- counters without a word, and instances read those on their catalogue check.
CREATE TRIGGER "Promotion_limit_crossed" AFTER UPDATE OF "redemptionCount", "discountGiven" ON "Promotion"
  FOR EACH ROW WHEN (
    (NEW."usageLimit" IS NOT NULL AND (OLD."redemptionCount" >= NEW."usageLimit") IS DISTINCT FROM (NEW."redemptionCount" >= NEW."usageLimit"))
    OR (NEW."budget" IS NOT NULL AND (OLD."discountGiven" >= NEW."budget") IS DISTINCT FROM (NEW."discountGiven" >= NEW."budget"))
  )
  EXECUTE FUNCTION cohort_notify_change('catalogue');
