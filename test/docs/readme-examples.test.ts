// Every example of the README and the docs, run as a new user runs them: `npm run seed` into a
// fresh embedded database, `npm start` (with the example partner plugins the plugin guide
// loads), the first-start admin key, then every ```graphql operation of each page in order
// (placeholders such as "<segment id>" filled from the blocks before). Each must answer without
// errors and without a typed error result. Blocks that are not operations (schema excerpts,
// selections shown alone) and operations that take variables (patterns) are shown, not run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, run, userEnvironment, type RunningProcess } from '../support/processes.js';

const home = mkdtempSync(join(tmpdir(), 'cohort-readme-'));
let server: RunningProcess | undefined;
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(home, { recursive: true, force: true });
});

/** The operations of a page: its ```graphql blocks that parse as executable operations. */
function operationsOf(file: string): string[] {
  return [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
    .map((match) => match[1] as string)
    .filter((block) => {
      try {
        return parse(block).definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION && !definition.variableDefinitions?.length);
      } catch {
        return false;
      }
    });
}

// The README first, then the guides in the order a reader meets them; every page with an operation is run.
const ORDER = ['README.md', 'docs/concepts.md', 'docs/segment-queries.md', 'docs/lifecycle-segments.md', 'docs/segment-events.md', 'docs/plugins.md'];
const pages = [
  ...ORDER,
  ...readdirSync(join(ROOT, 'docs'))
    .map((file) => `docs/${file}`)
    .filter((file) => file.endsWith('.md') && !ORDER.includes(file)),
].filter((file) => operationsOf(file).length > 0);

/** Every object in the answer that is a typed error (has `message` but is not a success). */
function typedErrors(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(typedErrors);
  if ('message' in value && !('data' in value)) return [value];
  return Object.values(value).flatMap(typedErrors);
}

// The README's steps use the embedded database: run once, in the PGlite pass of the suite.
describe.skipIf(process.env.TEST_POSTGRES_URL)('the examples of the README and the docs', () => {
  it('run as written against the demo shop', async () => {
    expect(pages).toEqual(expect.arrayContaining(ORDER));
    // As the guides say to: the example plugins loaded, and a secrets key for webhooks.
    const env = userEnvironment({
      COHORT_HOME: home,
      COHORT_PLUGINS: './examples/shipping-method/index.ts,./examples/free-gift/index.ts',
      COHORT_SECRETS_KEY: randomBytes(32).toString('base64'),
    });
    const seed = run('npm', ['run', 'seed'], env);
    expect(await seed.exited).toBe(0);
    const port = await freePort();
    server = run('npm', ['start'], { ...env, PORT: String(port) });
    await server.waitFor(/serving GraphQL at/);
    const adminKey = /ADMIN\s+(cohort_\S+)/.exec(server.output())?.[1];
    expect(adminKey).toBeDefined();

    const ids: Record<string, string> = {};
    const runBlock = async (file: string, block: string) => {
      const query = block.replace(/<(segment|promotion|customer|endpoint) id>/g, (_, kind: string) => ids[kind] ?? `<no ${kind} yet>`);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
      expect({ file, block, errors: body.errors, typedErrors: typedErrors(body.data) }).toEqual({ file, block, errors: undefined, typedErrors: [] });
      ids.segment = body.data?.createSegment?.data?.segment?.id ?? body.data?.createSegmentFromTemplate?.data?.segment?.id ?? ids.segment;
      ids.promotion = body.data?.createPromotion?.data?.promotion?.id ?? ids.promotion;
      ids.endpoint = body.data?.createWebhookEndpoint?.data?.endpoint?.id ?? ids.endpoint;
      return body.data as Record<string, any>;
    };
    const customers = await runBlock('(the test)', '{ customers(first: 1, filter: { search: "demo-0001" }) { edges { node { id } } } }');
    ids.customer = customers.customers.edges[0].node.id;

    const answers: Record<string, Record<string, any>[]> = {};
    for (const file of pages) {
      answers[file] = [];
      for (const block of operationsOf(file)) (answers[file] as Record<string, any>[]).push(await runBlock(file, block));
    }

    const readme = answers['README.md'] as Record<string, any>[];
    expect(readme.find((data) => data.createSegment)?.createSegment.data.segment.memberCount).toBeGreaterThan(0);
    expect(
      readme.find((data) => data.eligiblePromotions)?.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name),
    ).toContain('10% for big spenders');

    const concepts = answers['docs/concepts.md'] as Record<string, any>[];
    expect(
      concepts
        .find((data) => data.eligiblePromotions)
        ?.eligiblePromotions.data.promotions.map((entry: { promotion: { name: string } }) => entry.promotion.name),
    ).toContain('Concepts: VIP 15% over $50');
    expect(concepts.find((data) => data.validateVoucher)?.validateVoucher.data.applied).toBe(true);
    // The checkout records what the cart page offered, shipping included.
    const page = concepts.find((data) => data.eligiblePromotions)?.eligiblePromotions.data.promotions;
    const checkout = concepts.find((data) => data.redeem)?.redeem.data.redemptions;
    expect(
      checkout.map((entry: { promotion: { name: string }; discount: { formatted: string } }) => [entry.promotion.name, entry.discount.formatted]).sort(),
    ).toEqual(page.map((entry: { promotion: { name: string }; discount: { formatted: string } }) => [entry.promotion.name, entry.discount.formatted]).sort());
    expect(concepts.filter((data) => data.redeem).map((data) => data.redeem.data.replayed)).toEqual([false, true]);
    expect(concepts.at(-1)?.rollbackRedemption.data.redemptions.every((redemption: { status: string }) => redemption.status === 'ROLLED_BACK')).toBe(true);

    const plugins = answers['docs/plugins.md'] as Record<string, any>[];
    expect(plugins.find((data) => data.eligiblePromotions)?.eligiblePromotions.data.freeItems).toEqual([
      { sku: 'TOTE-BAG', quantity: 1, promotion: { name: 'A tote bag over $100' } },
    ]);
  }, 300_000);
});
