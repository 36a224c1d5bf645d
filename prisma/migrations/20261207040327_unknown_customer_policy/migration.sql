-- CreateEnum
CREATE TYPE "UnknownCustomerPolicy" AS ENUM ('ANONYMOUS', 'ERROR');

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "unknownCustomers" "UnknownCustomerPolicy" NOT NULL DEFAULT 'ANONYMOUS';
