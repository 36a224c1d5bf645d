-- The data contract (cohort_v1) gains the redemptions, for conditions on how customers use
-- promotions (plugins/voucher-use): who redeemed on which of the shop's orders (order_ref is
-- the order's external_id when the shop uses the same identifier), whether a voucher code was
-- used (the code itself is not shown), and whether it was rolled back.
CREATE VIEW cohort_v1.redemptions AS
  SELECT id, "promotionId" AS promotion_id, "customerId" AS customer_id, "orderRef" AS order_ref,
         "voucherCodeId" IS NOT NULL AS with_code, status::text AS status, currency,
         "discountAmount" AS discount_amount, "orderTotal" AS order_total,
         "redeemedAt" AS redeemed_at, "rolledBackAt" AS rolled_back_at
  FROM "Redemption";
