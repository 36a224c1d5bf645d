// A PostgreSQL cluster of a test's own, on a port of its own, from the PostgreSQL server
// binaries the machine has (`pg_config --bindir`): tests that restart the database, stop it or
// end its backends cannot do that to the shared server other test files use. The cluster runs
// as the `postgres` user (initdb refuses root) and keeps nothing once destroyed.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './processes.js';

export interface PrivateCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** pg_ctl stop: `fast` ends sessions and shuts down cleanly, `immediate` as a crash would. */
  stop(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Ends the backends whose application_name matches (LIKE), as a DBA's pg_terminate_backend does; returns how many. */
  terminate(applicationName: string): Promise<number>;
  /** The server's log, for a test that failed. */
  log(): string;
  destroy(): void;
}

function binaries(): string | null {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')) ? dir : null;
  } catch {
    return null;
  }
}

/** Where initdb and pg_ctl are, or null when the machine has no PostgreSQL server binaries. */
export const POSTGRES_BINARIES = binaries();

/** A binary run as the postgres user (as root, through runuser; as anyone else, as themselves). */
function asPostgres(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/** Runs it without blocking the event loop: a test's clients and probes go on while the server stops and starts. */
const runAsPostgres = async (binary: string, args: string[]) => void (await promisify(execFile)(...asPostgres(binary, args)));

export async function startPrivateCluster(): Promise<PrivateCluster> {
  if (!POSTGRES_BINARIES) throw new Error('No PostgreSQL server binaries (pg_config --bindir) on this machine');
  const bin = (name: string) => join(POSTGRES_BINARIES as string, name);
  const root = mkdtempSync(join(tmpdir(), 'cohort-cluster-'));
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', root]);
  await runAsPostgres(bin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (...args: string[]) => runAsPostgres(bin('pg_ctl'), ['-D', data, '-l', logFile, ...args]);
  const cluster: PrivateCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => ctl('-o', options, '-w', '-t', '60', 'start'),
    stop: (mode = 'fast') => ctl('-m', mode, '-w', '-t', '60', 'stop'),
    restart: (mode = 'fast') => ctl('-o', options, '-m', mode, '-w', '-t', '60', 'restart'),
    async terminate(applicationName) {
      const client = new pg.Client({ connectionString: cluster.url() });
      await client.connect();
      try {
        const { rows } = await client.query<{ ended: boolean }>(
          'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name LIKE $1 AND pid <> pg_backend_pid()',
          [applicationName],
        );
        return rows.filter((row) => row.ended).length;
      } finally {
        await client.end();
      }
    },
    log: () => {
      try {
        return execFileSync('tail', ['-n', '50', logFile], { encoding: 'utf8' });
      } catch {
        return '';
      }
    },
    destroy() {
      try {
        execFileSync(...asPostgres(bin('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
