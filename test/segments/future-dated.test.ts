// Time is exact everywhere: an order dated after now (imported ahead of its date) counts from
// that moment, not before, in RFM (a customer's days since their last order, and the cuts the
// shop is scored with), in "the last N days" (the customer enters a one-day window at the
// order's date, by time, not at its ingestion) and nowhere else either, while retention, which
// ignored it already, is unchanged; and a windowed condition such as `registered { within }`
// lets a customer go at the moment they leave the window, by time, with no reconciliation run.
// Through the API, with the jobs running as main.ts runs them and the clock moved by the test.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestClient } from '../support/http.js';
import { serveWithJobsAt } from '../support/moving-clock.js';
import { now, SHOPIFY, writeRfmShop } from '../support/rfm-shop.js';
import { eventually } from '../support/eventually.js';

const DAY = 86_400_000;
// The injected clock is the process's Date, frozen and moved by the test (graphile-worker, on PostgreSQL, compares due times with Node's time).
const setClock = (to: string) => vi.setSystemTime(new Date(to));
const at = (offset: number) => new Date(now.getTime() + offset).toISOString();
/** When the orders dated ahead are dated. */
const WINDOW_ORDER_AT = 25_000;
const RFM_02_ORDER_AT = 2 * DAY;
const RFM_AHEAD_ORDER_AT = 3 * DAY;

let client: TestClient;
let stop: () => Promise<void>;
const customerIds = new Map<string, string>();
const customer = async (externalId: string, registeredAt: string) => {
  const data = await client.ok(
    'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
    { input: { externalId, registeredAt } },
  );
  customerIds.set(externalId, data.upsertCustomer.data.customer.id);
};
const order = (externalId: string, customerRef: string, amount: number, placedAt: string) =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId,
      customer: { externalId: customerRef },
      status: 'VALIDATED',
      placedAt,
      currency: 'USD',
      lines: [{ sku: 'RFM-ITEM', quantity: 1, unitPrice: amount }],
    },
  });

type Change = { segment: { name: string }; entered: boolean; at: string; cause: string };
/** A customer's entries into and exits from one segment, the newest first. */
const history = async (externalId: string, segmentName: string): Promise<Omit<Change, 'segment'>[]> =>
  (
    await client.ok(`query ($id: ID!) { node(id: $id) { ... on Customer { segmentHistory { segment { name } entered at cause } } } }`, {
      id: customerIds.get(externalId),
    })
  ).node.segmentHistory
    .filter((change: Change) => change.segment.name === segmentName)
    .map(({ entered, at: when, cause }: Change) => ({ entered, at: when, cause }));

const segmentIds = new Map<string, string>();
const segment = async (name: string, rule: unknown) => {
  const data = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    { input: { name, rule } },
  );
  segmentIds.set(name, data.createSegment.data.segment.id);
};
/** The segment's members now, in SQL over the whole base. */
const members = async (name: string): Promise<string[]> =>
  (
    await client.ok(`query ($id: ID!) { node(id: $id) { ... on Segment { members(first: 100) { edges { node { externalId } } } } } }`, {
      id: segmentIds.get(name),
    })
  ).node.members.edges.map((edge: { node: { externalId: string } }) => edge.node.externalId);

const RFM = `rfm(currency: "USD") { group recency frequency monetary daysSinceLastOrder orders spent }`;
const RETENTION = `retention { stage since nextStageAt lastOrderAt validatedOrders expectedGapDays gapSource }`;
const standing = async (externalId: string) =>
  (
    await client.ok(`query ($id: ID!) { node(id: $id) { ... on Customer { ${RFM} ${RETENTION} } } }`, {
      id: customerIds.get(externalId) ?? (await idOf(externalId)),
    })
  ).node;
const idOf = async (externalId: string): Promise<string> => {
  const data = await client.ok(`{ customers(first: 100) { edges { node { id externalId } } } }`);
  for (const edge of data.customers.edges as { node: { id: string; externalId: string } }[]) customerIds.set(edge.node.externalId, edge.node.id);
  return customerIds.get(externalId) as string;
};
const THRESHOLDS = `rfm { thresholds { currency scale recencyCuts frequencyCuts monetaryCuts { amount } customers lookbackDays } }`;
const refreshThresholds = async () =>
  (await client.ok(`mutation { refreshRfmThresholds { ... on MutationRefreshRfmThresholdsSuccess { data { ${THRESHOLDS} } } } }`)).refreshRfmThresholds.data.rfm
    .thresholds;

/** Waits for `check` to pass, trying again every 25 ms (the jobs run in the background). */
/** Lets the jobs poll a few times (they look for due jobs every 100 ms), to see that nothing was due. */
const afterSomePolls = () => new Promise((resolve) => setTimeout(resolve, 300));

beforeAll(async () => {
  ({ client, stop } = await serveWithJobsAt(now));
  // The segments first, so that every customer written afterwards is tracked (and scheduled) from their first write.
  await segment('Ordered in the last day', { condition: { orderCount: { count: { atLeast: 1 }, within: { lastDays: 1 } } } });
  await segment('Registered in the last day', { condition: { registered: { within: { lastDays: 1 } } } });
  await segment('No USD order yet', { condition: { rfmGroup: { currency: 'USD', groups: ['PROSPECTS'] } } });
  await writeRfmShop((query, variables) => client.ok(query, variables));
});
afterAll(async () => {
  await stop();
});

describe('an order dated after now counts from its date', () => {
  it('in RFM: days since the last order are never negative, and the cuts do not move; retention is unchanged', async () => {
    const cuts = await refreshThresholds();
    expect(cuts).toEqual([
      {
        currency: 'USD',
        scale: 5,
        recencyCuts: [5, 20, 60, 200],
        frequencyCuts: [1, 2, 3, 5],
        monetaryCuts: [1_500, 6_000, 15_000, 50_000].map((amount) => ({ amount })),
        customers: 10,
        lookbackDays: null,
      },
    ]);
    const before = await standing('rfm-02');
    // rfm-02 (one order 5 days ago) orders again, dated two days ahead; rfm-ahead's only order is dated three days ahead.
    await order('rfm-02-ahead', 'rfm-02', 9_000, at(RFM_02_ORDER_AT));
    await customer('rfm-ahead', at(-900 * DAY));
    await order('rfm-ahead-1', 'rfm-ahead', 20_000, at(RFM_AHEAD_ORDER_AT));

    const [recency, frequency, monetary, group] = SHOPIFY['rfm-02'] as [number, number, number, string];
    expect(await standing('rfm-02')).toEqual({ ...before, rfm: { group, recency, frequency, monetary, daysSinceLastOrder: 5, orders: 1, spent: 1_500 } });
    expect(before.rfm.daysSinceLastOrder).toBe(5);
    expect(await standing('rfm-ahead')).toMatchObject({
      rfm: { group: 'PROSPECTS', daysSinceLastOrder: null, orders: null },
      retention: { stage: 'PROSPECT', lastOrderAt: null, validatedOrders: 0 },
    });
    // The shop's cuts are computed over the orders placed by now: the same ten customers, the same values.
    expect(await refreshThresholds()).toEqual(cuts);
    // In SQL too: rfm-ahead is a prospect in the segment's members.
    expect(await members('No USD order yet')).toEqual(expect.arrayContaining(['rfm-ahead']));
    expect(await history('rfm-ahead', 'No USD order yet')).toEqual([{ entered: true, at: at(0), cause: 'INGESTION' }]);
  });

  it('in "the last N days": a customer enters a one-day window at the order\'s date, not at its ingestion', async () => {
    await customer('window-ahead', at(-900 * DAY));
    await order('window-ahead-1', 'window-ahead', 5_000, at(WINDOW_ORDER_AT));
    expect(await history('window-ahead', 'Ordered in the last day')).toEqual([]);
    expect(await members('Ordered in the last day')).not.toContain('window-ahead');
    // One millisecond before the order's date: still out, in SQL as in what is recorded.
    setClock(at(WINDOW_ORDER_AT - 1));
    await afterSomePolls();
    expect(await members('Ordered in the last day')).not.toContain('window-ahead');
    expect(await history('window-ahead', 'Ordered in the last day')).toEqual([]);
    // At the order's date: in, recorded at that moment, by time.
    setClock(at(WINDOW_ORDER_AT));
    expect(await members('Ordered in the last day')).toContain('window-ahead');
    await eventually(async () =>
      expect(await history('window-ahead', 'Ordered in the last day')).toEqual([{ entered: true, at: at(WINDOW_ORDER_AT), cause: 'TIME' }]),
    );
  });

  it('lets a customer leave registered { within: { lastDays: 1 } } the moment a day has passed, by time, without the reconciliation', async () => {
    await customer('newcomer', at(WINDOW_ORDER_AT));
    expect(await history('newcomer', 'Registered in the last day')).toEqual([{ entered: true, at: at(WINDOW_ORDER_AT), cause: 'INGESTION' }]);
    // Exactly a day after registering, still in…
    setClock(at(WINDOW_ORDER_AT + DAY));
    await afterSomePolls();
    expect(await members('Registered in the last day')).toContain('newcomer');
    expect(await history('newcomer', 'Registered in the last day')).toHaveLength(1);
    // …one millisecond later, out: recorded at that moment, by time (no reconciliation runs in this test).
    setClock(at(WINDOW_ORDER_AT + DAY + 1));
    expect(await members('Registered in the last day')).not.toContain('newcomer');
    await eventually(async () =>
      expect(await history('newcomer', 'Registered in the last day')).toEqual([
        { entered: false, at: at(WINDOW_ORDER_AT + DAY + 1), cause: 'TIME' },
        { entered: true, at: at(WINDOW_ORDER_AT), cause: 'INGESTION' },
      ]),
    );
    // And the order dated ahead leaves the one-day window a day after its date, on time too.
    await eventually(async () =>
      expect(await history('window-ahead', 'Ordered in the last day')).toEqual([
        { entered: false, at: at(WINDOW_ORDER_AT + DAY + 1), cause: 'TIME' },
        { entered: true, at: at(WINDOW_ORDER_AT), cause: 'TIME' },
      ]),
    );
  });

  it('in RFM at its date: the customer stops being a prospect at that moment, with zero days since the order', async () => {
    setClock(at(RFM_02_ORDER_AT));
    expect((await standing('rfm-02')).rfm).toMatchObject({ daysSinceLastOrder: 0, orders: 2, spent: 10_500 });
    setClock(at(RFM_AHEAD_ORDER_AT - 1));
    await afterSomePolls();
    expect(await history('rfm-ahead', 'No USD order yet')).toHaveLength(1);
    setClock(at(RFM_AHEAD_ORDER_AT));
    expect((await standing('rfm-ahead')).rfm).toMatchObject({ daysSinceLastOrder: 0, orders: 1, spent: 20_000 });
    expect((await standing('rfm-ahead')).retention).toMatchObject({ stage: 'ACTIVE', lastOrderAt: at(RFM_AHEAD_ORDER_AT), validatedOrders: 1 });
    expect(await members('No USD order yet')).not.toContain('rfm-ahead');
    await eventually(async () =>
      expect(await history('rfm-ahead', 'No USD order yet')).toEqual([
        { entered: false, at: at(RFM_AHEAD_ORDER_AT), cause: 'TIME' },
        { entered: true, at: at(0), cause: 'INGESTION' },
      ]),
    );
  });
});
