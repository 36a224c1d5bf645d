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

const blocksOf = (file: string) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const blocks = blocksOf('README.md');
const concepts = blocksOf('docs/concepts.md');

/** Every object in the answer that is a typed error (has `message` but is not a success). */
function typedErrors(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(typedErrors);
  if ('message' in value && !('data' in value)) return [value];
  return Object.values(value).flatMap(typedErrors);
}

// The README's steps use the embedded database: run once, in the PGlite pass of the suite.
describe.skipIf(process.env.TEST_POSTGRES_URL)('the README and concepts examples', () => {
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
    let promotionId = '';
    const runBlock = async (block: string) => {
      const query = block.replace('<segment id>', segmentId).replace('<promotion id>', promotionId);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
      expect({ block, errors: body.errors, typedErrors: typedErrors(body.data) }).toEqual({ block, errors: undefined, typedErrors: [] });
      segmentId = body.data?.createSegment?.data?.segment?.id ?? segmentId;
      promotionId = body.data?.createPromotion?.data?.promotion?.id ?? promotionId;
      return body.data as Record<string, any>;
    };
    for (const block of blocks) {
      const data = await runBlock(block);
      if (data.createSegment) expect(data.createSegment.data.segment.memberCount).toBeGreaterThan(0);
      const eligibility = data.eligiblePromotions?.data;
      if (eligibility) expect(eligibility.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name)).toContain('10% for big spenders');
    }
    expect(segmentId).not.toBe('');

    // docs/concepts.md, in order, after the README's.
    const answers = [];
    for (const block of concepts) answers.push(await runBlock(block));
    const applied = answers.find((data) => data.eligiblePromotions)?.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name);
    expect(applied).toContain('Concepts: VIP 15% over $50');
    expect(answers.find((data) => data.validateVoucher)?.validateVoucher.data.applied).toBe(true);
    const redeems = answers.filter((data) => data.redeem).map((data) => data.redeem.data.replayed);
    expect(redeems).toEqual([false, true]);
    expect(answers.at(-1)?.rollbackRedemption.data.redemptions.every((redemption: { status: string }) => redemption.status === 'ROLLED_BACK')).toBe(true);
  }, 120_000);
});
