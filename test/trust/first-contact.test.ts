// The first contact: what a new user meets opening the server in a browser, and starting it on
// a PostgreSQL database that does not exist yet.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/yoga.js';
import { freePort, run, userEnvironment } from '../support/processes.js';
import { registry } from '../support/registry.js';

const page = async (server: ReturnType<typeof createServer>, path: string, accept = 'text/html') => {
  const response = await server.fetch(`http://cohort.test${path}`, { headers: { accept } });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    csp: response.headers.get('content-security-policy') ?? '',
    body: await response.text(),
  };
};

describe('a browser at the server', () => {
  it('finds a page at / linking to GraphiQL, the docs and the probes, with no script allowed', async () => {
    const home = await page(createServer({ registry, graphiql: true, introspection: 'on' }), '/');
    expect(home).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    for (const link of ['href="/graphql"', 'href="/docs/"', 'href="/health"', 'href="/ready"']) expect(home.body).toContain(link);
    expect(home.csp).toContain("default-src 'none'");
    expect(home.csp).not.toContain('script-src');
  });

  it('is told in production what is off and why, and finds a notice instead of an empty 406 at /graphql', async () => {
    const production = createServer({ registry, graphiql: false, introspection: 'admin' });
    const home = await page(production, '/');
    expect(home.body).not.toContain('href="/graphql"');
    expect(home.body).toContain('GraphiQL, the query editor at <code>/graphql</code>, is off');
    expect(home.body).toContain('Only admin keys may read the schema');
    const graphql = await page(production, '/graphql');
    expect(graphql.status).toBe(200);
    expect(graphql.body).toContain('GraphiQL is off here');
    // A client asking for JSON is not shown a page.
    expect((await page(production, '/graphql?query={__typename}', 'application/json')).body).toBe('{"data":{"__typename":"Query"}}');
  });

  it('reads the documentation of this version at /docs/', async () => {
    const server = createServer({ registry });
    const index = await page(server, '/docs/');
    expect(index.body).toContain('href="/docs/api.md"');
    const api = await page(server, '/docs/api.md');
    expect(api).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8' });
    expect(api.body).toContain('# The API');
    expect((await page(server, '/docs/..%2Fpackage.json')).status).toBe(404);
  });
});

describe.skipIf(!process.env.TEST_POSTGRES_URL)('starting on a PostgreSQL database that does not exist', () => {
  const server = process.env.TEST_POSTGRES_URL as string;
  const database = `cohort_first_contact_${process.pid}`;
  const url = (user: string) => Object.assign(new URL(server), { pathname: `/${database}`, username: user }).toString();

  it('creates it when the user may, and says in one line how to when not', async () => {
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.query(
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cohort_cannot_create') THEN CREATE ROLE cohort_cannot_create LOGIN NOCREATEDB; END IF; END $$`,
      );
      const refused = run('npm', ['start'], userEnvironment({ DATABASE_URL: url('cohort_cannot_create'), PORT: String(await freePort()) }));
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toContain(
        `Cohort cannot start: The database "${database}" does not exist and this user may not create it: create it (\`createdb ${database}\``,
      );
      expect(refused.output()).not.toMatch(/\n\s+at /);

      const port = await freePort();
      const started = run('npm', ['start'], userEnvironment({ DATABASE_URL: url('postgres'), PORT: String(port) }));
      await started.waitFor(/serving GraphQL at/, 120_000);
      expect(started.output()).toContain('Created the database named in DATABASE_URL');
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);
});
