import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStatus, loyaltyMember, referralSource } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('loyalty, referral and account status', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'gold member', profile: { loyaltyMember: true, loyaltyTier: 'Gold', referralSource: 'Friend' } },
        { name: 'member', profile: { loyaltyMember: true } },
        { name: 'deactivated', profile: { status: 'DEACTIVATED' } },
      ],
    );
  });
  afterAll(() => db.close());

  it('members only, of a tier, referred by a friend, deactivated', async () => {
    expect((await checkAgreement({ db, condition: loyaltyMember, params: { member: true }, shop, now })).inMemory).toEqual(['gold member', 'member']);
    expect((await checkAgreement({ db, condition: loyaltyMember, params: { member: true, tiers: ['gold'] }, shop, now })).inMemory).toEqual(['gold member']);
    expect((await checkAgreement({ db, condition: loyaltyMember, params: { member: false }, shop, now })).inMemory).toEqual(['deactivated']);
    expect((await checkAgreement({ db, condition: referralSource, params: { anyOf: ['friend'] }, shop, now })).inMemory).toEqual(['gold member']);
    expect((await checkAgreement({ db, condition: accountStatus, params: { anyOf: ['DEACTIVATED'] }, shop, now })).inMemory).toEqual(['deactivated']);
  });
});
