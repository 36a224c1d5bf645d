-- DropIndex
DROP INDEX "SegmentMember_customerId_idx";

-- CreateIndex
CREATE INDEX "SegmentMember_customerId_segmentId_idx" ON "SegmentMember"("customerId", "segmentId");
