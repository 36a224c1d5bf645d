// Shopify's customer and order CSV exports (format=shopify-csv), read with csv-parse and turned
// into the records the customers and orders kinds take. Shopify documents the columns
// (help.shopify.com: "Exporting customers", "Exporting orders"); an order spans one row per line
// item, its own fields on the first row (and repeated, in some exports). Orders name their
// customer by email only: emails are resolved to the customers' ids (Shopify's "Customer ID",
// imported first) in one query per 1,000 orders.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sql } from '@cohort/plugin-sdk';
import { query } from '../db/client.js';
import { minorUnitDigits } from '../shared/money.js';
import { MalformedFileError, type SourceItem } from './import-sources.js';

type Row = Record<string, string | undefined>;

/**
 * CSV rows with their header's names, each with the number of its last line. csv-parse, a
 * streaming RFC 4180 parser kept by the node-csv project for a decade: quoted fields that
 * hold commas, quotes and newlines, a byte-order mark, CRLF; hand-written splitting gets
 * these wrong, and Shopify's exports have all of them (notes, addresses, product names).
 */
export async function* csvRows(body: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<{ line: number; row: Row }> {
  const parser = Readable.from(body).pipe(
    parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: maxLineBytes, info: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) yield { line: info.lines, row: record };
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code?.startsWith('CSV_')) throw new MalformedFileError(`Line ${lines ?? '?'}: ${(error as Error).message}`);
    throw error;
  }
}

const cell = (row: Row, column: string) => (row[column] ?? '').trim() || undefined;
const yes = (value: string | undefined) => value !== undefined && /^(yes|true|1)$/i.test(value);
const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : undefined;

/** "12.50" in `currency` as minor units (1250); text that is no amount is passed on, for the schema to name. */
function minorUnits(value: string | undefined, currency: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  let digits = 2;
  try {
    digits = minorUnitDigits((currency ?? 'USD').toUpperCase());
  } catch {
    digits = 2;
  }
  return Math.round(Number(value) * 10 ** digits);
}

/** Shopify's "2024-01-15 10:23:45 -0500" as ISO 8601; other text is passed on as it is. */
function instant(value: string | undefined): string | undefined {
  const match = value && /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?) ?([+-]\d{2}):?(\d{2})$/.exec(value);
  return match ? `${match[1]}T${match[2]}${match[3]}:${match[4]}` : value;
}

/** A customers export row as a customer record. Total Spent and Total Orders are not taken: Cohort computes them from the orders. */
function shopifyCustomer(row: Row): unknown {
  const country = cell(row, 'Default Address Country Code');
  const channels = [...(yes(cell(row, 'Accepts Email Marketing')) ? ['email'] : []), ...(yes(cell(row, 'Accepts SMS Marketing')) ? ['sms'] : [])];
  return {
    externalId: cell(row, 'Customer ID') ?? cell(row, 'Email'),
    email: cell(row, 'Email'),
    firstName: cell(row, 'First Name'),
    lastName: cell(row, 'Last Name'),
    phone: cell(row, 'Phone') ?? cell(row, 'Default Address Phone'),
    tags: list(cell(row, 'Tags')),
    marketingConsent: channels.length > 0,
    newsletterSubscribed: channels.includes('email'),
    marketingChannels: channels,
    customFields: { taxExempt: yes(cell(row, 'Tax Exempt')) },
    ...(country
      ? {
          addresses: [
            {
              isDefault: true,
              line1: cell(row, 'Default Address Address1'),
              line2: cell(row, 'Default Address Address2'),
              city: cell(row, 'Default Address City'),
              region: cell(row, 'Default Address Province Code'),
              country,
              postalCode: cell(row, 'Default Address Zip'),
            },
          ],
        }
      : {}),
  };
}

/** Shopify's financial status (and a cancellation) as an order status. */
function orderStatus(first: Row): string | undefined {
  if (cell(first, 'Cancelled at')) return 'CANCELLED';
  const status = cell(first, 'Financial Status')?.toLowerCase();
  if (status === undefined) return undefined;
  return ({ pending: 'PENDING', authorized: 'PENDING', refunded: 'REFUNDED', voided: 'CANCELLED' } as Record<string, string>)[status] ?? 'VALIDATED';
}

/** An order's rows as an order record, its customer named by email until resolved. */
function shopifyOrder(rows: Row[]): { value: Record<string, unknown>; email: string | undefined } {
  const first = rows[0] as Row;
  const currency = cell(first, 'Currency');
  return {
    email: cell(first, 'Email')?.toLowerCase(),
    value: {
      externalId: cell(first, 'Id') ?? cell(first, 'Name'),
      status: orderStatus(first),
      placedAt: instant(cell(first, 'Created at')),
      currency,
      lines: rows.map((row) => ({
        sku: cell(row, 'Lineitem sku') ?? '',
        quantity: Number(cell(row, 'Lineitem quantity') ?? Number.NaN),
        unitPrice: minorUnits(cell(row, 'Lineitem price'), currency),
      })),
      shippingTotal: minorUnits(cell(first, 'Shipping'), currency),
      taxTotal: minorUnits(cell(first, 'Taxes'), currency),
      discountTotal: minorUnits(cell(first, 'Discount Amount'), currency),
      shippingMethod: cell(first, 'Shipping Method'),
    },
  };
}

export async function* shopifyCustomers(body: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<SourceItem> {
  for await (const { line, row } of csvRows(body, maxLineBytes)) yield { line, value: shopifyCustomer(row) };
}

const ORDERS_PER_LOOKUP = 1000;

/** Orders, their rows grouped by Name, their customers' emails resolved in one query per ORDERS_PER_LOOKUP orders. */
export async function* shopifyOrders(body: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<SourceItem> {
  let pending: { lines: number[]; order: ReturnType<typeof shopifyOrder> }[] = [];
  let group: { name: string; lines: number[]; rows: Row[] } | null = null;
  async function* resolved(): AsyncGenerator<SourceItem> {
    const emails = [...new Set(pending.flatMap(({ order }) => (order.email ? [order.email] : [])))];
    const customers =
      emails.length > 0
        ? await query<{ email: string; externalId: string }>(
            sql`SELECT email, "externalId" FROM "Customer" WHERE email = ANY(${emails}::text[]) AND "erasedAt" IS NULL`,
          )
        : [];
    const byEmail = new Map(customers.map((customer) => [customer.email, customer.externalId]));
    for (const { lines, order } of pending) {
      const externalId = order.email ? byEmail.get(order.email) : undefined;
      if (externalId) yield { line: lines[0] as number, rows: lines, value: { ...order.value, customer: { externalId } } };
      else
        yield {
          line: lines[0] as number,
          field: 'Email',
          message: order.email ? 'No customer with this email: import the customers export first' : 'An order needs the email of its customer',
        };
    }
    pending = [];
  }
  const close = () => {
    if (group) pending.push({ lines: group.lines, order: shopifyOrder(group.rows) });
  };
  for await (const { line, row } of csvRows(body, maxLineBytes)) {
    const name = cell(row, 'Name') ?? cell(row, 'Id') ?? '';
    if (group && group.name === name) {
      group.lines.push(line);
      group.rows.push(row);
      continue;
    }
    close();
    group = { name, lines: [line], rows: [row] };
    if (pending.length >= ORDERS_PER_LOOKUP) yield* resolved();
  }
  close();
  yield* resolved();
}
