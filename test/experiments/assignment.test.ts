// The bucket hash gives the same answer in TypeScript and in SQL (PGlite, and PostgreSQL when
// TEST_POSTGRES_URL is set), on vectors computed by a third implementation (coreutils md5sum),
// and the arms it makes are sticky and independent of the coverage.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { raw, sql, type Sql } from '@cohort/plugin-sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assign,
  assignmentSql,
  bucketOf,
  bucketSql,
  BUCKETS,
  experimentDesignSchema,
  saltsOf,
  stickyAssignment,
  type ExperimentDesign,
} from '../../src/experiments/assignment.js';

interface Vector {
  salt: string;
  id: string;
  md5: string;
  bucket: number;
}

const { vectors } = JSON.parse(readFileSync(new URL('./bucket-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] };

type RunSql = (statement: Sql) => Promise<Record<string, unknown>[]>;

/** Buckets the database computes for the vectors: the expression written out over all rows, and the fragment reports use. */
async function databaseBuckets(run: RunSql): Promise<number[]> {
  const rows = await run(
    sql`SELECT v.ord, ((('x' || substr(md5(v.salt || ':' || v.id), 1, 8))::bit(32)::bigint % 10000)::int) AS inline_bucket
          FROM jsonb_to_recordset(${JSON.stringify(vectors.map((vector, ord) => ({ ...vector, ord })))}::jsonb) AS v(salt text, id text, ord int) ORDER BY v.ord`,
  );
  // The fragment binds its salt as a parameter, so each vector gets its own statement too
  // (one after another: a pg client runs one query at a time).
  const viaFragment: number[] = [];
  for (const vector of vectors) viaFragment.push(Number((await run(sql`SELECT ${bucketSql(vector.salt, sql`${vector.id}::text`)} AS bucket`))[0]?.bucket));
  expect(rows.map((row) => Number(row.inline_bucket))).toEqual(viaFragment);
  return viaFragment;
}

const design: ExperimentDesign = experimentDesignSchema.parse({
  salt: 'promotion-0191f5b0',
  coverage: 10_000,
  arms: [
    { key: 'holdout', weight: 1_000 },
    { key: 'treatment', weight: 9_000 },
  ],
});

describe('the bucket of a customer', () => {
  it('matches the shared vectors in TypeScript', () => {
    expect(vectors.length).toBeGreaterThan(20);
    for (const vector of vectors) expect({ ...vector, bucket: bucketOf(vector.salt, vector.id) }).toEqual(vector);
  });

  it('reads the 32 bits unsigned (some vectors have the top bit set)', () => {
    expect(vectors.some((vector) => Number.parseInt(vector.md5.slice(0, 1), 16) >= 8)).toBe(true);
  });

  describe('in SQL on PGlite', () => {
    const db = new PGlite();
    afterAll(() => db.close());
    const run: RunSql = async (statement) => (await db.query<Record<string, unknown>>(statement.text, [...statement.values])).rows;

    it('matches the shared vectors', async () => {
      expect(await databaseBuckets(run)).toEqual(vectors.map((vector) => vector.bucket));
    });

    it('gives the arm the TypeScript assignment gives, coverage included', async () => {
      const partial = experimentDesignSchema.parse({ ...design, coverage: 6_000 });
      const ids = Array.from({ length: 300 }, (_, index) => `customer-${index}`);
      const rows = await run(
        sql`SELECT id, ${assignmentSql(partial, raw('id'))} AS arm FROM unnest(${ids}::text[]) WITH ORDINALITY AS t(id, ord) ORDER BY ord`,
      );
      expect(rows.map((row) => row.arm)).toEqual(
        ids.map((id) => {
          const assignment = assign(partial, id);
          return assignment.inExperiment ? assignment.arm : null;
        }),
      );
      expect(new Set(rows.map((row) => row.arm))).toEqual(new Set([null, 'holdout', 'treatment']));
    });
  });

  describe.skipIf(!process.env.TEST_POSTGRES_URL)('in SQL on PostgreSQL', () => {
    let client: pg.Client;
    beforeAll(async () => {
      client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
      await client.connect();
    });
    afterAll(() => client?.end());
    const run: RunSql = async (statement) => (await client.query<Record<string, unknown>>(statement.text, [...statement.values])).rows;

    it('matches the shared vectors', async () => {
      const [{ encoding }] = (await run(sql`SELECT current_setting('server_encoding') AS encoding`)) as [{ encoding: string }];
      expect(encoding).toBe('UTF8');
      expect(await databaseBuckets(run)).toEqual(vectors.map((vector) => vector.bucket));
    });
  });
});

describe('assignment to arms', () => {
  const ids = Array.from({ length: 20_000 }, (_, index) => `0191f5b0-${index.toString(16).padStart(4, '0')}-7000-8000-${index}`);

  it('splits customers by the weights (10 % held out, within sampling error)', () => {
    const held = ids.filter((id) => (assign(design, id) as { arm: string }).arm === 'holdout').length;
    // Binomial(20,000, 0.1): sd 42; 4 sd either side.
    expect(Math.abs(held - 2_000)).toBeLessThan(170);
  });

  it('uses independent hashes for the traffic and the arm', () => {
    const salts = saltsOf(design.salt);
    expect(salts.traffic).not.toBe(salts.arm);
    // Among the customers in the first half of traffic buckets, the arm split is still 10/90.
    const firstHalf = ids.filter((id) => bucketOf(salts.traffic, id) < BUCKETS / 2);
    const held = firstHalf.filter((id) => bucketOf(salts.arm, id) < 1_000).length;
    expect(Math.abs(held / firstHalf.length - 0.1)).toBeLessThan(0.015);
  });

  it('raising the coverage moves nobody already in the experiment to another arm', () => {
    const narrow = experimentDesignSchema.parse({ ...design, coverage: 2_000 });
    for (const id of ids.slice(0, 2_000)) {
      const before = assign(narrow, id);
      if (before.inExperiment) expect(assign(design, id)).toMatchObject({ inExperiment: true, arm: before.arm });
    }
  });

  it('keeps the arm stored at first exposure when the weights change later', () => {
    const reweighted = experimentDesignSchema.parse({
      ...design,
      arms: [
        { key: 'holdout', weight: 5_000 },
        { key: 'treatment', weight: 5_000 },
      ],
    });
    const moved = ids.slice(0, 2_000).filter((id) => (assign(reweighted, id) as { arm: string }).arm !== (assign(design, id) as { arm: string }).arm);
    expect(moved.length).toBeGreaterThan(0); // the hash alone would move these customers…
    for (const id of moved) {
      const first = stickyAssignment(design, id, undefined);
      expect(first.stored).toBe(false);
      expect(stickyAssignment(reweighted, id, first.arm)).toEqual({ arm: first.arm, stored: true }); // …the stored arm does not
    }
  });

  it('leaves out customers beyond the coverage until they are stored', () => {
    const none = experimentDesignSchema.parse({ ...design, coverage: 0 });
    expect(stickyAssignment(none, 'customer-1', undefined)).toEqual({ arm: null, stored: false });
    expect(stickyAssignment(none, 'customer-1', 'treatment')).toEqual({ arm: 'treatment', stored: true });
  });

  it('refuses designs whose weights do not add up or whose arms repeat', () => {
    expect(() =>
      experimentDesignSchema.parse({
        ...design,
        arms: [
          { key: 'a', weight: 5_000 },
          { key: 'b', weight: 4_000 },
        ],
      }),
    ).toThrow(/add up to 10000/);
    expect(() =>
      experimentDesignSchema.parse({
        ...design,
        arms: [
          { key: 'a', weight: 5_000 },
          { key: 'a', weight: 5_000 },
        ],
      }),
    ).toThrow(/distinct/);
    expect(() => experimentDesignSchema.parse({ ...design, coverage: 10_001 })).toThrow();
  });
});
