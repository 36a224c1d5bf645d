-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "percentOfDiscounted" BOOLEAN NOT NULL DEFAULT true;
