// Membership history through the API, with an injected clock: ingestion records entries and
// exits as they happen, segment edits record theirs, concurrent ingestion records each change
// once, the history answers "was this customer in it then?", and the reconciliation finds
// nothing to correct on data written through the API.
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestClient, type TestClient } from '../support/http.js';

const DAY = 86_400_000;
const start = new Date('2026-03-01T10:00:00Z');
const clock = fixedClock(start);
const at = (offset: number) => new Date(start.getTime() + offset).toISOString();

let client: TestClient;
let orderNumber = 0;
const order = (customer: string, amount: number, placedAt = clock.now().toISOString(), status = 'VALIDATED') =>
  client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename ... on Error { message } } }', {
    input: {
      externalId: `HIST-${(orderNumber += 1)}`,
      customer: { externalId: customer },
      status,
      placedAt,
      currency: 'USD',
      lines: [{ sku: 'HIST-ITEM', quantity: 1, unitPrice: amount }],
    },
  });
const customerIds = new Map<string, string>();
const customer = async (externalId: string) => {
  const data = await client.ok(
    'mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { ... on MutationUpsertCustomerSuccess { data { customer { id } } } } }',
    { input: { externalId } },
  );
  customerIds.set(externalId, data.upsertCustomer.data.customer.id);
};
const history = async (externalId: string) =>
  (
    await client.ok(`query ($id: ID!) { node(id: $id) { ... on Customer { segmentHistory { segment { name } entered at cause } } } }`, {
      id: customerIds.get(externalId),
    })
  ).node.segmentHistory;
const membership = async (segment: string, externalId: string, when?: string) => {
  const result = await client.request(
    `query ($segment: ID!, $customer: CustomerRefInput!, $at: DateTime) { segmentMembership(segment: $segment, customer: $customer, at: $at) {
      ... on QuerySegmentMembershipSuccess { data { isMember since cause } } ... on Error { __typename message } } }`,
    { segment, customer: { externalId }, at: when },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data.segmentMembership;
};
const spentMoreThan = (amount: number) => ({ condition: { amountSpent: { amount: { moreThan: { amount, currency: 'USD' } }, within: { lastDays: 365 } } } });

let bigSpenders: string;

beforeAll(async () => {
  client = await createTestClient({ clock });
  await client.ok(
    'mutation ($input: ProductInput!) { upsertProduct(input: $input) { ... on MutationUpsertProductSuccess { data { product { sku } } } ... on Error { message } } }',
    { input: { sku: 'HIST-ITEM', name: 'Item', price: { amount: 1_000, currency: 'USD' } } },
  );
  await customer('hist-early'); // a member from the start
  await order('hist-early', 50_000);
  const created = await client.ok(
    `mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id membershipRecordedSince } } } } }`,
    {
      input: { name: 'Spent more than $300 in the last 365 days', rule: spentMoreThan(30_000) },
    },
  );
  bigSpenders = created.createSegment.data.segment.id;
  expect(created.createSegment.data.segment.membershipRecordedSince).toBe(start.toISOString());
});

describe('membership history', () => {
  it('records the members a new segment starts with, without an event each: the history starts there', async () => {
    expect(await history('hist-early')).toEqual([]);
    expect((await membership(bigSpenders, 'hist-early', start.toISOString())).data).toEqual({ isMember: true, since: start.toISOString(), cause: null });
  });

  it('records an entry when an order makes a customer spend more than $300, at that moment', async () => {
    await customer('hist-alice');
    clock.set(at(DAY));
    await order('hist-alice', 20_000);
    expect(await history('hist-alice')).toEqual([]); // $200: not more than $300
    clock.set(at(2 * DAY));
    await order('hist-alice', 10_000);
    expect(await history('hist-alice')).toEqual([]); // $300 exactly: still not more than $300
    clock.set(at(3 * DAY));
    await order('hist-alice', 1);
    expect(await history('hist-alice')).toEqual([
      { segment: { name: 'Spent more than $300 in the last 365 days' }, entered: true, at: at(3 * DAY), cause: 'INGESTION' },
    ]);
  });

  it('records an exit when an order is cancelled', async () => {
    await customer('hist-bob');
    clock.set(at(4 * DAY));
    await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
      input: {
        externalId: 'HIST-BOB',
        customer: { externalId: 'hist-bob' },
        status: 'VALIDATED',
        placedAt: at(4 * DAY),
        currency: 'USD',
        lines: [{ sku: 'HIST-ITEM', quantity: 1, unitPrice: 40_000 }],
      },
    });
    clock.set(at(5 * DAY));
    await client.ok('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
      input: {
        externalId: 'HIST-BOB',
        customer: { externalId: 'hist-bob' },
        status: 'CANCELLED',
        placedAt: at(4 * DAY),
        currency: 'USD',
        lines: [{ sku: 'HIST-ITEM', quantity: 1, unitPrice: 40_000 }],
      },
    });
    expect((await history('hist-bob')).map((change: { entered: boolean; at: string; cause: string }) => [change.entered, change.at, change.cause])).toEqual([
      [false, at(5 * DAY), 'INGESTION'],
      [true, at(4 * DAY), 'INGESTION'],
    ]);
  });

  it('answers membership at a past moment from the history, to the millisecond', async () => {
    expect((await membership(bigSpenders, 'hist-alice', at(3 * DAY - 1))).data).toEqual({ isMember: false, since: null, cause: null });
    expect((await membership(bigSpenders, 'hist-alice', at(3 * DAY))).data).toEqual({ isMember: true, since: at(3 * DAY), cause: 'INGESTION' });
    expect((await membership(bigSpenders, 'hist-bob', at(4 * DAY + 1))).data).toMatchObject({ isMember: true });
    expect((await membership(bigSpenders, 'hist-bob', at(5 * DAY))).data).toEqual({ isMember: false, since: null, cause: 'INGESTION' });
    // Now, evaluated.
    expect((await membership(bigSpenders, 'hist-alice')).data).toMatchObject({ isMember: true });
    // Before the segment was recorded there is no history: said, and named.
    expect(await membership(bigSpenders, 'hist-alice', at(-1))).toMatchObject({
      __typename: 'InvalidInputError',
      message: expect.stringContaining(start.toISOString()),
    });
  });

  it('records each entry once under concurrent orders, with segment edits interleaved', async () => {
    await customer('hist-burst');
    clock.set(at(6 * DAY));
    const edits = [35_000, 30_000, 35_000, 30_000].map((amount) =>
      client.ok(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }`, {
        input: { id: bigSpenders, rule: spentMoreThan(amount) },
      }),
    );
    await Promise.all([...Array.from({ length: 12 }, () => order('hist-burst', 4_000)), ...edits]);
    // Which edit committed last is up to the database: settle on more than $300 (the next tests start from it).
    await client.ok(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }`, {
      input: { id: bigSpenders, rule: spentMoreThan(30_000) },
    });
    // Edits and orders interleave as the database orders them, so the customer may have entered and left more
    // than once; but never twice in a row: the changes alternate, from an entry to an entry ($480 in the end).
    const changes = [...(await history('hist-burst'))].reverse() as { entered: boolean }[];
    expect(changes.length % 2).toBe(1);
    changes.forEach((change, index) => expect(change.entered, `change ${index}`).toBe(index % 2 === 0));
    const reconciled = await client.ok(
      `mutation { reconcileSegmentMemberships { ... on MutationReconcileSegmentMembershipsSuccess { data { segments corrected } } ... on Error { message } } }`,
    );
    expect(reconciled.reconcileSegmentMemberships.data).toEqual({ segments: 1, corrected: 0 });
  });

  it('records who leaves when the rule is edited, as the preview said', async () => {
    clock.set(at(7 * DAY));
    const preview = await client.ok(
      `query ($segment: ID!, $rule: SegmentRuleInput!) { previewSegmentChange(segment: $segment, rule: $rule) { ... on QueryPreviewSegmentChangeSuccess { data { leaving leavingSample { externalId } } } } }`,
      {
        segment: bigSpenders,
        rule: spentMoreThan(45_000),
      },
    );
    // Alice spent $300.01; the burst customer $480 stays.
    expect(preview.previewSegmentChange.data).toEqual({ leaving: 1, leavingSample: [{ externalId: 'hist-alice' }] });
    await client.ok(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }`, {
      input: { id: bigSpenders, rule: spentMoreThan(45_000) },
    });
    expect((await history('hist-alice'))[0]).toEqual({
      segment: { name: 'Spent more than $300 in the last 365 days' },
      entered: false,
      at: at(7 * DAY),
      cause: 'SEGMENT_EDIT',
    });
  });

  it('gives the size day by day, null before the segment was recorded', async () => {
    const data = await client.ok(`query ($id: ID!) { node(id: $id) { ... on Segment { memberCount sizeOverTime(days: 10) { date size } } } }`, {
      id: bigSpenders,
    });
    const series = Object.fromEntries(data.node.sizeOverTime.map((day: { date: string; size: number | null }) => [day.date, day.size]));
    expect(data.node.sizeOverTime).toHaveLength(10);
    expect(series).toMatchObject({
      '2026-02-28': null, // before it was created
      '2026-03-01': 1, // hist-early
      '2026-03-04': 2, // alice entered on day 3
      '2026-03-05': 3, // bob entered on day 4…
      '2026-03-06': 2, // …and left on day 5
      '2026-03-07': 3, // the burst customer
      '2026-03-08': 2, // the edit to more than $450 took alice out
    });
    expect(series['2026-03-08']).toBe(data.node.memberCount);
    // In New York (events at 10:00Z are 05:00 local, the same day; DST starts on March 8) the days and sizes are the same;
    // in Tokyo (19:00 local) too, and its today is already the 8th.
    for (const timeZone of ['America/New_York', 'Asia/Tokyo']) {
      await client.ok(`mutation ($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename } }`, { input: { timeZone } });
      const zoned = await client.ok(`query ($id: ID!) { node(id: $id) { ... on Segment { sizeOverTime(days: 10) { date size } } } }`, { id: bigSpenders });
      expect(zoned.node.sizeOverTime, timeZone).toEqual(data.node.sizeOverTime);
    }
    await client.ok(`mutation ($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename } }`, { input: { timeZone: 'UTC' } });
  });

  it('streams entries and exits of a segment to a subscriber as they are recorded (server-sent events)', async () => {
    const subscription = await client.subscribe(
      `subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { customer { externalId } entered at cause } }`,
      { segment: bigSpenders },
    );
    try {
      expect(subscription.status).toBe(200);
      await customer('hist-live');
      clock.set(at(9 * DAY));
      const entered = subscription.next();
      await order('hist-live', 50_000);
      expect(await entered).toEqual({
        data: { segmentMembershipChanged: { customer: { externalId: 'hist-live' }, entered: true, at: at(9 * DAY), cause: 'INGESTION' } },
      });
      clock.set(at(10 * DAY));
      const left = subscription.next();
      await client.ok(`mutation ($input: UpdateSegmentInput!) { updateSegment(input: $input) { __typename } }`, {
        input: { id: bigSpenders, rule: spentMoreThan(60_000) },
      });
      // Everyone leaves at a $600 threshold: the subscriber hears each exit.
      const exits = [await left, await subscription.next(), await subscription.next()].map((event) => event.data.segmentMembershipChanged);
      expect(exits.map((exit: { customer: { externalId: string } }) => exit.customer.externalId).sort()).toEqual(['hist-burst', 'hist-early', 'hist-live']);
      expect(exits.every((exit: { entered: boolean; cause: string }) => !exit.entered && exit.cause === 'SEGMENT_EDIT')).toBe(true);
    } finally {
      await subscription.close();
    }
    const storefront = await client.subscribe(
      `subscription ($segment: ID!) { segmentMembershipChanged(segment: $segment) { entered } }`,
      { segment: bigSpenders },
      'storefront',
    );
    try {
      expect((await storefront.next()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await storefront.close();
    }
  });

  it('refuses a history page out of range naming the argument', async () => {
    const result = await client.request(`query ($id: ID!) { node(id: $id) { ... on Customer { segmentHistory(first: 0) { at } } } }`, {
      id: customerIds.get('hist-alice'),
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.errors?.[0])).toContain('first');
  });
});
