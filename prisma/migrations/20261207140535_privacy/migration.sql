-- Privacy (docs/privacy.md): erased customers, and the audit log of admin writes.

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "apiKeyId" TEXT,
    "apiKeyName" TEXT NOT NULL,
    "sessionId" TEXT,
    "operation" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "input" JSONB,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_operation_at_idx" ON "AuditEntry"("operation", "at");

-- An erased customer is a placeholder that keeps the shop's orders together (src/privacy/erase.ts):
-- it is no customer of the shop's any more, so the data contract leaves it out (same columns).
CREATE OR REPLACE VIEW cohort_v1.customers AS
  SELECT id, "externalId" AS external_id, email, "firstName" AS first_name, "lastName" AS last_name, phone,
         "dateOfBirth" AS date_of_birth, category, groups, tags, "registeredAt" AS registered_at, status::text AS status,
         "newsletterSubscribed" AS newsletter_subscribed, "marketingConsent" AS marketing_consent,
         "marketingChannels" AS marketing_channels, "referralSource" AS referral_source, "loyaltyMember" AS loyalty_member,
         "loyaltyTier" AS loyalty_tier, "customFields" AS custom_fields, "createdAt" AS created_at, "updatedAt" AS updated_at
  FROM "Customer"
  WHERE "erasedAt" IS NULL;
