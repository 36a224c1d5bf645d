import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBetween, birthdayThisMonth } from './index.js';

const dob = (date: string) => ({ dateOfBirth: new Date(`${date}T00:00:00Z`) });

describe('date of birth', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'born 1990-03-15', profile: dob('1990-03-15') },
        { name: 'born 2000-02-29', profile: dob('2000-02-29') },
        { name: 'born 2008-02-28', profile: dob('2008-02-28') },
        { name: 'unknown', profile: {} },
      ],
    );
  });
  afterAll(() => db.close());

  it('has a birthday this month in the shop’s time zone', async () => {
    // 28 Feb 23:30 UTC is already 1 March in Auckland.
    const now = new Date('2026-02-28T23:30:00Z');
    const utc = await checkAgreement({ db, condition: birthdayThisMonth, params: {}, shop, now });
    expect(utc.inMemory).toEqual(['born 2000-02-29', 'born 2008-02-28']);
    const auckland = await checkAgreement({
      db,
      condition: birthdayThisMonth,
      params: {},
      shop,
      now,
      shopContext: { timeZone: 'Pacific/Auckland', cartAbandonmentMinutes: 60 },
    });
    expect(auckland.inMemory).toEqual(['born 1990-03-15']);
  });

  it('counts age in whole years; a 29 February birthday comes on 1 March in other years', async () => {
    const lastDayOfFebruary = new Date('2026-02-28T12:00:00Z');
    const adults = await checkAgreement({ db, condition: ageBetween, params: { years: { atLeast: 18 } }, shop, now: lastDayOfFebruary });
    expect(adults.inMemory).toEqual(['born 1990-03-15', 'born 2000-02-29', 'born 2008-02-28']);
    const twentySix = await checkAgreement({ db, condition: ageBetween, params: { years: { atLeast: 26 } }, shop, now: lastDayOfFebruary });
    expect(twentySix.inMemory).toEqual(['born 1990-03-15']);
    const firstOfMarch = await checkAgreement({ db, condition: ageBetween, params: { years: { atLeast: 26 } }, shop, now: new Date('2026-03-01T12:00:00Z') });
    expect(firstOfMarch.inMemory).toEqual(['born 1990-03-15', 'born 2000-02-29']);
  });

  it('says when the calendar alone changes the answer: the start of a day in the shop’s time zone', () => {
    const auckland = { timeZone: 'Pacific/Auckland', cartAbandonmentMinutes: 60 };
    const facts = (date: string) => ({ profile: { dateOfBirth: new Date(`${date}T00:00:00Z`) } }) as never;
    // 28 Feb 10:00 UTC is 28 Feb 23:00 in Auckland (UTC+13): 1 March begins there at 11:00 UTC.
    const now = new Date('2026-02-28T10:00:00Z');
    const context = { now, shop: auckland, cart: null };
    expect(birthdayThisMonth.changesAt!(birthdayThisMonth.params.parse({}), facts('2000-02-29'), context)).toEqual(new Date('2026-02-28T11:00:00Z'));
    expect(birthdayThisMonth.changesAt!(birthdayThisMonth.params.parse({}), facts('1990-03-15'), context)).toEqual(new Date('2026-02-28T11:00:00Z'));
    // Born on 29 February: a year older on 1 March in 2026; born on 15 March: on 15 March (UTC+13 until April).
    expect(ageBetween.changesAt!(ageBetween.params.parse({ years: { atLeast: 26 } }), facts('2000-02-29'), context)).toEqual(new Date('2026-02-28T11:00:00Z'));
    expect(ageBetween.changesAt!(ageBetween.params.parse({ years: { atLeast: 26 } }), facts('1990-03-15'), context)).toEqual(new Date('2026-03-14T11:00:00Z'));
    expect(ageBetween.changesAt!(ageBetween.params.parse({ years: { atLeast: 26 } }), { profile: null } as never, context)).toBeNull();
  });

  it('describes itself', () => {
    expect(ageBetween.describe(ageBetween.params.parse({ years: { atLeast: 18, atMost: 25 } }))).toBe('is aged between 18 and 25');
  });
});
