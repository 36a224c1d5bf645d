import { checkAgreement, createTestDatabase, writeShop, type TestDatabase } from '@cohort/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketingConsent, newsletterSubscribed } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('newsletter and marketing consent', () => {
  let db: TestDatabase;
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    shop = await writeShop(
      db,
      [],
      [
        { name: 'subscriber, sms', profile: { newsletterSubscribed: true, marketingConsent: true, marketingChannels: ['SMS'] } },
        { name: 'email only', profile: { marketingConsent: true, marketingChannels: ['email'] } },
        { name: 'no consent', profile: { marketingChannels: ['sms'] } },
      ],
    );
  });
  afterAll(() => db.close());

  it('subscribers, and consent on a channel', async () => {
    expect((await checkAgreement({ db, condition: newsletterSubscribed, params: { subscribed: true }, shop, now })).inMemory).toEqual(['subscriber, sms']);
    expect((await checkAgreement({ db, condition: marketingConsent, params: { consent: true, channel: 'sms' }, shop, now })).inMemory).toEqual([
      'subscriber, sms',
    ]);
    expect((await checkAgreement({ db, condition: marketingConsent, params: { consent: false }, shop, now })).inMemory).toEqual(['no consent']);
  });
});
