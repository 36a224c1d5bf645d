-- The rule a dynamic segment is recorded under (src/segments/recorded.ts). Left null for existing segments: the
-- reconciliation's pass at start records them and queues the membership.schedule pass, which writes it.
-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "recordedRule" JSONB;
