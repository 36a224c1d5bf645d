import { checkAgreement, writeShop } from 'cohort/plugin-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerGroup, customerTag } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('tags and groups', () => {
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    shop = await writeShop([], [
      { name: 'runner and hiker', profile: { tags: ['Runner', ' hiker'], groups: ['VIP'] } },
      { name: 'runner', profile: { tags: ['runner'], groups: ['staff'] } },
      { name: 'untagged' },
    ]);
  });

  it('any or all tags, ignoring case', async () => {
    expect((await checkAgreement({ condition: customerTag, params: { anyOf: ['RUNNER'] }, shop, now })).inMemory).toEqual(['runner', 'runner and hiker']);
    expect((await checkAgreement({ condition: customerTag, params: { allOf: ['runner', 'hiker'] }, shop, now })).inMemory).toEqual(['runner and hiker']);
  });

  it('customer groups', async () => {
    expect((await checkAgreement({ condition: customerGroup, params: { anyOf: ['vip'] }, shop, now })).inMemory).toEqual(['runner and hiker']);
  });
});
