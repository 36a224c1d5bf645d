// Prisma CLI configuration. Cohort applies migrations itself (src/db/migrate.ts);
// the datasource URL is only read by Prisma's own CLI commands where they can run.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/cohort' },
});
