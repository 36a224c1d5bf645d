import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerDetails } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('customerDetails', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'Ana Martin', profile: { firstName: ' Ana ', lastName: 'Martin', email: 'ana.details@Example.com', phone: '+33 6 00 00 00 00' } },
        { name: 'Anabel Smith', profile: { firstName: 'Anabel', lastName: 'Smith', email: 'anabel.details@shop.fr', phone: '  ' } },
        { name: 'no details' },
      ],
    );
  });
  afterAll(() => db.close());

  it('matches names, email domains and phone presence, all given criteria together', async () => {
    expect((await checkAgreement({ db, condition: customerDetails, params: { firstName: { equals: 'ANA' } }, shop, now })).inMemory).toEqual(['Ana Martin']);
    expect((await checkAgreement({ db, condition: customerDetails, params: { firstName: { contains: 'ana' } }, shop, now })).inMemory).toEqual([
      'Ana Martin',
      'Anabel Smith',
    ]);
    expect((await checkAgreement({ db, condition: customerDetails, params: { emailDomains: ['example.com'] }, shop, now })).inMemory).toEqual(['Ana Martin']);
    expect((await checkAgreement({ db, condition: customerDetails, params: { hasPhone: false, lastName: { contains: 'SMI' } }, shop, now })).inMemory).toEqual([
      'Anabel Smith',
    ]);
  });

  it('needs at least one criterion', () => {
    expect(customerDetails.params.safeParse({}).success).toBe(false);
  });
});
