import { checkAgreement, createTestDatabase, writeShop, type CustomerFixture, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCount, eventOccurrence, eventShare } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** `sends` emails, one a day from `sends` days ago, and opens of those numbered in `opened` (1 = the oldest). */
function emails(sends: number, opened: number[], campaign = 'spring'): NonNullable<CustomerFixture['events']> {
  const sent = Array.from({ length: sends }, (_, index) => ({
    type: 'email.sent',
    occurredAt: daysAgo(sends - index),
    properties: { messageId: `m${index + 1}`, campaign },
  }));
  const opens = opened.map((number) => ({
    type: 'email.opened',
    occurredAt: new Date(daysAgo(sends - number + 1).getTime() + 3_600_000),
    properties: { messageId: `m${number}`, campaign },
  }));
  return [...sent, ...opens];
}

describe('custom events', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: '4 of 6', events: emails(6, [1, 2, 3, 4]) },
        { name: '5 of 6', events: emails(6, [1, 2, 4, 5, 6]) },
        { name: '6 of 6', events: emails(6, [1, 2, 3, 4, 5, 6]) },
        // The seventh send is not opened yet: of the last 6 (2 to 7), 5 are opened.
        { name: '6 of 7, the last unopened', events: emails(7, [1, 2, 3, 4, 5, 6]) },
        // Opened the 5 oldest of 7: of the last 6 (2 to 7), 4.
        { name: '5 oldest of 7', events: emails(7, [1, 2, 3, 4, 5]) },
        { name: 'autumn opener', events: emails(3, [1, 2, 3], 'autumn') },
        {
          name: 'scored',
          events: [
            { type: 'quiz.done', occurredAt: daysAgo(2), properties: { score: 7.5, passed: true } },
            { type: 'quiz.done', occurredAt: daysAgo(40), properties: { score: 2, passed: false } },
          ],
        },
        { name: 'nothing' },
      ],
    );
  });
  afterAll(() => db.close());

  it('eventShare: opened at least 5 of the last 6 emails sent, at the edges', async () => {
    const params = { of: { eventType: 'email.sent' }, last: 6, answeredBy: { eventType: 'email.opened' }, matchOn: 'messageId', count: { atLeast: 5 } };
    const result = await checkAgreement({ db, condition: eventShare, params, shop, now });
    expect(result.inMemory).toEqual(['5 of 6', '6 of 6', '6 of 7, the last unopened']);
    const notOpening = await checkAgreement({ db, condition: eventShare, params: { ...params, count: { atMost: 4 } }, shop, now });
    expect(notOpening.inMemory).toEqual(['4 of 6', '5 oldest of 7', 'autumn opener', 'nothing', 'scored']);
  });

  it('eventShare: in a window, with filters on both sides', async () => {
    const params = {
      of: { eventType: 'email.sent', where: [{ property: 'campaign', equals: 'autumn' }] },
      last: 6,
      answeredBy: { eventType: 'email.opened' },
      matchOn: 'messageId',
      count: { atLeast: 3 },
      within: { lastDays: 30 },
    };
    expect((await checkAgreement({ db, condition: eventShare, params, shop, now })).inMemory).toEqual(['autumn opener']);
  });

  it('eventCount: at least 3 "email.opened" with campaign = "spring" in the last 30 days', async () => {
    const params = { eventType: 'email.opened', where: [{ property: 'campaign', equals: 'spring' }], count: { atLeast: 5 }, within: { lastDays: 30 } };
    expect((await checkAgreement({ db, condition: eventCount, params, shop, now })).inMemory).toEqual([
      '5 of 6',
      '5 oldest of 7',
      '6 of 6',
      '6 of 7, the last unopened',
    ]);
    const oneOf = { eventType: 'email.opened', where: [{ property: 'campaign', oneOf: ['autumn', 'winter'] }], count: { atLeast: 1 } };
    expect((await checkAgreement({ db, condition: eventCount, params: oneOf, shop, now })).inMemory).toEqual(['autumn opener']);
  });

  it('eventCount: number ranges and booleans; "at most" includes those with none', async () => {
    const high = await checkAgreement({
      db,
      condition: eventCount,
      params: {
        eventType: 'quiz.done',
        where: [
          { property: 'score', atLeast: 7.5 },
          { property: 'passed', is: true },
        ],
        count: { atLeast: 1 },
      },
      shop,
      now,
    });
    expect(high.inMemory).toEqual(['scored']);
    const failed = await checkAgreement({
      db,
      condition: eventCount,
      params: { eventType: 'quiz.done', where: [{ property: 'passed', is: false }], count: { atMost: 0 } },
      shop,
      now,
    });
    expect(failed.inMemory).not.toContain('scored');
    expect(failed.inMemory).toContain('nothing');
  });

  it('eventOccurrence: first and last, in a window or whole days ago', async () => {
    const lastRecent = await checkAgreement({
      db,
      condition: eventOccurrence,
      params: { eventType: 'quiz.done', occurrence: 'LAST', within: { lastDays: 7 } },
      shop,
      now,
    });
    expect(lastRecent.inMemory).toEqual(['scored']);
    const firstLongAgo = await checkAgreement({
      db,
      condition: eventOccurrence,
      params: { eventType: 'quiz.done', occurrence: 'FIRST', daysAgo: { atLeast: 30 } },
      shop,
      now,
    });
    expect(firstLongAgo.inMemory).toEqual(['scored']);
    const firstRecent = await checkAgreement({
      db,
      condition: eventOccurrence,
      params: { eventType: 'quiz.done', occurrence: 'FIRST', within: { lastDays: 7 } },
      shop,
      now,
    });
    expect(firstRecent.inMemory).toEqual([]);
  });

  it('refuses a filter with no test or two', () => {
    expect(eventCount.params.safeParse({ eventType: 'a', where: [{ property: 'x' }], count: { atLeast: 1 } }).success).toBe(false);
    expect(eventCount.params.safeParse({ eventType: 'a', where: [{ property: 'x', equals: 'a', is: true }], count: { atLeast: 1 } }).success).toBe(false);
    expect(eventOccurrence.params.safeParse({ eventType: 'a', occurrence: 'LAST' }).success).toBe(false);
  });
});
