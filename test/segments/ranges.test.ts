// Ranges with inclusive and exclusive bounds: what they accept, how they read, and that
// memory and SQL agree on the edges ("more than $300" excludes exactly $300).
import { countRangeSchema, describeCount, describeMoney, inRange, lowestInRange, moneyRangeSchema, rangeSql, sql } from '@cohort/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { query } from '../../src/db/client.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('ranges', () => {
  it('read as a person would say them', () => {
    expect(describeCount({ moreThan: 2 }, 'view')).toBe('more than 2 views');
    expect(describeCount({ moreThan: 1 }, 'order')).toBe('more than 1 order');
    expect(describeCount({ lessThan: 3 }, 'order')).toBe('fewer than 3 orders');
    expect(describeCount({ atLeast: 1 }, 'order')).toBe('at least 1 order');
    expect(describeCount({ atLeast: 2, atMost: 2 }, 'day')).toBe('exactly 2 days');
    expect(describeCount({ moreThan: 2, atMost: 5 }, 'order')).toBe('more than 2 and at most 5 orders');
    expect(describeMoney({ moreThan: usd(30_000) })).toBe('more than $300.00');
    expect(describeMoney({ lessThan: usd(5_000) })).toBe('less than $50.00');
    expect(describeMoney({ atLeast: usd(10_000), atMost: usd(20_000) })).toBe('between $100.00 and $200.00');
  });

  it('refuse bounds that contradict each other, naming the field', () => {
    const issues = (schema: typeof countRangeSchema | typeof moneyRangeSchema, value: unknown) =>
      schema.safeParse(value).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues(countRangeSchema, { atLeast: 2, moreThan: 1 })).toEqual(['moreThan: give atLeast or moreThan, not both']);
    expect(issues(countRangeSchema, { atMost: 2, lessThan: 3 })).toEqual(['lessThan: give atMost or lessThan, not both']);
    expect(issues(countRangeSchema, { moreThan: 4, lessThan: 4 })).toEqual([': no value is within these bounds']);
    expect(issues(countRangeSchema, { atLeast: 5, atMost: 4 })).toEqual([': no value is within these bounds']);
    expect(issues(countRangeSchema, { lessThan: 0 })).toEqual([': no value is within these bounds']);
    // An average may lie strictly between two whole amounts.
    expect(moneyRangeSchema.safeParse({ moreThan: usd(5_000), lessThan: usd(5_001) }).success).toBe(true);
    expect(issues(countRangeSchema, {})).toEqual([': give a lower bound (atLeast or moreThan), an upper bound (atMost or lessThan), or both']);
    expect(issues(moneyRangeSchema, { moreThan: usd(100), lessThan: { amount: 500, currency: 'EUR' } })).toEqual([
      'atMost: all bounds must be in the same currency',
    ]);
    expect(countRangeSchema.safeParse({ moreThan: 3, lessThan: 5 }).success).toBe(true);
  });

  it('agree in memory and in SQL on every edge', async () => {
    const ranges = [{ moreThan: 300 }, { atLeast: 300 }, { lessThan: 300 }, { atMost: 300 }, { moreThan: 299, lessThan: 301 }];
    for (const range of ranges) {
      for (const value of [299, 300, 301]) {
        const [row] = await query<{ within: boolean }>(sql`SELECT (${rangeSql(sql`${value}::int`, range)}) AS within`);
        expect(row?.within, `${value} in ${JSON.stringify(range)}`).toBe(inRange(value, range));
      }
    }
    expect(inRange(300, { moreThan: 300 })).toBe(false);
    expect(inRange(301, { moreThan: 300 })).toBe(true);
    expect(lowestInRange({ moreThan: usd(10_000) })).toBe(10_001);
  });

  it('compare averages without dividing (each bound scaled by the count)', async () => {
    // Three orders totalling 90,001: the average is just over 300.00.
    expect(inRange(90_001, { moreThan: usd(30_000) }, 3)).toBe(true);
    expect(inRange(90_000, { moreThan: usd(30_000) }, 3)).toBe(false);
    const [row] = await query<{ within: boolean }>(sql`SELECT (${rangeSql(sql`90000`, { moreThan: usd(30_000) }, sql`3`)}) AS within`);
    expect(row?.within).toBe(false);
  });
});

describe('the SQL tag', () => {
  it('binds an object that only looks like a fragment as a value, never splices it into the text', async () => {
    const hostile = { strings: ["'{}'::jsonb) OR (SELECT count(*) FROM \"ApiKey\") > 0 OR ('{}'"], values: [] };
    const statement = sql`SELECT ${JSON.stringify(hostile)}::jsonb @> ${hostile}::jsonb AS contains`;
    expect(statement.text).toBe('SELECT $1::jsonb @> $2::jsonb AS contains');
    expect(statement.values).toEqual([JSON.stringify(hostile), hostile]);
    // Fragments from the tag still nest, with their values.
    expect(sql`a = ${1} AND ${sql`b = ${2}`}`.text).toBe('a = $1 AND b = $2');
  });
});
