// Lifecycle benchmarks on PostgreSQL: computing the RFM thresholds, and counting RFM groups
// as the API counts segment members. Prints its figures and each target met or missed; not a
// test. Run `npm run bench:data` first (scale 1: 100,000 customers and 1,000,000 orders, the
// size the targets are set for); BENCH_DATABASE_URL points both at the same database.
//
//  1. refreshRfmThresholds: every currency's quintile cuts over all validated orders, written
//     with the grid, as the admin mutation and the hourly schedule run it. Target: < 5 s.
//  2. memberCount of each group of the default grid (an rfmGroup segment each, prospects
//     included), one after the other as the API counts them. Target: < 5 s for all.
//  3. refreshRetentionBaseline: the shop's median interval between orders. Target: < 5 s.
//  4. memberCount of each retention stage, as in 2. Target: < 5 s for all.
//  5. lifecycleAnalytics over HTTP as an admin UI asks for it: the RFM grid and groups, the
//     spectrum and six months of flows, in one query. No target in the issue; printed.
import { BENCH_DATABASE_URL } from './generate-data.js';

const { database, prisma, query } = await import('./database.js');
const { RETENTION_STAGES, sql } = await import('@cohort/plugin-sdk');
const { configuredRegistry } = await import('../src/registry/load.js');
const { builtinPlugins } = await import('../plugins/index.js');
const { countMembers } = await import('../src/segments/membership.js');
const { parseRuleTree } = await import('../src/rules/rule-tree.js');
const { REFRESH_TRANSACTION, refreshRfmThresholds } = await import('../src/rfm/refresh.js');
const { DEFAULT_RFM_GRID } = await import('../src/rfm/grid.js');
const { fixedClock } = await import('../src/shared/clock.js');
const { refreshRetentionBaseline } = await import('../src/retention/baseline.js');
const { rfmAnalytics, retentionSpectrum, retentionFlows } = await import('../src/analytics/lifecycle.js');

const registry = await configuredRegistry(builtinPlugins, (await import('../src/runtime.js')).currentRuntime().config.plugins);
const clock = fixedClock(new Date());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const spread = (values: number[]) => `${(Math.min(...values) / 1000).toFixed(2)}–${(Math.max(...values) / 1000).toFixed(2)} s`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

const [sizes] = await query<{ customers: number; orders: number }>(
  sql`SELECT (SELECT count(*) FROM "Customer")::int AS customers, (SELECT count(*) FROM "Order")::int AS orders`,
);
if (!sizes?.orders) throw new Error('No data: run `npm run bench:data` first');
console.log(`Data: ${sizes.customers} customers, ${sizes.orders} orders (PostgreSQL, ${BENCH_DATABASE_URL})`);

// 1. Thresholds.
const refreshTimes: number[] = [];
let refreshed: Awaited<ReturnType<typeof refreshRfmThresholds>> = null;
for (let round = 0; round < ROUNDS; round += 1) {
  const [ms, result] = await timed(() => prisma.$transaction((tx) => refreshRfmThresholds(tx, clock.now()), REFRESH_TRANSACTION));
  refreshTimes.push(ms);
  refreshed = result;
}
console.log(`\n1. refreshRfmThresholds (${(refreshed ?? []).map((entry) => `${entry.currency}: ${entry.customers} customers`).join(', ')}), ${ROUNDS} rounds`);
console.log(`   median ${(median(refreshTimes) / 1000).toFixed(2)} s (${spread(refreshTimes)})   target < 5 s: ${verdict(median(refreshTimes) < 5_000)}`);

// 2. Group counts.
const currency = refreshed?.[0]?.currency ?? 'USD';
const groups = [...DEFAULT_RFM_GRID.groups.map((group) => group.name), 'PROSPECTS'];
const counts = new Map<string, number>();
const [separately] = await timed(async () => {
  for (const group of groups) {
    const rule = parseRuleTree({ condition: { type: 'rfmGroup', params: { currency, groups: [group] } } }, registry);
    counts.set(group, await countMembers({ id: group, kind: 'DYNAMIC', rule }, registry, clock));
  }
});
console.log(`\n2. memberCount of each RFM group (${currency}), one segment at a time as the API counts them`);
console.log(`   ${groups.map((group) => `${group} ${counts.get(group)}`).join(', ')}`);
console.log(`   all ${groups.length} groups: ${(separately / 1000).toFixed(2)} s   target < 5 s: ${verdict(separately < 5_000)}`);
const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
if (total !== sizes.customers)
  console.log(`   (groups hold ${total} of ${sizes.customers} customers: those with orders only in other currencies have no ${currency} group)`);

// 3. Retention baseline.
const baselineTimes: number[] = [];
let baseline: Awaited<ReturnType<typeof refreshRetentionBaseline>> | null = null;
for (let round = 0; round < ROUNDS; round += 1) {
  const [ms, result] = await timed(() => prisma.$transaction((tx) => refreshRetentionBaseline(tx, clock.now()), REFRESH_TRANSACTION));
  baselineTimes.push(ms);
  baseline = result;
}
console.log(
  `\n3. refreshRetentionBaseline (median interval ${((baseline?.medianGapMs ?? 0) / 86_400_000).toFixed(1)} days over ${baseline?.intervals} intervals), ${ROUNDS} rounds`,
);
console.log(`   median ${(median(baselineTimes) / 1000).toFixed(2)} s (${spread(baselineTimes)})   target < 5 s: ${verdict(median(baselineTimes) < 5_000)}`);

// 4. Stage counts.
const stageCounts = new Map<string, number>();
const [stagesTime] = await timed(async () => {
  for (const stage of RETENTION_STAGES) {
    const rule = parseRuleTree({ condition: { type: 'retentionStage', params: { stages: [stage] } } }, registry);
    stageCounts.set(stage, await countMembers({ id: stage, kind: 'DYNAMIC', rule }, registry, clock));
  }
});
console.log('\n4. memberCount of each retention stage, one segment at a time');
console.log(`   ${RETENTION_STAGES.map((stage) => `${stage} ${stageCounts.get(stage)}`).join(', ')}`);
console.log(`   all ${RETENTION_STAGES.length} stages: ${(stagesTime / 1000).toFixed(2)} s   target < 5 s: ${verdict(stagesTime < 5_000)}`);

// 5. Analytics, the parts an admin UI's lifecycle page asks for together (in parallel, as GraphQL resolves them).
const [gridTime] = await timed(() => rfmAnalytics(currency, clock.now()));
const [spectrumTime] = await timed(() => retentionSpectrum(clock.now()));
const [flowsTime] = await timed(() => retentionFlows(6, clock.now(), 'UTC'));
const [allTime] = await timed(() => Promise.all([rfmAnalytics(currency, clock.now()), retentionSpectrum(clock.now()), retentionFlows(6, clock.now(), 'UTC')]));
console.log('\n5. lifecycleAnalytics');
console.log(
  `   RFM grid and groups ${(gridTime / 1000).toFixed(2)} s, spectrum ${(spectrumTime / 1000).toFixed(2)} s, 6 months of flows ${(flowsTime / 1000).toFixed(2)} s; all three at once ${(allTime / 1000).toFixed(2)} s`,
);

await database.close();
