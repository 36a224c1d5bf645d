// The audit log of admin writes: every mutation an admin key (or a console session of one) runs
// is recorded with who ran it (the key's id and name, never its secret), which mutation, its
// input, and the objects it named as stored before and after, whatever the outcome. One wrapper
// around the executable schema's mutation resolvers does it (createServer applies it), so no
// resolver knows about the log and a new mutation is audited without a change.
import { defaultFieldResolver, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { sql } from '@cohort/plugin-sdk';
import { prisma, queryIn } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { getDatamodel } from '../generated/pothos-prisma-types.js';
import type { RequestContext } from '../server/request-context.js';
import { decodeGlobalId } from '../schema/global-ids.js';
import { ERROR_CODES } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { REDACTED } from './erase.js';

/** A document larger than this is stored as its size only. */
export const AUDIT_DOCUMENT_MAX_BYTES = 64 * 1024;
/** Objects named in one input that are read before and after it: a bulk write names its items by value, not by ID. */
const MAX_SUBJECTS = 20;
/** Names of fields whose values are never stored: keys, secrets, tokens, their hashes. */
const SECRET_FIELD = /^key$|secret|token|password|hash/i;

/** Request errors that mean the mutation did not run: nothing to record. */
const REFUSED_BEFORE_RUNNING = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED']);

type Args = Record<string, unknown>;
/** An object the input names: a row of a model, found by its id or a unique field. */
export interface Subject {
  model: string;
  where: Record<string, string>;
}

/** Models whose rows are API nodes (a string `id`): what a global ID in an input can name. */
const NODE_MODELS = new Set(
  Object.entries(getDatamodel().datamodel.models)
    .filter(([, model]) => model.fields.some((field) => field.name === 'id' && field.isId && field.type === 'String'))
    .map(([name]) => name),
);

/** Mutations that write by a natural key rather than a global ID: the object they name is found by it. */
const NATURAL_KEYS: Record<string, (input: Args) => Subject | null> = {
  upsertCustomer: (input) => (typeof input.externalId === 'string' ? { model: 'Customer', where: { externalId: input.externalId } } : null),
  upsertOrder: (input) => (typeof input.externalId === 'string' ? { model: 'Order', where: { externalId: input.externalId } } : null),
  upsertProduct: (input) => (typeof input.sku === 'string' ? { model: 'Product', where: { sku: input.sku } } : null),
};

/**
 * Mutations whose entry must not keep what they remove: an erasure is logged with the erased
 * customer's global ID alone (the identifier customer.erased carries), without snapshots.
 */
const PRIVATE: Record<string, (result: unknown) => Args> = {
  eraseCustomer: (result) => ({ customer: { id: (result as { erasedId?: string }).erasedId ?? null } }),
};

/** Wraps every mutation of `schema` so that an admin caller's writes are recorded; returns the same schema. */
export function auditAdminWrites(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
    const operation = field.name;
    field.resolve = async (root, args: Args, context: RequestContext, info) => {
      const caller = context.caller;
      if (!caller?.scopes.includes('ADMIN')) return resolve(root, args, context, info);
      const privately = PRIVATE[operation];
      const subjects = privately ? [] : subjectsOf(operation, args);
      const before = await snapshots(subjects);
      const at = context.clock.now();
      // After the write: a failure to record is logged, and never turns the write's answer into another.
      const record = async (outcome: string, result: unknown) => {
        try {
          await recordAuditEntry({ at, caller, operation, outcome, args, subjects, before, result });
        } catch (error) {
          logger.error(`Could not record ${operation} in the audit log`, error);
        }
      };
      let result: unknown;
      try {
        result = await resolve(root, args, context, info);
      } catch (error) {
        const code = error instanceof GraphQLError ? String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR') : 'INTERNAL_SERVER_ERROR';
        // Input refused before anything ran is no write, and a refusal costs no statement (trust/limits.test.ts).
        if (!REFUSED_BEFORE_RUNNING.has(code)) await record(code, null);
        throw error;
      }
      await record(typedErrorCode(result) ?? 'SUCCESS', result);
      return result;
    };
  }
  return schema;
}

export interface AuditedWrite {
  at: Date;
  caller: { keyId: string; name: string; session?: { id: string } | null };
  operation: string;
  outcome: string;
  args: Args;
  /** What the input named, and those objects as they were before the write (`snapshots`). */
  subjects: Subject[];
  before: Record<string, unknown> | null;
  result: unknown;
}

/**
 * Stores one entry. An erasure's entry never keeps its input, whatever the outcome: the
 * successful one names the erased customer's global ID alone, a failed one nothing.
 *
 * A write that ran while its customer was being erased (upsertCustomer of the same person, say)
 * took its snapshots before the erasure committed, and the erasure cleaned the log without this
 * entry: so the customers the entry holds are locked (FOR SHARE, in the transaction that
 * inserts it) and checked. An erasure holds its customer's row FOR UPDATE until it commits,
 * so either it has committed and the row is gone from under its id (the entry then keeps no
 * input and no snapshots), or it waits for this insert and then redacts the entry itself.
 */
export async function recordAuditEntry(write: AuditedWrite): Promise<void> {
  const { at, caller, operation, outcome, args, subjects, before, result } = write;
  const privately = PRIVATE[operation];
  const succeeded = outcome === 'SUCCESS';
  const after = privately ? (succeeded ? result : null) : subjects.length > 0 ? await snapshots(subjects) : succeeded ? result : null;
  const input = privately ? (succeeded ? privately(result) : null) : args;
  const customers = [...customerIdsIn(before), ...customerIdsIn(after)];
  await prisma.$transaction(async (tx) => {
    // An erasure moves the row to a new id: an id no longer there is an erased customer's (no
    // customer is deleted otherwise). A placeholder already in a snapshot (an erased person's
    // kept order) is still under its id, and holds nothing personal.
    let erased = false;
    if (customers.length > 0) {
      const present = await queryIn(tx)<{ id: string }>(sql`SELECT id FROM "Customer" WHERE id = ANY(${[...new Set(customers)]}::text[]) FOR SHARE`);
      erased = present.length < new Set(customers).size;
    }
    await tx.auditEntry.create({
      data: {
        at,
        apiKeyId: caller.keyId,
        apiKeyName: caller.name,
        sessionId: caller.session?.id ?? null,
        operation,
        outcome,
        input: erased ? { redacted: REDACTED } : document(input),
        before: erased ? undefined : document(before),
        after: erased ? undefined : document(after),
      },
    });
  });
}

/** The customers a snapshot holds: the Customer rows, and the customer of any row that has one (an order, an address). */
function customerIdsIn(snapshot: unknown): string[] {
  if (typeof snapshot !== 'object' || snapshot === null) return [];
  const ids: string[] = [];
  for (const [key, row] of Object.entries(snapshot)) {
    if (typeof row !== 'object' || row === null) continue;
    const { id, customerId } = row as { id?: unknown; customerId?: unknown };
    if (typeof customerId === 'string') ids.push(customerId);
    if (typeof id === 'string' && key === encodeGlobalID('Customer', id)) ids.push(id);
  }
  return ids;
}

/** An expected failure comes back as the error its union shows, wrapped by the errors plugin (a proxy: not `instanceof` its class). */
function typedErrorCode(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const { code, message } = result as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code in ERROR_CODES && typeof message === 'string' ? code : null;
}

/** The objects an input names: by global ID anywhere in it, or by the mutation's natural key. */
function subjectsOf(operation: string, args: Args): Subject[] {
  const found = new Map<string, Subject>();
  const natural = typeof args.input === 'object' && args.input !== null ? NATURAL_KEYS[operation]?.(args.input as Args) : null;
  if (natural) found.set(JSON.stringify(natural), natural);
  const visit = (value: unknown, depth: number) => {
    if (found.size >= MAX_SUBJECTS || depth > 4) return;
    if (typeof value === 'string') {
      const subject = globalIdSubject(value);
      if (subject) found.set(JSON.stringify(subject), subject);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, depth + 1));
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => visit(item, depth + 1));
  };
  visit(args, 0);
  return [...found.values()].slice(0, MAX_SUBJECTS);
}

function globalIdSubject(value: string): Subject | null {
  try {
    const { typename, id } = decodeGlobalId(value);
    return NODE_MODELS.has(typename) && id ? { model: typename, where: { id } } : null;
  } catch {
    return null;
  }
}

type Delegate = { findFirst(args: { where: Record<string, string> }): Promise<unknown> };

/** The subjects as stored now, keyed by their global ID (or by model and key), null for one that does not exist. */
export async function snapshots(subjects: Subject[]): Promise<Record<string, unknown> | null> {
  if (subjects.length === 0) return null;
  const rows: Record<string, unknown> = {};
  for (const subject of subjects) {
    const delegate = (prisma as unknown as Record<string, Delegate>)[subject.model.charAt(0).toLowerCase() + subject.model.slice(1)];
    const row = delegate ? ((await delegate.findFirst({ where: subject.where })) as { id?: unknown } | null) : null;
    // Keyed by global ID: a natural key (an external ID) is not repeated outside the row, so erasing its customer finds it.
    const id = typeof row?.id === 'string' ? row.id : subject.where.id;
    rows[id ? encodeGlobalID(subject.model, id) : `${subject.model} (none yet)`] = row;
  }
  return rows;
}

/** JSON for the log (undefined: SQL NULL): secrets redacted, big integers as text, and a document too large kept as its size. */
function document(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  let text: string;
  try {
    text = JSON.stringify(value, (key, item: unknown) =>
      key !== '' && SECRET_FIELD.test(key) ? '[redacted]' : typeof item === 'bigint' ? item.toString() : item,
    );
  } catch {
    return { unrecorded: 'not representable as JSON' };
  }
  if (text === undefined) return undefined;
  const bytes = Buffer.byteLength(text);
  return bytes > AUDIT_DOCUMENT_MAX_BYTES
    ? { unrecorded: `${bytes} bytes, more than the ${AUDIT_DOCUMENT_MAX_BYTES} kept` }
    : (JSON.parse(text) as Prisma.InputJsonValue);
}
