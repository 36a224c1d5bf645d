import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customField } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('customField', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'size 42 (number)', profile: { customFields: { shoeSize: 42, skiLevel: 'Expert', pro: true } } },
        { name: 'size "42" (text)', profile: { customFields: { shoeSize: '42', skiLevel: 'intermediate' } } },
        { name: 'size 44.5', profile: { customFields: { shoeSize: 44.5, pro: false } } },
        { name: 'no fields' },
      ],
    );
  });
  afterAll(() => db.close());

  it('equals compares text forms; ranges only numbers; contains only text; isTrue only booleans', async () => {
    expect((await checkAgreement({ db, condition: customField, params: { field: 'shoeSize', equals: '42' }, shop, now })).inMemory).toEqual([
      'size "42" (text)',
      'size 42 (number)',
    ]);
    expect((await checkAgreement({ db, condition: customField, params: { field: 'shoeSize', atLeast: 42, atMost: 44 }, shop, now })).inMemory).toEqual([
      'size 42 (number)',
    ]);
    expect((await checkAgreement({ db, condition: customField, params: { field: 'skiLevel', contains: 'EXP' }, shop, now })).inMemory).toEqual([
      'size 42 (number)',
    ]);
    expect((await checkAgreement({ db, condition: customField, params: { field: 'pro', isTrue: false }, shop, now })).inMemory).toEqual(['size 44.5']);
  });

  describe('typed values (declared customer attributes)', () => {
    let typed: Awaited<ReturnType<typeof writeShop>>;
    const paris = { timeZone: 'Europe/Paris', cartAbandonmentMinutes: 60 };
    beforeAll(async () => {
      typed = await writeShop(
        db,
        [],
        [
          // 2026-11-23 12:00 UTC is 13:00 in Paris: today there is 23 November.
          { name: 'renews today', profile: { customFields: { renewsOn: '2026-11-23', plans: ['Coffee', 'tea'], credit: { amount: 1500, currency: 'EUR' } } } },
          { name: 'renews in 7 days', profile: { customFields: { renewsOn: '2026-11-30', plans: ['coffee'], credit: { amount: 999, currency: 'eur' } } } },
          { name: 'renews in 8 days', profile: { customFields: { renewsOn: '2026-12-01', plans: ['TEA'], credit: { amount: 1500, currency: 'USD' } } } },
          { name: 'renewed yesterday', profile: { customFields: { renewsOn: '2026-11-22', trialEndsAt: '2026-11-23T11:59:59.999Z' } } },
          { name: 'trial ends in 2 days', profile: { customFields: { trialEndsAt: '2026-11-25T12:00:00.000Z', plans: [] } } },
          { name: 'trial ends in 2 days and 1 ms', profile: { customFields: { trialEndsAt: '2026-11-25T12:00:00.001Z' } } },
          // Rolled over the same way in memory and in SQL, never an error: 30 February is 2 March.
          { name: 'odd forms', profile: { customFields: { renewsOn: '2026-02-30', trialEndsAt: '2026-11-23T99:00:00.000Z', plans: 'coffee', credit: 1500 } } },
        ],
      );
    });
    const members = async (params: Parameters<typeof customField.evaluate>[0], at = now) =>
      (await checkAgreement({ db, condition: customField, params, shop: typed, now: at, shopContext: paris })).inMemory;

    it("takes a date or an instant within days of today, both ends included, in the shop's time zone", async () => {
      expect(await members({ field: 'renewsOn', within: { nextDays: 7 } })).toEqual(['renews in 7 days', 'renews today']);
      expect(await members({ field: 'renewsOn', within: { lastDays: 1 } })).toEqual(['renewed yesterday', 'renews today']);
      expect(await members({ field: 'trialEndsAt', within: { nextDays: 2 } })).toEqual(['trial ends in 2 days']);
      expect(await members({ field: 'trialEndsAt', within: { lastDays: 0, nextDays: 4 } })).toEqual([
        'odd forms',
        'trial ends in 2 days',
        'trial ends in 2 days and 1 ms',
      ]);
      // At 23:30 UTC it is already 24 November in Paris.
      expect(await members({ field: 'renewsOn', within: { nextDays: 7 } }, new Date('2026-11-23T23:30:00Z'))).toEqual(['renews in 7 days', 'renews in 8 days']);
    });

    it('says when a date or an instant enters and leaves the window', () => {
      const changesAt = (value: string, within: { lastDays?: number; nextDays?: number }) =>
        customField
          .changesAt?.({ field: 'renewsOn', within }, { profile: { customFields: { renewsOn: value } } } as never, { now, shop: paris, cart: null })
          ?.toISOString() ?? null;
      // Enters at the start (Paris) of the day 7 days before, leaves at the start of the day after.
      expect(changesAt('2026-12-05', { nextDays: 7 })).toBe('2026-11-27T23:00:00.000Z');
      expect(changesAt('2026-11-30', { nextDays: 7 })).toBe('2026-11-30T23:00:00.000Z');
      expect(changesAt('2026-11-20', { nextDays: 7 })).toBeNull();
      expect(changesAt('2026-11-25T12:00:00.000Z', { nextDays: 1 })).toBe('2026-11-24T12:00:00.000Z');
      expect(changesAt('2026-11-25T12:00:00.000Z', { nextDays: 2 })).toBe('2026-11-25T12:00:00.001Z');
      expect(changesAt('2026-11-23T11:00:00.000Z', { lastDays: 1 })).toBe('2026-11-24T11:00:00.001Z');
      expect(changesAt('not a date', { nextDays: 7 })).toBeNull();
    });

    it('compares money in its currency, and lists by any or all of their values', async () => {
      expect(await members({ field: 'credit', atLeast: 1000, currency: 'eur' })).toEqual(['renews today']);
      expect(await members({ field: 'credit', atMost: 1500, currency: 'EUR' })).toEqual(['renews in 7 days', 'renews today']);
      expect(await members({ field: 'credit', atLeast: 1000 })).toEqual(['odd forms']);
      expect(await members({ field: 'plans', containsAny: ['tea'] })).toEqual(['renews in 8 days', 'renews today']);
      expect(await members({ field: 'plans', containsAll: ['COFFEE', 'tea'] })).toEqual(['renews today']);
    });
  });

  it('takes exactly one test and a safe field name', () => {
    expect(customField.params.safeParse({ field: 'renewsOn', within: {} }).success).toBe(false);
    expect(customField.params.safeParse({ field: 'renewsOn', within: { nextDays: 7 }, containsAny: ['a'] }).success).toBe(false);
    expect(customField.params.safeParse({ field: 'credit', equals: '1', currency: 'EUR' }).success).toBe(false);
    expect(customField.params.safeParse({ field: 'shoeSize', equals: '42', atLeast: 1 }).success).toBe(false);
    expect(customField.params.safeParse({ field: "x'; DROP TABLE", equals: '1' }).success).toBe(false);
  });
});
