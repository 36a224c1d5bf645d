import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registered } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('registered', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'this week', profile: { registeredAt: new Date('2026-11-20T00:00:00Z') } },
        { name: 'in 2024', profile: { registeredAt: new Date('2024-06-01T00:00:00Z') } },
      ],
    );
  });
  afterAll(() => db.close());

  it('in the last 30 days, or before a date', async () => {
    expect((await checkAgreement({ db, condition: registered, params: { within: { lastDays: 30 } }, shop, now })).inMemory).toEqual(['this week']);
    expect((await checkAgreement({ db, condition: registered, params: { within: { to: new Date('2025-01-01T00:00:00Z') } }, shop, now })).inMemory).toEqual([
      'in 2024',
    ]);
  });
});
