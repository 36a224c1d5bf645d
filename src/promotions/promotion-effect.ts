// An effect as GraphQL shows it (promotion-effect.graphql.ts declares the PromotionEffect union).
import type { StoredEffect } from '@cohort/plugin-sdk';

/** An effect as a PromotionEffect value, amounts in `currency`. */
export const effectValue = (effect: StoredEffect, currency: string) => ({ type: effect.type, value: effect.params, currency });
