-- The data contract for partners' SQL, version 1 (docs/plugins.md, "The data contract").
-- Conditions' `toSql`, measures and SQL facts read these views, never Cohort's tables: the
-- tables may change from one release to the next, a contract version does not. Each view is
-- a plain projection of one table (PostgreSQL inlines it, so it costs nothing and the tables'
-- indexes serve it), with snake_case columns and enums as text. A change that would alter a
-- column of a view comes as a new schema (cohort_v2) beside this one.
CREATE SCHEMA cohort_v1;

CREATE VIEW cohort_v1.customers AS
  SELECT id, "externalId" AS external_id, email, "firstName" AS first_name, "lastName" AS last_name, phone,
         "dateOfBirth" AS date_of_birth, category, groups, tags, "registeredAt" AS registered_at, status::text AS status,
         "newsletterSubscribed" AS newsletter_subscribed, "marketingConsent" AS marketing_consent,
         "marketingChannels" AS marketing_channels, "referralSource" AS referral_source, "loyaltyMember" AS loyalty_member,
         "loyaltyTier" AS loyalty_tier, "customFields" AS custom_fields, "createdAt" AS created_at, "updatedAt" AS updated_at
  FROM "Customer";

CREATE VIEW cohort_v1.addresses AS
  SELECT id, "customerId" AS customer_id, "isDefault" AS is_default, line1, line2, country, region, city, "postalCode" AS postal_code
  FROM "Address";

CREATE VIEW cohort_v1.products AS
  SELECT id, sku, name, brand, category, price, currency, "createdAt" AS created_at, "updatedAt" AS updated_at
  FROM "Product";

CREATE VIEW cohort_v1.orders AS
  SELECT id, "externalId" AS external_id, "customerId" AS customer_id, status::text AS status, "placedAt" AS placed_at, currency,
         subtotal, "discountTotal" AS discount_total, "shippingTotal" AS shipping_total, "taxTotal" AS tax_total, total,
         "shippingMethod" AS shipping_method
  FROM "Order";

CREATE VIEW cohort_v1.order_lines AS
  SELECT id, "orderId" AS order_id, "productId" AS product_id, quantity, "unitPrice" AS unit_price, "lineTotal" AS line_total, brand, category
  FROM "OrderLine";

CREATE VIEW cohort_v1.product_views AS
  SELECT id, "customerId" AS customer_id, "productId" AS product_id, "viewedAt" AS viewed_at
  FROM "ProductView";

CREATE VIEW cohort_v1.carts AS
  SELECT id, "externalId" AS external_id, "customerId" AS customer_id, status::text AS status, currency, subtotal,
         "lastActivityAt" AS last_activity_at, "convertedAt" AS converted_at
  FROM "Cart";

CREATE VIEW cohort_v1.cart_lines AS
  SELECT id, "cartId" AS cart_id, "productId" AS product_id, quantity, "unitPrice" AS unit_price
  FROM "CartLine";

CREATE VIEW cohort_v1.wishlist_items AS
  SELECT id, "customerId" AS customer_id, "productId" AS product_id, "addedAt" AS added_at
  FROM "WishlistItem";
