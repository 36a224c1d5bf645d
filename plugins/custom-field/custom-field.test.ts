import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customField } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('customField', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(db, [], [
      { name: 'size 42 (number)', profile: { customFields: { shoeSize: 42, skiLevel: 'Expert', pro: true } } },
      { name: 'size "42" (text)', profile: { customFields: { shoeSize: '42', skiLevel: 'intermediate' } } },
      { name: 'size 44.5', profile: { customFields: { shoeSize: 44.5, pro: false } } },
      { name: 'no fields' },
    ]);
  });
  afterAll(() => db.close());

  it('equals compares text forms; ranges only numbers; contains only text; isTrue only booleans', async () => {
    expect((await checkAgreement({ db, condition: customField, params: { field: 'shoeSize', equals: '42' }, shop, now })).inMemory).toEqual(['size "42" (text)', 'size 42 (number)']);
    expect((await checkAgreement({ db, condition: customField, params: { field: 'shoeSize', atLeast: 42, atMost: 44 }, shop, now })).inMemory).toEqual(['size 42 (number)']);
    expect((await checkAgreement({ db, condition: customField, params: { field: 'skiLevel', contains: 'EXP' }, shop, now })).inMemory).toEqual(['size 42 (number)']);
    expect((await checkAgreement({ db, condition: customField, params: { field: 'pro', isTrue: false }, shop, now })).inMemory).toEqual(['size 44.5']);
  });

  it('takes exactly one test and a safe field name', () => {
    expect(customField.params.safeParse({ field: 'shoeSize', equals: '42', atLeast: 1 }).success).toBe(false);
    expect(customField.params.safeParse({ field: "x'; DROP TABLE", equals: '1' }).success).toBe(false);
  });
});
