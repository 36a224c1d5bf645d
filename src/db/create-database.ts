// A PostgreSQL database named by DATABASE_URL that does not exist yet is created at start, when
// the user may create databases (as a developer's local superuser may); otherwise the start
// stops with one line saying how, instead of a migration engine's stack trace.
import pg from 'pg';
import { guardClient } from './connections.js';
import { sqlStateOf } from './errors.js';

export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

/** Creates the database of `url` if it is missing; returns whether it did. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const probe = guardClient(new pg.Client({ connectionString: url, application_name: 'cohort-setup' }), 'setup', () => undefined);
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if (sqlStateOf(error) !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = guardClient(new pg.Client({ connectionString: maintenance.toString(), application_name: 'cohort-setup' }), 'setup', () => undefined);
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    const code = sqlStateOf(error);
    if (code === '42P04') return false; // created meanwhile by another instance
    const how = `create it (\`createdb ${name}\`, or CREATE DATABASE "${name}"; as a user allowed to) and start Cohort again`;
    throw new DatabaseSetupError(
      code === '42501'
        ? `The database "${name}" does not exist and this user may not create it: ${how}.`
        : `The database "${name}" does not exist and could not be created (${(error as Error).message}): ${how}.`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}
