-- The data contract's views show enums as text (`status::text`). Without statistics on that
-- expression the planner guesses that a fixed 0.5 % of rows match `status = 'VALIDATED'`, and
-- picks plans for a handful of rows (a sort spilling to disk instead of the covering index)
-- when most orders match. Expression statistics give it the real frequencies (ANALYZE fills them).
CREATE STATISTICS "Order_status_text" ON ((status::text)) FROM "Order";
CREATE STATISTICS "Cart_status_text" ON ((status::text)) FROM "Cart";
CREATE STATISTICS "Customer_status_text" ON ((status::text)) FROM "Customer";
ANALYZE "Order";
ANALYZE "Cart";
ANALYZE "Customer";
