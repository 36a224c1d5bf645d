// Limits per calendar day, week or month as the GraphQL input gives them (periodic-limit.graphql.ts).
import type { PeriodicLimit } from './usage-limits.js';

/** Periodic limits as given, with perCustomer defaulted. */
export const limitsFromInput = (limits: { period: PeriodicLimit['period']; limit: number; perCustomer?: boolean | null }[] | null | undefined): PeriodicLimit[] | null | undefined =>
  limits?.map((limit) => ({ period: limit.period, limit: limit.limit, perCustomer: limit.perCustomer ?? false }));
