-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "checkedAt" TIMESTAMP(3);
