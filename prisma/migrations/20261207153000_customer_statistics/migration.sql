-- cohort_v1.customers leaves erased customers out with erasedAt IS NULL (20261207140535_privacy).
-- A column just added has no statistics, and autovacuum does not analyze a table that adding a
-- column did not change: the planner then guesses that 0.5 % of customers are not erased, and
-- every segment query over the view plans for a few hundred customers instead of all of them
-- (at 100,000 customers a live member count went from seconds to over 15 minutes).
-- Analyzed once here, autovacuum keeps the statistics current as customers are written.
ANALYZE "Customer";
