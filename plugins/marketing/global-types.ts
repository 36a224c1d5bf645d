// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { marketingConsent, newsletterSubscribed } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    newsletterSubscribed: ConditionParams<typeof newsletterSubscribed>;
    marketingConsent: ConditionParams<typeof marketingConsent>;
  }
}
