// The kinds of record an import takes, one entry each: the zod schema its GraphQL mutation
// validates with (reused, never restated), which of its fields are dates in the file, and how a
// batch of valid records is written (the mutation's own ingestion function, one call per batch,
// so one tracking pass per batch). A new kind is one more entry in IMPORT_KINDS.
import type { z } from 'zod';
import { sql } from '@cohort/plugin-sdk';
import { customerSchema, upsertCustomers, type CustomerData } from '../customers/ingest.js';
import { productSchema, upsertProducts, type ProductData } from '../catalog/ingest.js';
import { orderSchema, upsertOrders, type OrderData } from '../orders/ingest.js';
import { trackedEventSchema, trackEvents, type TrackedEvent } from '../events/ingest.js';
import { query } from '../db/client.js';
import { parseCalendarDate, parseInstant } from '../schema/scalars.js';

/** A line (or field of one) an import could not take. `index` is the record's place in its batch. */
export interface RecordIssue {
  index: number;
  field: string | null;
  message: string;
}

export interface ImportKind<Data> {
  /** The mutation's input schema. */
  schema: z.ZodType<Data>;
  /** Fields given as text in a file that the schema takes as dates: instants, or calendar dates. */
  instants: string[];
  dates: string[];
  /** Records whose references (customers, SKUs) do not exist: every one of them, before anything is written. */
  missingReferences?: (records: Data[]) => Promise<RecordIssue[]>;
  /** Writes a batch of valid records, all or none, announcing the customers it changed once. */
  write: (records: Data[], now: Date) => Promise<number>;
  /** The tables a large import of this kind changes the shape of: analysed after it (imports.ts), for the planner's sake. */
  tables: string[];
}

const kind = <Data>(definition: ImportKind<Data>) => definition;

/** Which of these customers' external ids name a customer Cohort holds (not erased). */
async function knownCustomers(externalIds: string[]): Promise<Set<string>> {
  const unique = [...new Set(externalIds)];
  if (unique.length === 0) return new Set();
  const rows = await query<{ externalId: string }>(sql`SELECT "externalId" FROM "Customer" WHERE "externalId" = ANY(${unique}::text[]) AND "erasedAt" IS NULL`);
  return new Set(rows.map((row) => row.externalId));
}

/** Customers and SKUs named by orders that are not in Cohort: one query each per batch. */
async function missingOrderReferences(orders: OrderData[]): Promise<RecordIssue[]> {
  const skus = [...new Set(orders.flatMap((order) => order.lines.map((line) => line.sku)))];
  const [known, products] = await Promise.all([
    knownCustomers(orders.flatMap((order) => (order.customer.id ? [] : [order.customer.externalId ?? '']))),
    query<{ sku: string }>(sql`SELECT sku FROM "Product" WHERE sku = ANY(${skus}::text[])`),
  ]);
  const knownSkus = new Set(products.map((product) => product.sku));
  return orders.flatMap((order, index) => [
    ...(order.customer.id || known.has(order.customer.externalId ?? '')
      ? []
      : [{ index, field: 'customer.externalId', message: `No customer with externalId "${order.customer.externalId ?? ''}"` }]),
    ...order.lines.flatMap((line, lineIndex) =>
      knownSkus.has(line.sku) ? [] : [{ index, field: `lines.${lineIndex}.sku`, message: `No product with SKU "${line.sku}"` }],
    ),
  ]);
}

/** Customers named by events (by external id) that are not in Cohort: every one, in one query per batch. Anonymous events name none. */
async function missingEventReferences(events: TrackedEvent[]): Promise<RecordIssue[]> {
  const named = (event: TrackedEvent) => (event.customer && !event.customer.id ? (event.customer.externalId ?? '') : null);
  const known = await knownCustomers(events.flatMap((event) => named(event) ?? []));
  return events.flatMap((event, index) => {
    const externalId = named(event);
    return externalId === null || known.has(externalId)
      ? []
      : [{ index, field: 'customer.externalId', message: `No customer with externalId "${externalId}"` }];
  });
}

/** The kinds, by the name `POST /import?kind=` takes. */
export const IMPORT_KINDS = {
  customers: kind<CustomerData>({
    schema: customerSchema,
    tables: ['Customer', 'Address', 'SegmentMember'],
    instants: ['registeredAt'],
    dates: ['dateOfBirth'],
    write: async (records, now) =>
      (
        await upsertCustomers(
          records,
          now,
          records.map((_record, index) => String(index)),
        )
      ).length,
  }),
  products: kind<ProductData>({
    schema: productSchema,
    tables: ['Product'],
    instants: [],
    dates: [],
    write: async (records) => (await upsertProducts(records)).length,
  }),
  orders: kind<OrderData>({
    schema: orderSchema,
    tables: ['Order', 'OrderLine', 'SegmentMember'],
    instants: ['placedAt'],
    dates: [],
    missingReferences: missingOrderReferences,
    write: async (records) =>
      (
        await upsertOrders(
          records,
          records.map((_record, index) => [String(index)]),
        )
      ).length,
  }),
  events: kind<TrackedEvent>({
    schema: trackedEventSchema,
    tables: ['Event', 'SegmentMember'],
    instants: ['occurredAt'],
    dates: [],
    missingReferences: missingEventReferences,
    // Stored once per eventId: a file sent again stores nothing twice (its events without an id, again).
    write: async (records, now) => (await trackEvents(records, now, (index) => [String(index)])).stored,
  }),
} as const;

export type ImportKindName = keyof typeof IMPORT_KINDS;

export const isImportKind = (name: string | null): name is ImportKindName => name !== null && Object.hasOwn(IMPORT_KINDS, name);

/**
 * A record as read from a file, checked with its kind's schema: its data, or every issue with
 * the field it names. Dates arrive as text and are parsed as the GraphQL scalars parse them.
 */
export function validateRecord<Data>(importKind: ImportKind<Data>, value: unknown): { data: Data } | { issues: Omit<RecordIssue, 'index'>[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { issues: [{ field: null, message: 'A record is a JSON object' }] };
  const record: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const issues: Omit<RecordIssue, 'index'>[] = [];
  for (const [fields, parse] of [
    [importKind.instants, parseInstant],
    [importKind.dates, parseCalendarDate],
  ] as const) {
    for (const field of fields) {
      if (typeof record[field] !== 'string') continue;
      try {
        record[field] = parse(record[field]);
      } catch (error) {
        issues.push({ field, message: (error as Error).message });
      }
    }
  }
  const parsed = importKind.schema.safeParse(record);
  // A date that could not be read is reported once, by its parser.
  const unreadDates = new Set(issues.map((issue) => issue.field));
  if (!parsed.success)
    issues.push(
      ...parsed.error.issues
        .filter((issue) => !unreadDates.has(String(issue.path[0])))
        .map((issue) => ({ field: issue.path.length > 0 ? issue.path.join('.') : null, message: issue.message })),
    );
  return issues.length > 0 ? { issues } : { data: (parsed as { data: Data }).data };
}
