// Logs as an operator's log shipper reads them: JSON lines on stderr, one per request at info,
// with the request's id (the caller's x-request-id, or a new one sent back), on every line the
// request causes.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort, run, userEnvironment, type RunningProcess } from '../support/processes.js';

// The server's own in-memory database: on a PGlite run, started from the run's migrated template
// (global-setup.ts), since what this test reads is the logs, not how a database is created.
const database = process.env.TEST_POSTGRES_URL ? 'pglite:memory' : `pglite:memory?from=${inject('databaseTemplate')}`;

let server: RunningProcess | undefined;
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

const lines = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logs', () => {
  it('are JSON lines, one per request, carrying its id', async () => {
    const port = await freePort();
    server = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], userEnvironment({ DATABASE_URL: database, PORT: String(port) }));
    await server.waitFor(/serving GraphQL at/);
    const url = `http://127.0.0.1:${port}/graphql`;
    const given = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'lb-4242' },
      body: JSON.stringify({ query: 'query Hello { __typename }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('lb-4242');
    const fresh = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'not a sensible id!' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const freshId = fresh.headers.get('x-request-id') as string;
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    await server.waitFor(new RegExp(freshId));

    const logged = lines(server.output());
    expect(logged.every((line) => typeof line.time === 'string' && typeof line.level === 'string' && typeof line.msg === 'string')).toBe(true);
    expect(logged.find((line) => line.requestId === 'lb-4242' && line.msg === 'request')).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      operation: 'Hello',
      status: 200,
    });
    expect(logged.filter((line) => line.requestId === freshId && line.msg === 'request')).toHaveLength(1);
    expect(logged.find((line) => typeof line.msg === 'string' && line.msg.startsWith('Cohort is serving GraphQL'))).toMatchObject({
      level: 'info',
      service: 'cohort',
    });
  }, 60_000);
});
