// Names of the PostgreSQL databases a test run creates. They carry a tag of the checkout, so
// that two checkouts on one machine (a CI rehearsal beside a working copy) never drop each
// other's databases, and the vitest worker's id, so that workers never share one.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

const checkout = createHash('sha1')
  .update(resolve(import.meta.dirname, '../..'))
  .digest('hex')
  .slice(0, 6);

/** `cohort_test` → `cohort_test_1a2b3c_2` (the checkout's tag and the worker's id). */
export const testDatabaseName = (base: string) => `${base}_${checkout}_${process.env.VITEST_POOL_ID ?? '0'}`;

/** The migrated template every test file's database is copied from, one per checkout. */
export const TEMPLATE_DATABASE = `cohort_test_template_${checkout}`;
