// End to end through HTTP: a promotion with a 50 % holdout over a few thousand customers, each
// seen by the storefront (which places them in an arm at first sight), then orders whose
// conversion depends on the arm by a known amount. The reported effects' intervals cover that
// amount; an A/A twin (another promotion, in another currency, whose orders are drawn the same
// way whatever the arm) reports no effect. The periodic check announces the first one's result
// by webhook, once.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { checkRunningExperiments } from '../../src/experiments/alerts.js';
import { systemClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { Random } from './shop-simulation.js';

let client: TestClient;

const CUSTOMERS = 2_000;
const PRICE = 5_000;
/** Conversion within the window: held out, treated (A/B); both arms of the A/A twin convert at the first rate. */
const CONVERSION = { holdout: 0.2, treatment: 0.4 };
// Each eligiblePromotions costs about 1,000 of the 20,000 a request may cost.
const ALIASES = 15;

const RESULTS = `query ($id: ID!) { node(id: $id) { ... on Experiment { results { arms { key exposed converted conversionRate redemptionRate }
  sampleRatio { mismatch pValue } minimumSampleMet
  metrics { name heldOutMean treatedMean absolute { estimate low high } relative { estimate low high } }
  incrementalNetRevenue { estimate { amount } low { amount } high { amount } } verdictKind verdict } } } }`;

interface Metric {
  name: string;
  heldOutMean: number;
  treatedMean: number;
  absolute: { estimate: number; low: number; high: number };
  relative: { estimate: number; low: number; high: number } | null;
}

/** A promotion (10 % off) in `currency` with a running 50 % holdout; answers the experiment's id. */
async function promotionWithHoldout(name: string, currency: string): Promise<string> {
  const promotion = await client.ok(
    `mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { ... on MutationCreatePromotionSuccess { data { promotion { id } } } } }`,
    { input: { name, status: 'ACTIVE', currency, effects: [{ percentageOff: { percent: 10 } }] } },
  );
  const created = await client.ok(
    `mutation ($input: CreateExperimentInput!) { createExperiment(input: $input) { ... on MutationCreateExperimentSuccess { data { experiment { id } } } } }`,
    { input: { promotion: promotion.createPromotion.data.promotion.id, holdoutBasisPoints: 5_000, expectedSampleSize: CUSTOMERS } },
  );
  const id = created.createExperiment.data.experiment.id as string;
  // A fixed salt (the experiment's id by default) and fixed customer ids: the arms, hence the orders drawn from the seed, are the same on every run.
  await prisma.experiment.update({ where: { id: decodeGlobalID(id).id }, data: { salt: `e2e ${name}` } });
  await client.ok(`mutation ($id: ID!) { startExperiment(input: { id: $id }) { ... on MutationStartExperimentSuccess { data { experiment { state } } } } }`, {
    id,
  });
  return id;
}

/** Every customer's cart seen by the storefront, a batch of aliases per request. */
async function seeEveryone(externalIds: string[], currency: string, sku: string): Promise<void> {
  for (let start = 0; start < externalIds.length; start += ALIASES) {
    const batch = externalIds.slice(start, start + ALIASES);
    const fields = batch.map(
      (_, index) => `c${index}: eligiblePromotions(input: $i${index}) { ... on QueryEligiblePromotionsSuccess { data { discountTotal { amount } } } }`,
    );
    const variables = Object.fromEntries(
      batch.map((externalId, index) => [`i${index}`, { customer: { externalId }, cart: { currency, lines: [{ sku, quantity: 1 }] } }]),
    );
    const declarations = batch.map((_, index) => `$i${index}: EligibilityInput!`).join(', ');
    await client.ok(`query (${declarations}) { ${fields.join(' ')} }`, variables, 'storefront');
  }
}

/** Orders after each customer's exposure: converting with the arm's rate (`rates`), the treated paying 10 % less unless `sameForBoth`. */
async function placeOrders(
  globalId: string,
  currency: string,
  rates: { holdout: number; treatment: number },
  random: Random,
  sameForBoth = false,
): Promise<void> {
  const experimentId = decodeGlobalID(globalId).id;
  const exposures = await prisma.experimentAssignment.findMany({ where: { experimentId }, orderBy: { customerId: 'asc' } });
  const orders = exposures
    .filter((exposure) => random.uniform() < rates[exposure.arm as 'holdout' | 'treatment'])
    .map((exposure) => {
      const discountTotal = exposure.arm === 'treatment' && !sameForBoth ? PRICE / 10 : 0;
      return {
        externalId: `${experimentId}:${exposure.customerId}`,
        customerId: exposure.customerId,
        status: 'VALIDATED' as const,
        placedAt: new Date(exposure.exposedAt.getTime() + 1),
        currency,
        subtotal: PRICE,
        discountTotal,
        total: PRICE - discountTotal,
      };
    });
  await prisma.order.createMany({ data: orders });
}

const metric = (metrics: Metric[], name: string) => metrics.find((entry) => entry.name === name) as Metric;

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.createMany({
    data: [
      { sku: 'E2E-USD', name: 'Item', price: PRICE, currency: 'USD' },
      { sku: 'E2E-EUR', name: 'Item', price: PRICE, currency: 'EUR' },
    ],
  });
  await prisma.customer.createMany({
    data: Array.from({ length: 2 * CUSTOMERS }, (_, index) => ({
      id: `00000000-0000-7000-8000-${index.toString(16).padStart(12, '0')}`,
      externalId: `e2e-${index}`,
      registeredAt: new Date('2025-01-01T00:00:00Z'),
    })),
  });
});

describe('a holdout measured end to end', () => {
  it('reports the known effect of the promotion, and no effect for an A/A twin', { timeout: 120_000 }, async () => {
    const random = new Random(20261207);
    const ab = await promotionWithHoldout('Ten percent (A/B)', 'USD');
    const aa = await promotionWithHoldout('Ten percent (A/A)', 'EUR');
    const ids = Array.from({ length: 2 * CUSTOMERS }, (_, index) => `e2e-${index}`);
    // Separate customers for each, and carts in each promotion's currency, so neither is exposed to the other.
    await seeEveryone(ids.slice(0, CUSTOMERS), 'USD', 'E2E-USD');
    await seeEveryone(ids.slice(CUSTOMERS), 'EUR', 'E2E-EUR');
    expect(await prisma.experimentAssignment.count({ where: { experimentId: decodeGlobalID(ab).id } })).toBe(CUSTOMERS);
    expect(await prisma.experimentAssignment.count({ where: { experimentId: decodeGlobalID(aa).id } })).toBe(CUSTOMERS);

    await placeOrders(ab, 'USD', CONVERSION, random);
    await placeOrders(aa, 'EUR', { holdout: CONVERSION.holdout, treatment: CONVERSION.holdout }, random, true);

    const abResults = (await client.ok(RESULTS, { id: ab })).node.results;
    expect(abResults.sampleRatio.mismatch).toBe(false);
    expect(abResults.minimumSampleMet).toBe(true);
    const conversion = metric(abResults.metrics, 'CONVERSION');
    const lift = CONVERSION.treatment - CONVERSION.holdout;
    expect(conversion.absolute.low).toBeLessThanOrEqual(lift);
    expect(conversion.absolute.high).toBeGreaterThanOrEqual(lift);
    expect(conversion.absolute.low).toBeGreaterThan(0);
    const relative = conversion.relative!;
    expect(relative.low).toBeLessThanOrEqual(lift / CONVERSION.holdout);
    expect(relative.high).toBeGreaterThanOrEqual(lift / CONVERSION.holdout);
    // Net revenue per exposed customer: 0.4 × 45.00 − 0.2 × 50.00 = $8.00 more (an effect the always-valid interval finds at this size for any draw, not only a lucky one).
    const netLift = CONVERSION.treatment * PRICE * 0.9 - CONVERSION.holdout * PRICE;
    const net = metric(abResults.metrics, 'NET_REVENUE');
    expect(net.absolute.low).toBeLessThanOrEqual(netLift);
    expect(net.absolute.high).toBeGreaterThanOrEqual(netLift);
    expect(abResults.incrementalNetRevenue.low.amount).toBeLessThanOrEqual(abResults.incrementalNetRevenue.estimate.amount);
    expect(abResults.verdictKind).toBe('POSITIVE_EFFECT');
    expect(abResults.verdict).toMatch(/^the offer added \$\d+\.\d\d of revenue per exposed customer/);

    const aaResults = (await client.ok(RESULTS, { id: aa })).node.results;
    expect(aaResults.sampleRatio.mismatch).toBe(false);
    const aaConversion = metric(aaResults.metrics, 'CONVERSION');
    expect(aaConversion.absolute.low).toBeLessThanOrEqual(0);
    expect(aaConversion.absolute.high).toBeGreaterThanOrEqual(0);
    expect(aaResults.verdictKind).toBe('NO_DETECTABLE_EFFECT');
    expect(aaResults.verdict).toMatch(/^no detectable effect/);
    const aaNet = metric(aaResults.metrics, 'NET_REVENUE');
    expect(aaNet.absolute.low).toBeLessThanOrEqual(0);
    expect(aaNet.absolute.high).toBeGreaterThanOrEqual(0);

    // The periodic check: the A/B result is announced once, the A/A twin not at all.
    await client.ok(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, {
      input: { url: 'http://127.0.0.1:9/experiments', eventTypes: ['EXPERIMENT_SIGNIFICANT', 'EXPERIMENT_SRM_DETECTED'] },
    });
    expect(await checkRunningExperiments(systemClock)).toEqual([{ experimentId: decodeGlobalID(ab).id, type: 'experiment.significant' }]);
    expect(await checkRunningExperiments(systemClock)).toEqual([]);
    const [event] = await prisma.webhookEvent.findMany({ where: { type: 'experiment.significant' } });
    expect(event?.payload).toMatchObject({
      type: 'experiment.significant',
      data: { experiment: { id: ab }, promotion: { name: 'Ten percent (A/B)' }, verdict: { kind: 'positive-effect', sentence: abResults.verdict } },
    });
  });
});
