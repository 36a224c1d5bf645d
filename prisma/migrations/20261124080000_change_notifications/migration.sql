-- Other processes hear of changes at once: triggers NOTIFY the channel "cohort_changes" with
-- what changed ("catalogue", "settings", "api-keys"), whoever writes (any Cohort instance,
-- the CLI, plain SQL). PostgreSQL delivers notifications when the transaction commits, once
-- per payload per transaction. Function bodies are E'' strings whose semicolons are written
-- \073, and quotes '', because Prisma's PostgreSQL adapter splits a migration at every semicolon.
CREATE OR REPLACE FUNCTION cohort_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN UPDATE "CatalogueVersion" SET "version" = "version" + 1, "changedAt" = CURRENT_TIMESTAMP WHERE "id" = 1\073 PERFORM pg_notify(''cohort_changes'', ''catalogue'')\073 RETURN NULL\073 END';

CREATE FUNCTION cohort_notify_change() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''cohort_changes'', TG_ARGV[0])\073 RETURN NULL\073 END';

CREATE TRIGGER "ShopSettings_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ShopSettings"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_notify_change('settings');

-- Keys: created, deleted, revoked or re-scoped (not lastUsedAt, which authentication writes).
CREATE TRIGGER "ApiKey_written" AFTER INSERT OR DELETE OR TRUNCATE ON "ApiKey"
  FOR EACH STATEMENT EXECUTE FUNCTION cohort_notify_change('api-keys');
CREATE TRIGGER "ApiKey_updated" AFTER UPDATE ON "ApiKey"
  FOR EACH ROW WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."scopes" IS DISTINCT FROM NEW."scopes" OR OLD."secretHash" IS DISTINCT FROM NEW."secretHash" OR OLD."prefix" IS DISTINCT FROM NEW."prefix")
  EXECUTE FUNCTION cohort_notify_change('api-keys');
