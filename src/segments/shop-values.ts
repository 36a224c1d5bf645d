// Values from the shop's data for the segment query editor's suggestions: brands, categories
// and SKUs of products, customers' tags, categories and countries, custom field names and
// values, each with how many products or customers carry it. A kind's values and counts are
// read in one aggregate over the base (100-700 ms at 100,000 customers: a scan of their tags or
// custom fields) and kept for `freshMs`; after that the next request gets them at once while
// they are read again (stale-while-revalidate), so a suggestion costs a filter in memory. The
// editor's first request warms every kind in the background (`warm`), before the admin reaches
// a value, and a request never waits longer than `waitMs` for values not read yet: it answers
// without them, saying so (`complete: false`), and a later keystroke gets them. SKUs are
// searched in SQL (a shop may have too many products to keep), by SKU prefix or product name.
import { sql, type ShopValueKind, type Statement } from '@cohort/plugin-sdk';
import { LRUCache } from 'lru-cache';
import type { QueryRows } from '../db/sql.js';

export interface ShopValue {
  value: string;
  /** What to show: the value, or a SKU with its product's name. */
  label: string;
  /** How many carry it (see `unit`); null for a SKU (one product). */
  count: number | null;
  unit: 'customers' | 'products' | null;
}

interface Counted {
  value: string;
  count: number;
}

/** Distinct values kept per kind: the most carried first. */
const KEPT = 5_000;

/** LIKE's wildcards in text a user typed, escaped. */
const likeText = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const AGGREGATES: Record<Exclude<ShopValueKind, 'sku' | 'customFieldValue'>, { unit: 'customers' | 'products'; statement: Statement }> = {
  brand: {
    unit: 'products',
    statement: sql`SELECT brand AS value, count(*)::int AS count FROM "Product" WHERE brand <> '' GROUP BY brand ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
  category: {
    unit: 'products',
    statement: sql`SELECT category AS value, count(*)::int AS count FROM "Product" WHERE category <> '' GROUP BY category ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
  customerCategory: {
    unit: 'customers',
    statement: sql`SELECT category AS value, count(*)::int AS count FROM "Customer" WHERE category <> '' GROUP BY category ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
  customerTag: {
    unit: 'customers',
    statement: sql`SELECT tag AS value, count(*)::int AS count FROM "Customer" c CROSS JOIN LATERAL unnest(c.tags) AS tag WHERE c.tags <> '{}' AND tag <> '' GROUP BY tag ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
  country: {
    unit: 'customers',
    statement: sql`SELECT country AS value, count(DISTINCT "customerId")::int AS count FROM "Address" GROUP BY country ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
  customFieldName: {
    unit: 'customers',
    statement: sql`SELECT key AS value, count(*)::int AS count FROM "Customer" c CROSS JOIN LATERAL jsonb_object_keys(c."customFields") AS key
                   WHERE c."customFields" <> '{}'::jsonb AND jsonb_typeof(c."customFields") = 'object' GROUP BY key ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
  eventType: {
    unit: 'customers',
    statement: sql`SELECT t.name AS value, count(DISTINCT e."customerId")::int AS count FROM "EventType" t LEFT JOIN "Event" e ON e.type = t.name GROUP BY t.name ORDER BY count DESC, value LIMIT ${KEPT}`,
  },
};

const customFieldValues = (field: string) =>
  sql`SELECT c."customFields" ->> ${field} AS value, count(*)::int AS count FROM "Customer" c
      WHERE c."customFields" ? ${field} AND jsonb_typeof(c."customFields" -> ${field}) IN ('string', 'number', 'boolean')
      GROUP BY 1 ORDER BY count DESC, value LIMIT ${KEPT}`;

export class ShopValues {
  private readonly cache: LRUCache<string, Counted[]>;

  constructor(
    private readonly query: QueryRows,
    /** How long a kind's values are served without being read again. */
    freshMs = 30_000,
    /** How long a request waits for values not read yet before answering without them. */
    private readonly waitMs = 40,
  ) {
    this.cache = new LRUCache<string, Counted[]>({
      max: 200,
      ttl: Math.max(1, freshMs),
      allowStale: true,
      fetchMethod: (key) =>
        this.query<Counted>(
          key.startsWith('customFieldValue:') ? customFieldValues(key.slice('customFieldValue:'.length)) : AGGREGATES[key as keyof typeof AGGREGATES].statement,
        ),
    });
  }

  private warmed = false;

  /**
   * Reads every kind's values in the background, once (then each is read again when asked for
   * after `freshMs`), with the values of the most used custom fields: one aggregate after the
   * other, so that warming takes one connection and leaves the machine to the requests.
   */
  warm(): void {
    if (this.warmed) return;
    this.warmed = true;
    const readAll = async () => {
      for (const kind of Object.keys(AGGREGATES)) await this.cache.fetch(kind);
      for (const { value } of ((await this.cache.fetch('customFieldName')) ?? []).slice(0, 10)) await this.cache.fetch(`customFieldValue:${value}`);
    };
    readAll().catch(() => undefined);
  }

  /**
   * Values of a kind matching what is typed (case-insensitive: those starting with it first,
   * then those containing it), the most carried first. `field`: for custom field values, the
   * field whose values are asked for. `complete` is false when the values were still being read
   * after `waitMs`: none are given, and the read goes on for the next request.
   */
  async search(kind: ShopValueKind, typed: string, limit: number, field?: string): Promise<{ values: ShopValue[]; complete: boolean }> {
    if (kind === 'sku') return { values: await this.skus(typed, limit), complete: true };
    if (kind === 'customFieldValue' && !field) return { values: [], complete: true };
    const unit = kind === 'customFieldValue' ? 'customers' : AGGREGATES[kind].unit;
    const reading = this.cache.fetch(kind === 'customFieldValue' ? `customFieldValue:${field}` : kind);
    reading.catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.waitMs)));
    const read = await Promise.race([reading, late]).finally(() => clearTimeout(timer));
    if (read === 'late') return { values: [], complete: false };
    const values = read ?? [];
    const wanted = typed.trim().toLowerCase();
    const starting: Counted[] = [];
    const containing: Counted[] = [];
    for (const counted of values) {
      const value = counted.value.toLowerCase();
      if (value.startsWith(wanted)) starting.push(counted);
      else if (value.includes(wanted)) containing.push(counted);
      if (starting.length >= limit) break;
    }
    return { values: [...starting, ...containing].slice(0, limit).map(({ value, count }) => ({ value, label: value, count, unit })), complete: true };
  }

  /** Products whose SKU starts with, or whose name contains, what is typed. */
  private async skus(typed: string, limit: number): Promise<ShopValue[]> {
    const text = likeText(typed.trim());
    const rows = await this.query<{ sku: string; name: string }>(sql`
      SELECT sku, name FROM "Product"
      WHERE sku ILIKE ${`${text}%`} OR name ILIKE ${`%${text}%`}
      ORDER BY (sku ILIKE ${`${text}%`}) DESC, sku
      LIMIT ${limit}`);
    return rows.map(({ sku, name }) => ({ value: sku, label: `${sku} · ${name}`, count: null, unit: null }));
  }
}
