-- AlterTable
ALTER TABLE "Promotion" ADD COLUMN     "periodicLimits" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "VoucherCode" ADD COLUMN     "periodicLimits" JSONB NOT NULL DEFAULT '[]';
