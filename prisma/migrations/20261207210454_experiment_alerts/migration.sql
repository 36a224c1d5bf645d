-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "significantAt" TIMESTAMP(3),
ADD COLUMN     "srmDetectedAt" TIMESTAMP(3);
