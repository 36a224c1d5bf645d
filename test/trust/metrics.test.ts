// GET /metrics after a little traffic: operations by name, errors by code, redemptions by
// outcome, catalogue activity and the process's own metrics, in Prometheus' text format.
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createServer } from '../../src/server/yoga.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

let client: TestClient;
const yoga = createServer({ registry: pluginRegistry });
const scrape = async () => (await yoga.fetch('http://cohort.test/metrics')).text();
const value = (text: string, series: string) => Number(new RegExp(`^${series.replace(/[{}()"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);

beforeAll(async () => {
  client = await createTestClient();
  await prisma.product.create({ data: { sku: 'METRICS-1', name: 'Metered', price: 1_000, currency: 'USD' } });
  await client.request(`mutation ($input: CreatePromotionInput!) { createPromotion(input: $input) { __typename } }`, {
    input: { name: 'Metered', status: 'ACTIVE', currency: 'USD', usageLimit: 1, effects: [{ amountOff: { amount: 100 } }] },
  });
});

describe('/metrics', () => {
  it('counts operations by name, errors by code and redemptions by outcome', async () => {
    const before = await scrape();
    const cart = { currency: 'USD', lines: [{ sku: 'METRICS-1', quantity: 1 }] };
    const redeem = `mutation Checkout($input: RedeemInput!) { redeem(input: $input) { __typename } }`;
    await client.request(redeem, { input: { orderRef: 'M-1', cart } }, 'storefront');
    await client.request(redeem, { input: { orderRef: 'M-1', cart } }, 'storefront'); // a retry: replayed
    await client.request(redeem, { input: { orderRef: 'M-2', cart } }, 'storefront'); // the limit is used up: nothing recorded
    await client.request(`query Broken { customer(id: 1) }`); // invalid: GRAPHQL_VALIDATION_FAILED
    const after = await scrape();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('cohort_graphql_operations_total{operationName="Checkout",operationType="mutation"}')).toBe(3);
    expect(delta('cohort_redemptions_total{outcome="recorded"}')).toBe(1);
    expect(delta('cohort_redemptions_total{outcome="replayed"}')).toBe(1);
    expect(delta('cohort_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(after).toMatch(/^cohort_graphql_operation_duration_seconds_bucket\{.*operationName="Checkout".*\} \d+$/m);
    expect(after).toMatch(/^cohort_catalogue_total\{activity="read"\} \d+$/m);
    expect(after).toMatch(/^cohort_process_cpu_seconds_total \d/m);
  });

  it('keeps client-chosen operation names bounded', async () => {
    for (let index = 0; index < 250; index += 1) await client.request(`query Name${index} { __typename }`);
    const names = new Set([...(await scrape()).matchAll(/cohort_graphql_operations_total\{operationName="([^"]+)"/g)].map((match) => match[1]));
    expect(names.size).toBeLessThanOrEqual(201);
    expect(names.has('other')).toBe(true);
  });
});
