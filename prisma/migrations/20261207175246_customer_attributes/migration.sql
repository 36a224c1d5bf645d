-- CreateEnum
CREATE TYPE "CustomerAttributeType" AS ENUM ('STRING', 'NUMBER', 'BOOLEAN', 'DATE', 'INSTANT', 'MONEY', 'STRING_LIST');

-- CreateTable
CREATE TABLE "CustomerAttribute" (
    "name" TEXT NOT NULL,
    "type" "CustomerAttributeType" NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerAttribute_pkey" PRIMARY KEY ("name")
);
