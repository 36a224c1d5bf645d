// `npm run bench:console`: what the console costs a user, against a running Cohort
// (CONSOLE_BENCH_URL, default http://127.0.0.1:4000; CONSOLE_BENCH_KEY, an admin key):
// (1) the first load of /console, signed in, until the segments list shows (headless Chromium,
// a fresh browser cache each round); (2) the live preview while a rule is edited, as the
// segment editor asks it (previewSegment and previewSegmentChange together) for a saved segment
// of the shop, one bound changed each time. Prints medians and spreads; no target.
import { launchChromium } from '../test/support/chromium.js';

const BASE = process.env.CONSOLE_BENCH_URL ?? 'http://127.0.0.1:4000';
const KEY = process.env.CONSOLE_BENCH_KEY;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
if (!KEY) throw new Error('Set CONSOLE_BENCH_KEY to an admin key of the server at CONSOLE_BENCH_URL');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const spread = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const browser = await launchChromium();
const loads: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/console/`);
  await page.getByLabel('API key').fill(KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('table.data tbody tr').first().waitFor({ timeout: 60_000 });
  // The measured load: a new page of the signed-in browser, its cache emptied.
  const fresh = await context.newPage();
  const session = await context.newCDPSession(fresh);
  await session.send('Network.clearBrowserCache');
  const started = performance.now();
  await fresh.goto(`${BASE}/console/segments`);
  await fresh.locator('table.data tbody tr').first().waitFor({ timeout: 60_000 });
  loads.push(performance.now() - started);
  await context.close();
}
await browser.close();

const PREVIEW = `query ($segment: ID!, $rule: SegmentRuleInput!) {
  previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }
  customers(first: 1) { totalCount }
  previewSegmentChange(segment: $segment, rule: $rule) { ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving enteringSample { id } leavingSample { id } } } }
}`;
const { segments } = await graphql('{ segments(first: 1) { edges { node { id name } } } }');
const segment = segments.edges[0]?.node;
if (!segment) throw new Error('The shop has no segment: seed it first (npm run seed)');
const previews: number[] = [];
for (let round = 0; round < ROUNDS * 2; round += 1) {
  const rule = {
    and: [
      { condition: { orderCount: { count: { atLeast: 2 + (round % 5) } } } },
      { condition: { amountSpent: { amount: { moreThan: { amount: 10_000 * (1 + (round % 3)), currency: 'USD' } }, within: { lastDays: 365 } } } },
    ],
  };
  const started = performance.now();
  await graphql(PREVIEW, { segment: segment.id, rule });
  previews.push(performance.now() - started);
}
console.log(
  `First load of /console (signed in, empty cache) until the segments list shows: median ${Math.round(median(loads))} ms (${spread(loads)} ms, ${ROUNDS} rounds)`,
);
console.log(
  `Live preview of a rule edit (count, share, sample, would enter and leave vs "${segment.name}"): median ${Math.round(median(previews))} ms (${spread(previews)} ms, ${previews.length} edits)`,
);
