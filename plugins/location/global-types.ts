// This plugin's conditions in typed rule trees (RuleTree), for TypeScript callers.
import type { ConditionParams } from '@cohort/plugin-sdk';
import type { city, country, postalCodePrefix, region } from './index.js';

declare module '@cohort/plugin-sdk' {
  interface ConditionTypes {
    country: ConditionParams<typeof country>;
    region: ConditionParams<typeof region>;
    city: ConditionParams<typeof city>;
    postalCodePrefix: ConditionParams<typeof postalCodePrefix>;
  }
}
