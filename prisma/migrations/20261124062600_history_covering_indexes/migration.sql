-- DropIndex
DROP INDEX "Order_customerId_placedAt_idx";

-- DropIndex
DROP INDEX "OrderLine_orderId_idx";

-- DropIndex
DROP INDEX "ProductView_customerId_viewedAt_idx";

-- CreateIndex
CREATE INDEX "Order_customerId_placedAt_status_currency_total_idx" ON "Order"("customerId", "placedAt", "status", "currency", "total");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_productId_quantity_brand_category_idx" ON "OrderLine"("orderId", "productId", "quantity", "brand", "category");

-- CreateIndex
CREATE INDEX "ProductView_customerId_viewedAt_productId_idx" ON "ProductView"("customerId", "viewedAt", "productId");
