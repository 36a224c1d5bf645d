import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerCategory } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('customerCategory: different promotions by customer category', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [{ name: 'WHOLESALE', profile: { category: 'WHOLESALE' } }, { name: 'retail', profile: { category: ' retail ' } }, { name: 'none' }],
    );
  });
  afterAll(() => db.close());

  it('ignores case and spaces; no category never matches', async () => {
    expect((await checkAgreement({ db, condition: customerCategory, params: { categories: ['wholesale'] }, shop, now })).inMemory).toEqual(['WHOLESALE']);
    expect((await checkAgreement({ db, condition: customerCategory, params: { categories: ['Retail', 'wholesale'] }, shop, now })).inMemory).toEqual([
      'WHOLESALE',
      'retail',
    ]);
  });
});
