-- AlterTable
ALTER TABLE "LocalJob" ADD COLUMN     "queue" TEXT;

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "circuitFailingSince" TIMESTAMP(3),
ADD COLUMN     "circuitFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "circuitOpenUntil" TIMESTAMP(3),
ADD COLUMN     "circuitOpenings" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "LocalJob_queue_runAt_idx" ON "LocalJob"("queue", "runAt");
