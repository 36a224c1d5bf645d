import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerGroup, customerTag } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('tags and groups', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'runner and hiker', profile: { tags: ['Runner', ' hiker'], groups: ['VIP'] } },
        { name: 'runner', profile: { tags: ['runner'], groups: ['staff'] } },
        { name: 'untagged' },
      ],
    );
  });
  afterAll(() => db.close());

  it('any or all tags, ignoring case', async () => {
    expect((await checkAgreement({ db, condition: customerTag, params: { anyOf: ['RUNNER'] }, shop, now })).inMemory).toEqual(['runner', 'runner and hiker']);
    expect((await checkAgreement({ db, condition: customerTag, params: { allOf: ['runner', 'hiker'] }, shop, now })).inMemory).toEqual(['runner and hiker']);
  });

  it('customer groups', async () => {
    expect((await checkAgreement({ db, condition: customerGroup, params: { anyOf: ['vip'] }, shop, now })).inMemory).toEqual(['runner and hiker']);
  });
});
