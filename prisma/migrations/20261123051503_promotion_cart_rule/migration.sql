-- AlterTable
ALTER TABLE "Promotion" DROP COLUMN "cartConditions",
ADD COLUMN     "cartRule" JSONB;
