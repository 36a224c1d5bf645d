// The README's examples, run as a new user runs them: `npm run seed` into a fresh embedded
// database, `npm start`, the first-start admin key, then every ```graphql block of the README in
// order (the "<segment id>" placeholder filled from the block that created it). Each must
// answer without errors and without a typed error result.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, run, userEnvironment, type RunningProcess } from '../support/processes.js';

const home = mkdtempSync(join(tmpdir(), 'cohort-readme-'));
let server: RunningProcess | undefined;
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(home, { recursive: true, force: true });
});

const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);

/** Every object in the answer that is a typed error (has `message` but is not a success). */
function typedErrors(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(typedErrors);
  if ('message' in value && !('data' in value)) return [value];
  return Object.values(value).flatMap(typedErrors);
}

// The README's steps use the embedded database: run once, in the PGlite pass of the suite.
describe.skipIf(process.env.TEST_POSTGRES_URL)('the README examples', () => {
  it('run as written against the demo shop', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const env = userEnvironment({ COHORT_HOME: home });
    const seed = run('npm', ['run', 'seed'], env);
    expect(await seed.exited).toBe(0);
    const port = await freePort();
    server = run('npm', ['start'], { ...env, PORT: String(port) });
    await server.waitFor(/serving GraphQL at/);
    const adminKey = /ADMIN\s+(cohort_\S+)/.exec(server.output())?.[1];
    expect(adminKey).toBeDefined();

    let segmentId = '';
    for (const block of blocks) {
      const query = block.replace('<segment id>', segmentId);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
      expect({ block, errors: body.errors, typedErrors: typedErrors(body.data) }).toEqual({ block, errors: undefined, typedErrors: [] });
      const segment = body.data?.createSegment?.data?.segment;
      if (segment) {
        segmentId = segment.id;
        expect(segment.memberCount).toBeGreaterThan(0);
      }
      const eligibility = body.data?.eligiblePromotions?.data;
      if (eligibility) expect(eligibility.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name)).toContain('10% for big spenders');
    }
    expect(segmentId).not.toBe('');
  }, 120_000);
});
