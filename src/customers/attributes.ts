// Customer attributes: custom fields the shop declares with a type (string, number, boolean,
// date, instant, money, list of strings). A declared field's values are checked and stored in
// one form on ingestion, so conditions (plugins/custom-field) read dates, instants, money and
// lists alike in memory and in SQL. Undeclared custom fields keep holding strings, numbers and
// booleans, unchecked. Declaring or retyping an attribute is refused while customers hold values
// the type does not accept: the shop fixes or clears them first.
import { z } from 'zod';
import { prisma, query, stream } from '../db/client.js';
import type { CustomerAttribute } from '../generated/prisma/client.js';
import { CustomerAttributeType } from '../generated/prisma/enums.js';
import { sql } from '@cohort/plugin-sdk';
import { MAX_AMOUNT, currencySchema } from '../shared/money.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import type { InputIssue } from '../schema/bad-input.js';

/** A custom field's name, as ingestion and conditions take it. */
export const fieldNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'field names are letters, digits and _');

const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** A declared type's values: what is accepted, and the one form it is stored in. */
export const ATTRIBUTE_VALUES: Record<CustomerAttributeType, z.ZodType<unknown>> = {
  STRING: z.string().max(1000),
  NUMBER: z.number().finite(),
  BOOLEAN: z.boolean(),
  DATE: z.string().refine((text) => {
    const parts = DATE.exec(text);
    if (!parts) return false;
    const date = new Date(0);
    date.setUTCFullYear(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
    return Number(parts[1]) >= 1 && date.toISOString().slice(0, 10) === text.padStart(10, '0');
  }, 'must be a calendar date, "YYYY-MM-DD"'),
  INSTANT: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 instant with its offset, e.g. "2026-12-14T09:30:00Z"' })
    .transform((text) => new Date(text))
    .refine((date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9_999, 'must be between the years 0001 and 9999')
    .transform((date) => date.toISOString()),
  MONEY: z.strictObject({ amount: z.number().int('must be whole minor units (e.g. cents)').min(-MAX_AMOUNT).max(MAX_AMOUNT), currency: currencySchema }),
  STRING_LIST: z.array(z.string().min(1, 'must not be empty').max(200)).max(100, 'at most 100 values'),
};

/** What an undeclared custom field may hold. */
const UNDECLARED = z.union([z.string().max(1000), z.number().finite(), z.boolean()], {
  error:
    'an undeclared custom field holds a string, a number or a boolean: declare it as a customer attribute (declareCustomerAttribute) to store a date, an instant, money or a list',
});

/** The declared attributes, by name. */
export async function declaredAttributes(): Promise<Map<string, CustomerAttributeType>> {
  const rows = await prisma.customerAttribute.findMany({ select: { name: true, type: true } });
  return new Map(rows.map((row) => [row.name, row.type]));
}

/**
 * Checks customers' custom fields against the declared attributes, and returns them in their
 * stored forms (an instant in UTC, a currency in capitals). `paths`: each input's path, so
 * issues name the field (`input.customers.3.customFields.renewsOn`).
 */
export function checkCustomFields(
  fieldsOfEach: readonly (Record<string, unknown> | null | undefined)[],
  declared: ReadonlyMap<string, CustomerAttributeType>,
  paths: readonly string[],
): { stored: (Record<string, unknown> | null | undefined)[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const stored = fieldsOfEach.map((fields, index) => {
    if (!fields) return fields;
    const checked: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const type = declared.get(name);
      const result = (type ? ATTRIBUTE_VALUES[type] : UNDECLARED).safeParse(value);
      if (result.success) checked[name] = result.data;
      else
        for (const issue of result.error.issues)
          issues.push({
            path: [paths[index], 'customFields', name, ...issue.path.map(String)].join('.'),
            message: type ? `${issue.message} (declared ${type})` : issue.message,
          });
    }
    return checked;
  });
  return { stored, issues };
}

export const attributeInputSchema = z.object({
  name: fieldNameSchema,
  type: z.enum(CustomerAttributeType),
  description: z.string().trim().max(500).nullish(),
});

/**
 * Declares an attribute, or changes its type or description. Refused (ConflictError) while
 * customers hold values of `name` that the type does not accept, naming how many and one of them.
 */
export async function declareAttribute(input: z.infer<typeof attributeInputSchema>): Promise<CustomerAttribute> {
  const misfits = await customersNotFitting(input.name, input.type);
  if (misfits.count > 0) {
    throw new ConflictError(
      `${misfits.count} customer(s) hold a value of "${input.name}" that is not a ${input.type} (customer "${misfits.example}" among them): update or clear those values first`,
    );
  }
  return prisma.customerAttribute.upsert({
    where: { name: input.name },
    create: { name: input.name, type: input.type, description: input.description ?? null },
    update: { type: input.type, ...(input.description !== undefined ? { description: input.description } : {}) },
  });
}

/** Forgets a declaration; the customers' values stay as they are, as an undeclared field's. */
export async function removeAttribute(name: string): Promise<CustomerAttribute> {
  const [removed] = await query<CustomerAttribute>(sql`DELETE FROM "CustomerAttribute" WHERE name = ${name} RETURNING *`);
  if (!removed) throw new NotFoundError('CustomerAttribute', name, ['name']);
  return removed;
}

/** Customers whose value of `name` the type would refuse, or store in another form (checked in SQL, over every customer). */
async function customersNotFitting(name: string, type: CustomerAttributeType): Promise<{ count: number; example: string | null }> {
  const value = sql`c."customFields" -> ${name}`;
  const text = sql`c."customFields" ->> ${name}`;
  const fits: Record<CustomerAttributeType, ReturnType<typeof sql>> = {
    STRING: sql`jsonb_typeof(${value}) = 'string'`,
    NUMBER: sql`jsonb_typeof(${value}) = 'number'`,
    BOOLEAN: sql`jsonb_typeof(${value}) = 'boolean'`,
    // The stored forms exactly; the rows are then checked one by one below, as ingestion checks them.
    DATE: sql`jsonb_typeof(${value}) = 'string' AND ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`,
    INSTANT: sql`jsonb_typeof(${value}) = 'string' AND ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$'`,
    MONEY: sql`jsonb_typeof(${value}) = 'object'`,
    STRING_LIST: sql`jsonb_typeof(${value}) = 'array'`,
  };
  const [row] = await query<{ count: number; example: string | null }>(
    sql`SELECT count(*)::int AS count, min(c."externalId") AS example FROM "Customer" c WHERE c."customFields" ? ${name} AND NOT (${fits[type]})`,
  );
  if (row && row.count > 0) return row;
  if (type === 'STRING' || type === 'NUMBER' || type === 'BOOLEAN') return { count: 0, example: null };
  // Of the right JSON kind: each value must also be what ingestion would accept, unchanged (read in batches: memory stays flat).
  const wrong = { count: 0, example: null as string | null };
  const page = (after: string | null, limit: number | null) =>
    sql`SELECT c.id, c."externalId", ${value} AS value FROM "Customer" c WHERE c."customFields" ? ${name} ${after ? sql`AND c.id > ${after}` : sql``} ORDER BY c.id ${limit ? sql`LIMIT ${limit}` : sql``}`;
  for await (const rows of stream<{ id: string; externalId: string; value: unknown }>(page, 5_000)) {
    for (const row of rows) {
      const result = ATTRIBUTE_VALUES[type].safeParse(row.value);
      if (result.success && JSON.stringify(result.data) === JSON.stringify(row.value)) continue;
      wrong.count += 1;
      wrong.example ??= row.externalId;
    }
  }
  return wrong;
}
