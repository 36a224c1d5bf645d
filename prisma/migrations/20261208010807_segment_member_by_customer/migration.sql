-- The new index is built before the old one is dropped: building takes a lock that blocks writes
-- to SegmentMember (reads go on), and the drop's exclusive lock is then held only until the commit.

-- CreateIndex
CREATE INDEX "SegmentMember_customerId_segmentId_idx" ON "SegmentMember"("customerId", "segmentId");

-- DropIndex
DROP INDEX "SegmentMember_customerId_idx";
