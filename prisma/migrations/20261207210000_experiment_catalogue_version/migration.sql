-- Starting or stopping an experiment changes what the storefront answers (held-out customers do
-- not get the promotion): it moves the catalogue version, so every process reads the live
-- promotions, which carry their running experiments, afresh. Assignments do not move it.
CREATE TRIGGER "Experiment_catalogue_written" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Experiment"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_catalogue_changed();
