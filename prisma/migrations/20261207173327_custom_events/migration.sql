-- CreateEnum
CREATE TYPE "EventPropertyType" AS ENUM ('STRING', 'NUMBER', 'BOOLEAN', 'INSTANT');

-- CreateTable
CREATE TABLE "EventType" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "properties" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" BIGSERIAL NOT NULL,
    "externalId" TEXT,
    "type" TEXT NOT NULL,
    "customerId" TEXT,
    "anonymousId" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "properties" JSONB NOT NULL DEFAULT '{}',
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventType_name_key" ON "EventType"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Event_externalId_key" ON "Event"("externalId");

-- CreateIndex
CREATE INDEX "Event_customerId_type_occurredAt_idx" ON "Event"("customerId", "type", "occurredAt");

-- CreateIndex
CREATE INDEX "Event_anonymousId_idx" ON "Event"("anonymousId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_type_fkey" FOREIGN KEY ("type") REFERENCES "EventType"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The data contract (cohort_v1) gains the customers' events (docs/events.md), for conditions on
-- what the shop reports. Anonymous shoppers' events are left out until they identify: a
-- condition is about a customer. properties is the flat object the type declares (instants as
-- ISO 8601 strings in UTC).
CREATE VIEW cohort_v1.events AS
  SELECT id, "externalId" AS external_id, type, "customerId" AS customer_id, "occurredAt" AS occurred_at, properties
  FROM "Event"
  WHERE "customerId" IS NOT NULL;
