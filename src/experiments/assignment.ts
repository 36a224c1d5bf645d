// Which arm of an experiment a customer is in: a salted hash of the customer's id into 10,000
// buckets, computed the same way here and in SQL (so a report can re-derive assignments in one
// statement, and a second process or language gets the same answer without asking).
//
// bucket(salt, id) = first 8 hex digits of md5(salt + ":" + id), read as an unsigned 32-bit
// integer, mod 10,000. Eppo buckets the same way (md5, 8 hex digits, mod the shard count; with
// "-" between salt and key). The text is hashed as UTF-8: Node's hash does, and so does
// PostgreSQL's md5() in a UTF8 database (PGlite's and Cohort's).
import { createHash } from 'node:crypto';
import { join, sql, z, type Sql } from '@cohort/plugin-sdk';

/** Buckets a unit hashes into; shares are whole numbers of buckets (basis points). */
export const BUCKETS = 10_000;

/** The bucket of `unitId` under `salt`: 0 ≤ bucket < 10,000. */
export function bucketOf(salt: string, unitId: string): number {
  const digest = createHash('md5').update(`${salt}:${unitId}`, 'utf8').digest('hex');
  return Number.parseInt(digest.slice(0, 8), 16) % BUCKETS;
}

/**
 * The same bucket computed by the database, for a column or any text expression: PostgreSQL
 * and PGlite both have md5() and the hex-to-bit cast. `bit(32)::bigint` reads the 32 bits
 * unsigned, as parseInt does above (an int4 cast would make half the values negative).
 */
export function bucketSql(salt: string, unitId: Sql): Sql {
  return sql`((('x' || substr(md5(${salt}::text || ':' || (${unitId})::text), 1, 8))::bit(32)::bigint % ${BUCKETS})::int)`;
}

/**
 * Two salts per experiment, as Eppo's traffic and variant shards and GrowthBook's namespace
 * and experiment hashes are independent: whether a customer is in the experiment at all says
 * nothing about which arm they get, so raising the coverage adds customers to every arm in
 * proportion instead of only to the arm whose buckets come first.
 */
export function saltsOf(experimentSalt: string): { traffic: string; arm: string } {
  return { traffic: `${experimentSalt}/traffic`, arm: `${experimentSalt}/arm` };
}

const basisPoints = z.number().int().min(0).max(BUCKETS);

/** An experiment's split: the share of eligible customers in it, then each arm's share of those. */
export const experimentDesignSchema = z
  .object({
    /** Stable for the experiment's life (its id, typically): changing it reshuffles everyone not yet assigned. */
    salt: z.string().min(1),
    /** Basis points of eligible customers who enter the experiment (10,000: all of them). */
    coverage: basisPoints,
    /** Arms in a fixed order, each with a weight in basis points; weights add up to 10,000. */
    arms: z
      .array(z.object({ key: z.string().min(1), weight: basisPoints }))
      .min(2)
      .refine((arms) => arms.reduce((total, arm) => total + arm.weight, 0) === BUCKETS, `arm weights must add up to ${BUCKETS} basis points`)
      .refine((arms) => new Set(arms.map((arm) => arm.key)).size === arms.length, 'arm keys must be distinct'),
  })
  .readonly();

export type ExperimentDesign = z.infer<typeof experimentDesignSchema>;

export type Assignment = { inExperiment: false; trafficBucket: number } | { inExperiment: true; trafficBucket: number; armBucket: number; arm: string };

/** The arm owning `bucket`: arms take consecutive ranges of buckets in their listed order. */
function armAt(design: ExperimentDesign, bucket: number): string {
  let end = 0;
  for (const arm of design.arms) {
    end += arm.weight;
    if (bucket < end) return arm.key;
  }
  // Unreachable for a valid design (weights add up to BUCKETS and bucket < BUCKETS).
  throw new RangeError(`bucket ${bucket} is past the arms' ${end} basis points`);
}

/** Where the hash puts `unitId` today. Not sticky by itself: see `stickyAssignment`. */
export function assign(design: ExperimentDesign, unitId: string): Assignment {
  const salts = saltsOf(design.salt);
  const trafficBucket = bucketOf(salts.traffic, unitId);
  if (trafficBucket >= design.coverage) return { inExperiment: false, trafficBucket };
  const armBucket = bucketOf(salts.arm, unitId);
  return { inExperiment: true, trafficBucket, armBucket, arm: armAt(design, armBucket) };
}

/**
 * The arm to use for a customer: the one stored at their first exposure if there is one,
 * otherwise the hash's answer (which the caller stores when it exposes them). Changing the
 * coverage or the weights later therefore moves nobody already exposed (GrowthBook's sticky
 * bucketing; its hash alone moves users when weights change), and a customer who was exposed
 * stays in the analysis even if a lower coverage would leave them out today.
 */
export function stickyAssignment(design: ExperimentDesign, unitId: string, storedArm: string | null | undefined): { arm: string | null; stored: boolean } {
  if (storedArm !== null && storedArm !== undefined) return { arm: storedArm, stored: true };
  const fresh = assign(design, unitId);
  return { arm: fresh.inExperiment ? fresh.arm : null, stored: false };
}

/** The hash's arm (or NULL when outside the coverage) in SQL, for re-deriving assignments in bulk. */
export function assignmentSql(design: ExperimentDesign, unitId: Sql): Sql {
  const salts = saltsOf(design.salt);
  let start = 0;
  const branches = design.arms
    .filter((arm) => arm.weight > 0)
    .map((arm) => {
      start += arm.weight;
      return sql` WHEN ${bucketSql(salts.arm, unitId)} < ${start} THEN ${arm.key}::text`;
    });
  return sql`(CASE WHEN ${bucketSql(salts.traffic, unitId)} >= ${design.coverage} THEN NULL::text${join(branches, '')} END)`;
}
