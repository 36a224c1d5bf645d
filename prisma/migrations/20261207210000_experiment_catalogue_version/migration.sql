-- Starting or stopping an experiment changes what the storefront answers (held-out customers do
-- not get the promotion): it moves the catalogue version, so every process reads the live
-- promotions, which carry their running experiments, afresh. Assignments do not move it, nor
-- do the periodic check's notes of what it has sent.
CREATE TRIGGER "Experiment_catalogue_written" AFTER INSERT OR DELETE OR TRUNCATE ON "Experiment"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_catalogue_changed();
CREATE TRIGGER "Experiment_catalogue_updated" AFTER UPDATE OF "startedAt", "stoppedAt", "salt", "coverage", "arms" ON "Experiment"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_catalogue_changed();
