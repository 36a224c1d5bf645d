-- The rule a dynamic segment's recorded members were recorded under (src/segments/recorded.ts). Left null for existing
-- segments: the reconciliation's first pass at start records them again, and writes it.
-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "recordedRule" JSONB;
