// Cohort's processes as a user runs them: `npm start` on the embedded database, a second
// process on the same data folder, SIGTERM with requests in flight, and kill -9.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, run, userEnvironment, type RunningProcess } from '../support/processes.js';

const home = mkdtempSync(join(tmpdir(), 'cohort-processes-'));
const started: RunningProcess[] = [];
afterAll(() => {
  for (const process_ of started) if (process_.child.pid && isAlive(process_.child.pid)) process_.child.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

async function start(port: number) {
  const server = run('npm', ['start'], userEnvironment({ COHORT_HOME: home, PORT: String(port) }));
  started.push(server);
  await server.waitFor(/serving GraphQL at/);
  return server;
}

/** Posts `body` to /graphql on a connection of its own: `connecting` resolves once the connection is made. */
function post(port: number, body: string, key: string) {
  let connected: () => void = () => undefined;
  const connecting = new Promise<void>((resolve) => (connected = resolve));
  const promise = new Promise<{ status: number; body: unknown }>((resolve) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    request.on('socket', (socket) => socket.once('connect', connected));
    request.on('error', (error) => {
      connected();
      resolve({ status: 0, body: String(error) });
    });
    request.end(body);
  });
  return { promise, connecting };
}

/** Resolves once no connection waits in the accept queue of the socket listening on `port` (Linux's `ss`): the server took every one made. */
async function acceptQueueEmpty(port: number): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    const queued = execFileSync('ss', ['-Htln', `sport = :${port}`], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => Number(line.trim().split(/\s+/)[1]));
    if (queued.length > 0 && queued.every((waiting) => waiting === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Connections still wait to be accepted on port ${port} after 30 s`);
}

const serverPid = (output: string) => Number(/in use by process (\d+)/.exec(output)?.[1]);

/** The PID of the node process serving (npm start's child), as its lock on the data folder names it (db/data-folder-lock.ts). */
function servingPid(): number {
  return (JSON.parse(readFileSync(`${realpathSync(join(home, 'data'))}.lock`, 'utf8')) as { pid: number }).pid;
}

describe.skipIf(process.env.TEST_POSTGRES_URL)('processes on the embedded database', () => {
  let adminKey = '';
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    // The first start creates the database and prints the keys, once.
    const first = await start(port);
    adminKey = /ADMIN\s+(cohort_\S+)/.exec(first.output())?.[1] ?? '';
    first.child.kill('SIGTERM');
    await first.exited;
  }, 120_000);

  it('refuse a second process on the same data folder, naming the holder, but answer `npm run keys` through the server', async () => {
    expect(adminKey).not.toBe('');
    const server = await start(port);
    const seed = run('npm', ['run', 'seed'], userEnvironment({ COHORT_HOME: home }));
    expect(await seed.exited).toBe(3);
    expect(seed.output()).toMatch(/The embedded database in .* is in use by process \d+ \(npm run start, since /);
    expect(isAlive(serverPid(seed.output()))).toBe(true);
    // Keys are managed while the server runs: it answers the command itself, and a new key works at once.
    const list = run('npm', ['run', 'keys', '--', 'list'], userEnvironment({ COHORT_HOME: home }));
    expect(await list.exited).toBe(0);
    expect(list.output()).toMatch(/PREFIX\s+SCOPES\s+STATE\s+CREATED \(UTC\)\s+LAST USED \(UTC\)\s+NAME[\s\S]*Initial admin key/);
    const create = run('npm', ['run', 'keys', '--', 'create', '--name', 'made while running', '--scope', 'storefront'], userEnvironment({ COHORT_HOME: home }));
    expect(await create.exited).toBe(0);
    const made = /(cohort_[a-z0-9]{12}_\S+)/.exec(create.output())?.[1] ?? '';
    const asked = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': made },
      body: '{"query":"{ shopSettings { timeZone } }"}',
    });
    expect(await asked.json()).toEqual({ data: { shopSettings: { timeZone: 'UTC' } } });
    // The server still answers.
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: '{"query":"{ __typename }"}',
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('finish the requests in flight on SIGTERM to npm start, then exit, leaving no process behind', async () => {
    const server = await start(port);
    const nodePid = servingPid();
    const customers = Array.from({ length: 300 }, (_, index) => ({ externalId: `drain-${index}`, tags: ['a', 'b'] }));
    const body = JSON.stringify({
      query: 'mutation ($input: UpsertCustomersInput!) { upsertCustomers(input: $input) { ... on MutationUpsertCustomersSuccess { data { count } } } }',
      variables: { input: { customers } },
    });
    // Eight requests, each on a connection of its own; in flight means the server took them: every
    // connection made, and none left waiting in the listening socket's queue, whatever the machine's load.
    const connected: Promise<void>[] = [];
    const inFlight = Array.from({ length: 8 }, () => {
      const { promise, connecting } = post(port, body, adminKey);
      connected.push(connecting);
      return promise;
    });
    await Promise.all(connected);
    await acceptQueueEmpty(port);
    server.child.kill('SIGTERM');
    const results = await Promise.all(inFlight);
    expect(results).toEqual(Array.from({ length: 8 }, () => ({ status: 200, body: { data: { upsertCustomers: { data: { count: 300 } } } } })));
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: no longer accepting requests');
    // No server left answering on the port, and no orphaned node process.
    await expect(fetch(`http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`)).rejects.toThrow();
    expect(isAlive(nodePid)).toBe(false);
  }, 120_000);

  it('start again after kill -9, taking over the lock the dead process left', async () => {
    const server = await start(port);
    const nodePid = servingPid();
    expect(isAlive(nodePid)).toBe(true);
    process.kill(nodePid, 'SIGKILL');
    await server.exited;
    const restarted = await start(port);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query: '{ customers(first: 1) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { customers: { totalCount: 300 } } });
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 120_000);
});

describe.skipIf(process.env.TEST_POSTGRES_URL)('the data-folder lock', () => {
  it('is held by exactly one of many processes taking it at once', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cohort-lock-race-'));
    const script = `import { lockDataFolder } from './src/db/data-folder-lock.ts';
      try { lockDataFolder(${JSON.stringify(folder)}); console.log('HELD'); setInterval(() => {}, 1000); } catch (error) { console.log('REFUSED', error.name); }`;
    const contenders = Array.from({ length: 12 }, () => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], userEnvironment({})));
    // A holder keeps the lock until every contender has tried (however slowly a loaded machine starts them), then is stopped.
    await Promise.all(contenders.map((contender) => contender.waitFor(/HELD|REFUSED/)));
    for (const contender of contenders) contender.child.kill('SIGTERM');
    await Promise.all(contenders.map((contender) => contender.exited));
    const outcomes = contenders.map((contender) => contender.output().trim().split(/\s+/)[0]);
    expect(outcomes.filter((outcome) => outcome === 'HELD')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'REFUSED')).toHaveLength(11);
    rmSync(folder, { recursive: true, force: true });
  }, 60_000);
});
