// The segmentation guide's first example, end to end through HTTP: "who has opened at least 5
// of the 6 previous emails we sent". The shop declares email.sent and email.opened, tracks
// sends and opens (opens name the send by messageId), and a segment on eventShare has exactly
// the right members at the edges (4, 5 and 6 of 6; a seventh send not opened yet). A new open
// moves a customer in; the window passing moves one out, by time, with the clock moved by the test.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma, query } from '../../src/db/client.js';
import { ShopValues } from '../../src/segments/shop-values.js';
import { eventually } from '../support/eventually.js';
import type { TestClient } from '../support/http.js';
import { serveWithJobsAt } from '../support/moving-clock.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00.000Z');
const at = (offset: number) => new Date(now.getTime() + offset).toISOString();

let client: TestClient;
let stop: () => Promise<void>;
let segmentId: string;
let receiver: Receiver;

const TRACK =
  'mutation ($input: TrackEventsInput!) { trackEvents(input: $input) { ... on MutationTrackEventsSuccess { data { stored duplicates identified } } ... on Error { message } } }';
const track = async (events: unknown[], as: 'admin' | 'storefront' = 'storefront') => (await client.ok(TRACK, { input: { events } }, as)).trackEvents.data;

/** `count` sends one day apart, the last `lastDaysAgo` days ago, and opens of the sends numbered in `opened` (1 = the oldest), an hour after each. */
function emails(customer: string, count: number, opened: number[], lastDaysAgo = 1) {
  const sentAt = (number: number) => -(lastDaysAgo + count - number) * DAY;
  return [
    ...Array.from({ length: count }, (_, index) => ({
      eventId: `${customer}-sent-${index + 1}`,
      customer: { externalId: customer },
      type: 'email.sent',
      occurredAt: at(sentAt(index + 1)),
      properties: { messageId: `${customer}-m${index + 1}`, campaign: 'spring' },
    })),
    ...opened.map((number) => ({
      eventId: `${customer}-opened-${number}`,
      customer: { externalId: customer },
      type: 'email.opened',
      occurredAt: at(sentAt(number) + 3_600_000),
      properties: { messageId: `${customer}-m${number}` },
    })),
  ];
}

/** The webhooks received of a type for a customer, by cause. */
const received = (type: string, externalId: string) =>
  receiver.received
    .filter((call) => call.payload.type === type && call.payload.data.customer?.externalId === externalId)
    .map((call) => ({ cause: call.payload.data.cause }));
const members = async (): Promise<string[]> =>
  (
    await client.ok('query ($id: ID!) { node(id: $id) { ... on Segment { members(first: 100) { edges { node { externalId } } } } } }', { id: segmentId })
  ).node.members.edges
    .map((edge: { node: { externalId: string } }) => edge.node.externalId)
    .sort();
const customerId = async (externalId: string): Promise<string> =>
  (await client.ok('{ customers(first: 100) { edges { node { id externalId } } } }')).customers.edges.find(
    (edge: { node: { externalId: string } }) => edge.node.externalId === externalId,
  ).node.id;
const history = async (externalId: string) =>
  (
    await client.ok('query ($id: ID!) { node(id: $id) { ... on Customer { segmentHistory { segment { id } entered at cause } } } }', {
      id: await customerId(externalId),
    })
  ).node.segmentHistory
    .filter((change: { segment: { id: string } }) => change.segment.id === segmentId)
    .map(({ entered, at: when, cause }: { entered: boolean; at: string; cause: string }) => ({ entered, at: when, cause }));

beforeAll(async () => {
  ({ client, stop } = await serveWithJobsAt(now));
  receiver = await startReceiver();
  await client.ok(
    'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { data { secret } } } }',
    { input: { url: receiver.url, eventTypes: ['SEGMENT_ENTERED', 'SEGMENT_LEFT'] } },
  );
  for (const externalId of ['four-of-six', 'five-of-six', 'six-of-six', 'seventh-unopened', 'late-opener', 'fading', 'anonymous-first']) {
    await client.ok('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', {
      input: { externalId, registeredAt: at(-400 * DAY) },
    });
  }
});
afterAll(async () => {
  await stop();
  await receiver.close();
});

describe('event types', () => {
  it('are declared, updated and listed by admins only', async () => {
    const DECLARE =
      'mutation ($input: DeclareEventTypeInput!) { declareEventType(input: $input) { ... on MutationDeclareEventTypeSuccess { data { eventType { name properties { name type } } } } ... on Error { __typename message } } }';
    const sent = await client.ok(DECLARE, {
      input: {
        name: 'email.sent',
        description: 'An email went out',
        properties: [
          { name: 'messageId', type: 'STRING' },
          { name: 'campaign', type: 'STRING' },
        ],
      },
    });
    expect(sent.declareEventType.data.eventType).toEqual({
      name: 'email.sent',
      properties: [
        { name: 'messageId', type: 'STRING' },
        { name: 'campaign', type: 'STRING' },
      ],
    });
    await client.ok(DECLARE, { input: { name: 'email.opened', properties: [{ name: 'messageId', type: 'STRING' }] } });
    const again = await client.request(DECLARE, { input: { name: 'email.sent' } });
    expect(again.data.declareEventType).toMatchObject({ __typename: 'ConflictError' });
    const UPDATE =
      'mutation ($input: UpdateEventTypeInput!) { updateEventType(input: $input) { ... on MutationUpdateEventTypeSuccess { data { eventType { properties { name type } } } } ... on Error { __typename message } } }';
    const widened = await client.ok(UPDATE, {
      input: {
        name: 'email.opened',
        properties: [
          { name: 'messageId', type: 'STRING' },
          { name: 'openedOn', type: 'INSTANT' },
          { name: 'mobile', type: 'BOOLEAN' },
          { name: 'seconds', type: 'NUMBER' },
        ],
      },
    });
    expect(widened.updateEventType.data.eventType.properties).toHaveLength(4);
    const retyped = await client.request(UPDATE, { input: { name: 'email.opened', properties: [{ name: 'messageId', type: 'NUMBER' }] } });
    expect(retyped.data.updateEventType).toMatchObject({ __typename: 'InvalidInputError' });
    expect((await client.ok('{ eventTypes { name } }')).eventTypes).toEqual([{ name: 'email.opened' }, { name: 'email.sent' }]);
    expect((await client.request('{ eventTypes { name } }', {}, 'storefront')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await client.request(DECLARE, { input: { name: 'x' } }, 'storefront')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('trackEvents', () => {
  it('refuses an undeclared type, an undeclared property and a value of the wrong type, naming each field and its line', async () => {
    const result = await client.request(
      TRACK,
      {
        input: {
          events: [
            { customer: { externalId: 'fading' }, type: 'email.sent', properties: { messageId: 'ok' } },
            { customer: { externalId: 'fading' }, type: 'email.opend', properties: { messageId: 'x' } },
            { customer: { externalId: 'fading' }, type: 'email.opened', properties: { messageId: 7, mobile: 'yes', color: 'red', openedOn: 'yesterday' } },
          ],
        },
      },
      'storefront',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.issues.map((issue: { path: string }) => issue.path)).toEqual([
      'input.events.1.type',
      'input.events.2.properties.messageId',
      'input.events.2.properties.mobile',
      'input.events.2.properties.color',
      'input.events.2.properties.openedOn',
    ]);
    expect(result.errors?.[0]?.message).toContain('input.events.1.type: event type "email.opend" is not declared');
    const tooMany = await client.request(
      TRACK,
      { input: { events: Array.from({ length: 1001 }, () => ({ anonymousId: 'a', type: 'email.sent' })) } },
      'storefront',
    );
    expect(tooMany.errors?.[0]?.extensions?.issues).toEqual([expect.objectContaining({ message: 'send at most 1000 events per call' })]);
    const nobody = await client.request(TRACK, { input: { events: [{ type: 'email.sent' }] } }, 'storefront');
    expect(nobody.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('stores an event once per eventId, and keeps events of other customers from storefront keys', async () => {
    const event = {
      eventId: 'probe-1',
      customer: { externalId: 'fading' },
      type: 'email.opened',
      occurredAt: at(-40 * DAY),
      properties: { messageId: 'old', mobile: true, seconds: 2.5, openedOn: '2026-10-14T10:00:00+02:00' },
    };
    expect(await track([event, event])).toEqual({ stored: 1, duplicates: 1, identified: 0 });
    expect(await track([event], 'admin')).toEqual({ stored: 0, duplicates: 1, identified: 0 });
    const EVENTS = 'query ($id: ID!) { node(id: $id) { ... on Customer { events(first: 10) { totalCount edges { node { eventId type properties } } } } } }';
    const read = await client.ok(EVENTS, { id: await customerId('fading') });
    expect(read.node.events.edges[0].node).toEqual({
      eventId: 'probe-1',
      type: 'email.opened',
      properties: { messageId: 'old', mobile: true, seconds: 2.5, openedOn: '2026-10-14T08:00:00.000Z' },
    });
    const asStorefront = await client.request(EVENTS, { id: await customerId('fading') }, 'storefront');
    expect(asStorefront.data?.node?.events ?? null).toBeNull();
  });

  it("gives an anonymous shopper's events to the customer they identify as", async () => {
    await track([{ anonymousId: 'visitor-9', type: 'email.opened', occurredAt: at(-2 * DAY), properties: { messageId: 'anon-m1' } }]);
    expect(
      await track([
        {
          anonymousId: 'visitor-9',
          customer: { externalId: 'anonymous-first' },
          type: 'email.sent',
          occurredAt: at(-3 * DAY),
          properties: { messageId: 'anon-m1' },
        },
      ]),
    ).toEqual({ stored: 1, duplicates: 0, identified: 1 });
    // Later events of the same anonymous id are theirs too.
    await track([{ anonymousId: 'visitor-9', type: 'email.opened', occurredAt: at(-1 * DAY), properties: { messageId: 'anon-m1' } }]);
    const read = await client.ok('query ($id: ID!) { node(id: $id) { ... on Customer { events(first: 10) { totalCount } } } }', {
      id: await customerId('anonymous-first'),
    });
    expect(read.node.events.totalCount).toBe(3);
  });
});

describe('"opened at least 5 of the last 6 emails sent"', () => {
  it('has exactly the right members at the edges, in SQL and as tracked', async () => {
    const created = await client.ok(
      'mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }',
      {
        input: {
          name: 'Opens most emails',
          rule: {
            condition: {
              eventShare: {
                of: { eventType: 'email.sent' },
                last: 6,
                answeredBy: { eventType: 'email.opened' },
                matchOn: 'messageId',
                count: { atLeast: 5 },
                within: { lastDays: 30 },
              },
            },
          },
        },
      },
    );
    segmentId = created.createSegment.data.segment.id;
    await track([
      ...emails('four-of-six', 6, [1, 2, 3, 4]),
      ...emails('five-of-six', 6, [1, 2, 4, 5, 6]),
      ...emails('six-of-six', 6, [1, 2, 3, 4, 5, 6]),
      ...emails('seventh-unopened', 7, [1, 2, 3, 4, 5, 6]),
      ...emails('late-opener', 6, [1, 2, 3, 4]),
      // Five sends, all opened, the oldest 29 days ago: in, until that send leaves the 30 days.
      ...emails('fading', 5, [1, 2, 3, 4, 5], 1).map((event) => ({
        ...event,
        occurredAt: event.type === 'email.sent' && event.eventId.endsWith('-1') ? at(-29 * DAY) : event.occurredAt,
      })),
    ]);
    const expected = ['fading', 'five-of-six', 'seventh-unopened', 'six-of-six'];
    expect(await members()).toEqual(expected);
    // What is recorded agrees with SQL: every member entered, by ingestion.
    for (const externalId of expected)
      await eventually(async () => expect(await history(externalId)).toEqual([{ entered: true, at: at(0), cause: 'INGESTION' }]));
    expect(await history('four-of-six')).toEqual([]);
  });

  it('moves a customer in when a new open arrives', async () => {
    await track([
      { eventId: 'late-opener-opened-5', customer: { externalId: 'late-opener' }, type: 'email.opened', properties: { messageId: 'late-opener-m5' } },
    ]);
    expect(await members()).toContain('late-opener');
    await eventually(async () => expect(await history('late-opener')).toEqual([{ entered: true, at: at(0), cause: 'INGESTION' }]));
    await eventually(() => expect(received('segment.entered', 'late-opener')).toEqual([{ cause: 'INGESTION' }]));
  });

  it('moves a customer out when the window passes, by time', async () => {
    // The oldest send of "fading" was 29 days ago: it leaves the last 30 days 1 ms after a day has passed.
    vi.setSystemTime(new Date(now.getTime() + DAY));
    expect(await members()).toContain('fading');
    vi.setSystemTime(new Date(now.getTime() + DAY + 1));
    expect(await members()).not.toContain('fading');
    await eventually(async () =>
      expect(await history('fading')).toEqual([
        { entered: false, at: at(DAY + 1), cause: 'TIME' },
        { entered: true, at: at(0), cause: 'INGESTION' },
      ]),
    );
    await eventually(() => expect(received('segment.left', 'fading')).toEqual([{ cause: 'TIME' }]));
  });
});

describe('suggestions', () => {
  it('offer the declared event types, with how many customers have events of each', async () => {
    const values = new ShopValues(query, 60_000, 5_000);
    const found = await values.search('eventType', 'email', 10);
    expect(found.complete).toBe(true);
    expect(found.values.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: 'email.opened', label: 'email.opened', count: 7, unit: 'customers' },
      { value: 'email.sent', label: 'email.sent', count: 7, unit: 'customers' },
    ]);
  });
});

describe('privacy', () => {
  it("exports a customer's events and erases them with the customer", async () => {
    const id = await customerId('anonymous-first');
    const exported = await client.ok(
      'query ($customer: CustomerRefInput!) { customerDataExport(customer: $customer) { ... on QueryCustomerDataExportSuccess { data } } }',
      { customer: { id } },
    );
    expect(exported.customerDataExport.data.events.map((event: { type: string }) => event.type)).toEqual(['email.sent', 'email.opened', 'email.opened']);
    await client.ok('mutation ($input: EraseCustomerInput!) { eraseCustomer(input: $input) { __typename } }', { input: { customer: { id } } });
    expect(await prisma.event.count({ where: { anonymousId: 'visitor-9' } })).toBe(0);
  });
});
