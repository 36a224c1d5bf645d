// Newsletter subscription and marketing consent, optionally on a given channel ("accepts marketing by sms").
import { defineCondition, definePlugin, profileFact, sql, z } from '@cohort/plugin-sdk';
import './global-types.js';

export const newsletterSubscribed = defineCondition({
  type: 'newsletterSubscribed',
  label: 'Newsletter subscription',
  params: z.object({ subscribed: z.boolean() }),
  facts: [profileFact],
  evaluate: ({ subscribed }, { profile }) => profile !== null && profile.newsletterSubscribed === subscribed,
  toSql: ({ subscribed }, { customer }) => sql`${customer}.newsletter_subscribed = ${subscribed}`,
  describe: ({ subscribed }) => (subscribed ? 'subscribes to the newsletter' : 'does not subscribe to the newsletter'),
});

const normal = (value: string) => value.trim().toLowerCase();

export const marketingConsent = defineCondition({
  type: 'marketingConsent',
  label: 'Accepts marketing messages',
  params: z.object({
    consent: z.boolean().describe('true: accepts marketing (on `channel`, if given); false: does not.'),
    channel: z.string().trim().min(1, 'must not be empty').nullish().describe('e.g. "email", "sms", "messenger".'),
  }),
  facts: [profileFact],
  evaluate({ consent, channel }, { profile }) {
    if (!profile) return false;
    const accepts = profile.marketingConsent && (!channel || profile.marketingChannels.some((candidate) => normal(candidate) === normal(channel)));
    return accepts === consent;
  },
  toSql({ consent, channel }, { customer }) {
    const accepts = channel
      ? sql`(${customer}.marketing_consent AND EXISTS (SELECT 1 FROM unnest(${customer}.marketing_channels) AS m WHERE lower(trim(m)) = ${normal(channel)}))`
      : sql`${customer}.marketing_consent`;
    return sql`${accepts} = ${consent}`;
  },
  describe: ({ consent, channel }) => `${consent ? 'accepts' : 'does not accept'} marketing${channel ? ` by ${channel}` : ''}`,
});

export default definePlugin({ name: 'marketing', conditions: [newsletterSubscribed, marketingConsent] });
