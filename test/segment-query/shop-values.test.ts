// How values from the shop's data are kept for suggestions, with a query function that counts
// its calls and answers when told: one read per kind however many requests come; a request that
// would wait longer than allowed answers without the values and says so; after `freshMs` the
// kept values are served while they are read again.
import { describe, expect, it } from 'vitest';
import { ShopValues } from '../../src/segments/shop-values.js';
import type { QueryRows } from '../../src/db/sql.js';

/** A query function whose reads wait until `release()`, answering these rows. */
function heldQuery(rows: { value: string; count: number }[]) {
  const statements: string[] = [];
  let release: () => void = () => undefined;
  let held = new Promise<void>((resolve) => (release = resolve));
  const query = (async (statement: { text: string }) => {
    statements.push(statement.text);
    await held;
    return rows;
  }) as QueryRows;
  return {
    query,
    statements,
    release: () => release(),
    hold: () => {
      held = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('values from the shop kept for suggestions', () => {
  it('answers without values rather than wait past its limit, then from what was read, once per kind', async () => {
    const database = heldQuery([
      { value: 'vip', count: 20 },
      { value: 'Runner', count: 7 },
      { value: 'trail-runner', count: 3 },
    ]);
    const values = new ShopValues(database.query, 60_000, 20);
    expect(await values.search('customerTag', '', 10)).toEqual({ values: [], complete: false });
    expect(await values.search('customerTag', 'run', 10)).toEqual({ values: [], complete: false });
    database.release();
    await pause(5);
    const found = await values.search('customerTag', 'run', 10);
    expect(found).toEqual({
      complete: true,
      values: [
        { value: 'Runner', label: 'Runner', count: 7, unit: 'customers' },
        { value: 'trail-runner', label: 'trail-runner', count: 3, unit: 'customers' },
      ],
    });
    expect(database.statements).toHaveLength(1);
  });

  it('serves kept values after they are stale while reading them again', async () => {
    const database = heldQuery([{ value: 'FR', count: 2 }]);
    database.release();
    const values = new ShopValues(database.query, 30, 1_000);
    expect((await values.search('country', '', 10)).values).toHaveLength(1);
    await pause(40);
    database.hold();
    // Stale: answered at once from what was kept, while a second read runs.
    expect((await values.search('country', '', 10)).values).toEqual([{ value: 'FR', label: 'FR', count: 2, unit: 'customers' }]);
    expect(database.statements).toHaveLength(2);
    database.release();
  });

  it('warms every kind once, with the values of the first custom fields', async () => {
    const database = heldQuery([{ value: 'shoeSize', count: 3 }]);
    database.release();
    const values = new ShopValues(database.query);
    values.warm();
    values.warm();
    await pause(10);
    expect(database.statements.filter((statement) => statement.includes('jsonb_object_keys'))).toHaveLength(1);
    expect(database.statements.length).toBe(8);
    expect((await values.search('customFieldValue', '', 10, 'shoeSize')).complete).toBe(true);
    expect(database.statements.length).toBe(8);
  });
});
