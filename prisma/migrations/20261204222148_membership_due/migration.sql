-- CreateTable
CREATE TABLE "MembershipDue" (
    "customerId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MembershipDue_pkey" PRIMARY KEY ("customerId")
);

-- CreateIndex
CREATE INDEX "MembershipDue_dueAt_idx" ON "MembershipDue"("dueAt");

-- AddForeignKey
ALTER TABLE "MembershipDue" ADD CONSTRAINT "MembershipDue_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
