import { checkAgreement, writeShop } from 'cohort/plugin-sdk/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { marketingConsent, newsletterSubscribed } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('newsletter and marketing consent', () => {
  let shop: Awaited<ReturnType<typeof writeShop>>;
  beforeAll(async () => {
    shop = await writeShop([], [
      { name: 'subscriber, sms', profile: { newsletterSubscribed: true, marketingConsent: true, marketingChannels: ['SMS'] } },
      { name: 'email only', profile: { marketingConsent: true, marketingChannels: ['email'] } },
      { name: 'no consent', profile: { marketingChannels: ['sms'] } },
    ]);
  });

  it('subscribers, and consent on a channel', async () => {
    expect((await checkAgreement({ condition: newsletterSubscribed, params: { subscribed: true }, shop, now })).inMemory).toEqual(['subscriber, sms']);
    expect((await checkAgreement({ condition: marketingConsent, params: { consent: true, channel: 'sms' }, shop, now })).inMemory).toEqual(['subscriber, sms']);
    expect((await checkAgreement({ condition: marketingConsent, params: { consent: false }, shop, now })).inMemory).toEqual(['no consent']);
  });
});
