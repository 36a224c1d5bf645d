-- CreateTable
CREATE TABLE "Experiment" (
    "id" TEXT NOT NULL,
    "promotionId" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "coverage" INTEGER NOT NULL DEFAULT 10000,
    "arms" JSONB NOT NULL,
    "expectedSampleSize" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentAssignment" (
    "experimentId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "exposedAt" TIMESTAMP(3) NOT NULL,
    "discountAmount" INTEGER NOT NULL,

    CONSTRAINT "ExperimentAssignment_pkey" PRIMARY KEY ("experimentId","customerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_promotionId_key" ON "Experiment"("promotionId");

-- CreateIndex
CREATE INDEX "ExperimentAssignment_experimentId_arm_exposedAt_idx" ON "ExperimentAssignment"("experimentId", "arm", "exposedAt");

-- CreateIndex
CREATE INDEX "ExperimentAssignment_customerId_idx" ON "ExperimentAssignment"("customerId");

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "Promotion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
