// Ships Cohort's migrations inside the SDK package, so that the test kit's createTestDatabase()
// builds the schema and the data contract's views of this very version, in a partner's folder.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

const source = new URL('../../../prisma/migrations/', import.meta.url);
const target = new URL('../migrations/', import.meta.url);
if (!existsSync(source)) throw new Error(`No migrations at ${source.pathname}: build the SDK inside the Cohort repository`);
rmSync(target, { recursive: true, force: true });
mkdirSync(target);
for (const entry of readdirSync(source, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .sort((a, b) => a.name.localeCompare(b.name))) {
  cpSync(new URL(`${entry.name}/migration.sql`, source), new URL(`${entry.name}.sql`, target));
}
