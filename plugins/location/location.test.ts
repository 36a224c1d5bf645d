import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { city, country, postalCodePrefix, region } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('location: free shipping to business customers in Paris', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'Paris', addresses: [{ country: 'FR', region: 'Île-de-France', city: 'Paris', postalCode: '75011' }] },
        {
          name: 'Lyon and Munich',
          addresses: [
            { country: 'FR', city: 'Lyon', postalCode: '69001' },
            { country: 'DE', region: 'Bayern', city: 'München', postalCode: '80331' },
          ],
        },
        { name: 'no address' },
      ],
    );
  });
  afterAll(() => db.close());

  it('matches any address', async () => {
    expect((await checkAgreement({ db, condition: country, params: { anyOf: ['de'] }, shop, now })).inMemory).toEqual(['Lyon and Munich']);
    expect((await checkAgreement({ db, condition: city, params: { anyOf: [' paris '] }, shop, now })).inMemory).toEqual(['Paris']);
    expect((await checkAgreement({ db, condition: region, params: { anyOf: ['bayern'] }, shop, now })).inMemory).toEqual(['Lyon and Munich']);
    expect((await checkAgreement({ db, condition: postalCodePrefix, params: { anyOf: ['75', '8'] }, shop, now })).inMemory).toEqual([
      'Lyon and Munich',
      'Paris',
    ]);
  });

  it('wants country codes', () => {
    expect(country.params.safeParse({ anyOf: ['France'] }).success).toBe(false);
  });
});
