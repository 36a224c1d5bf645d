import { checkAgreement, writeShop } from 'cohort/plugin-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerDetails } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('customerDetails', () => {
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    shop = await writeShop([], [
      { name: 'Ana Martin', profile: { firstName: ' Ana ', lastName: 'Martin', email: 'ana.details@Example.com', phone: '+33 6 00 00 00 00' } },
      { name: 'Anabel Smith', profile: { firstName: 'Anabel', lastName: 'Smith', email: 'anabel.details@shop.fr', phone: '  ' } },
      { name: 'no details' },
    ]);
  });

  it('matches names, email domains and phone presence, all given criteria together', async () => {
    expect((await checkAgreement({ condition: customerDetails, params: { firstName: { equals: 'ANA' } }, shop, now })).inMemory).toEqual(['Ana Martin']);
    expect((await checkAgreement({ condition: customerDetails, params: { firstName: { contains: 'ana' } }, shop, now })).inMemory).toEqual(['Ana Martin', 'Anabel Smith']);
    expect((await checkAgreement({ condition: customerDetails, params: { emailDomains: ['example.com'] }, shop, now })).inMemory).toEqual(['Ana Martin']);
    expect((await checkAgreement({ condition: customerDetails, params: { hasPhone: false, lastName: { contains: 'SMI' } }, shop, now })).inMemory).toEqual(['Anabel Smith']);
  });

  it('needs at least one criterion', () => {
    expect(customerDetails.params.safeParse({}).success).toBe(false);
  });
});
