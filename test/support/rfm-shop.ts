// A shop small enough to compute RFM by hand: ten ordering customers with distinct days,
// orders and spending, so that every quintile holds two of them (test/rfm, test/analytics).
// Each customer's orders are a week apart, the last `days` before now.
export const now = new Date('2026-06-15T12:00:00Z');

// [customer, days since the last order, orders, minor units spent (spread evenly)]
export const SHOP: [string, number, number, number][] = [
  ['rfm-01', 1, 5, 50_000],
  ['rfm-02', 5, 1, 1_500],
  ['rfm-03', 10, 4, 40_000],
  ['rfm-04', 20, 2, 6_000],
  ['rfm-05', 40, 3, 15_000],
  ['rfm-06', 60, 1, 2_000],
  ['rfm-07', 100, 6, 60_000],
  ['rfm-08', 200, 2, 8_000],
  ['rfm-09', 300, 1, 1_000],
  ['rfm-10', 500, 8, 80_000],
];

// Quintile cuts (percentile_disc at 0.2, 0.4, 0.6, 0.8 of ten values: the 2nd, 4th, 6th and 8th):
//   days     1 5 10 20 40 60 100 200 300 500      → 5, 20, 60, 200
//   orders   1 1 1 2 2 3 4 5 6 8                  → 1, 2, 3, 5
//   spent    1000 1500 2000 6000 8000 15000 40000 50000 60000 80000 → 1500, 6000, 15000, 50000
// R = 1 + cuts the days are at most; F and M = 1 + cuts exceeded; FM = (F + M) / 2 rounded half up.
export const SHOPIFY: Record<string, [r: number, f: number, m: number, group: string]> = {
  'rfm-01': [5, 4, 4, 'CHAMPIONS'], // R5 FM4
  'rfm-02': [5, 1, 1, 'NEW'], // R5 FM1: 1,500 is not more than the first cut
  'rfm-03': [4, 4, 4, 'LOYAL'], // R4 FM4
  'rfm-04': [4, 2, 2, 'ACTIVE'], // R4 FM2
  'rfm-05': [3, 3, 3, 'NEEDS_ATTENTION'], // R3 FM3
  'rfm-06': [3, 1, 2, 'ALMOST_LOST'], // R3 FM (1 + 2) / 2 = 1.5 → 2
  'rfm-07': [2, 5, 5, 'PREVIOUSLY_LOYAL'], // R2 FM5
  'rfm-08': [2, 2, 3, 'AT_RISK'], // R2 FM 2.5 → 3
  'rfm-09': [1, 1, 1, 'DORMANT'], // its refunded order 2 days ago does not count
  'rfm-10': [1, 5, 5, 'PREVIOUSLY_LOYAL'],
};

const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/**
 * Writes the shop through the API (`ok` runs an admin request and asserts it succeeded): the
 * ten customers' orders a week apart, rfm-09's refunded order 2 days ago, and two customers
 * without a validated order (rfm-refunded, rfm-prospect), all registered 900 days ago.
 */
export async function writeRfmShop(ok: (query: string, variables: Record<string, unknown>) => Promise<unknown>) {
  let orderNumber = 0;
  const order = (customer: string, days: number, amount: number, status = 'VALIDATED') =>
    ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
      input: {
        externalId: `rfm-order-${(orderNumber += 1)}`,
        customer: { externalId: customer },
        status,
        placedAt: daysAgo(days),
        currency: 'USD',
        lines: [{ sku: 'RFM-ITEM', quantity: 1, unitPrice: amount }],
      },
    });
  await ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'RFM-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } } },
  );
  for (const externalId of ['rfm-prospect', 'rfm-refunded', ...SHOP.map(([id]) => id)]) {
    await ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId, registeredAt: daysAgo(900) } });
  }
  for (const [customer, days, orders, spent] of SHOP) {
    for (let index = 0; index < orders; index += 1) await order(customer, days + 7 * index, spent / orders);
  }
  await order('rfm-09', 2, 99_999, 'REFUNDED');
  await order('rfm-refunded', 3, 5_000, 'REFUNDED');
  await order('rfm-prospect', 3, 5_000, 'CANCELLED');
}
