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
    const auckland = await checkAgreement({ db, condition: birthdayThisMonth, params: {}, shop, now, shopContext: { timeZone: 'Pacific/Auckland', cartAbandonmentMinutes: 60 } });
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

  it('describes itself', () => {
    expect(ageBetween.describe(ageBetween.params.parse({ years: { atLeast: 18, atMost: 25 } }))).toBe('is aged between 18 and 25');
  });
});
