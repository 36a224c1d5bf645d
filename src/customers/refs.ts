// Customer references in inputs (a global ID or the shop's own identifier), resolved to
// Cohort's customer ids in as few queries as possible. An erased customer's placeholder is
// nobody's: it is never found.
import { decodeGlobalId } from '../schema/global-ids.js';
import { query } from '../db/client.js';
import { sql } from '@cohort/plugin-sdk';
import { InvalidInputError, NotFoundError } from '../shared/errors.js';

export type CustomerRef = { id?: string | null; externalId?: string | null };

/** Decodes a Customer global ID, or fails naming the input field. */
export function customerIdFromGlobalId(globalId: string, path: string[]): string {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalId(globalId);
  } catch {
    decoded = null;
  }
  if (!decoded || decoded.typename !== 'Customer' || !decoded.id) {
    throw new InvalidInputError(`"${globalId}" is not a Customer ID`, path);
  }
  return decoded.id;
}

/** Resolves a customer reference to Cohort's customer id, or throws NotFoundError naming the input field. */
export async function resolveCustomerRef(ref: CustomerRef, path: string[]): Promise<string> {
  const [id] = await resolveCustomerRefs([ref], [path]);
  return id as string;
}

/** Resolves many references in at most two queries; errors name the first missing one's input field. */
export async function resolveCustomerRefs(refs: CustomerRef[], paths: string[][]): Promise<string[]> {
  const internalIds = refs.map((ref, index) => (ref.id ? customerIdFromGlobalId(ref.id, [...(paths[index] as string[]), 'id']) : null));
  const externalIds = refs.map((ref) => (ref.id ? null : (ref.externalId ?? '')));
  const wantedIds = internalIds.filter((id): id is string => id !== null);
  const wantedExternalIds = externalIds.filter((id): id is string => id !== null);
  const [byId, byExternalId] = await Promise.all([
    wantedIds.length > 0 ? query<{ id: string }>(sql`SELECT id FROM "Customer" WHERE id = ANY(${wantedIds}::text[]) AND "erasedAt" IS NULL`) : [],
    wantedExternalIds.length > 0
      ? query<{ id: string; externalId: string }>(
          sql`SELECT id, "externalId" FROM "Customer" WHERE "externalId" = ANY(${wantedExternalIds}::text[]) AND "erasedAt" IS NULL`,
        )
      : [],
  ]);
  const knownIds = new Set(byId.map((customer) => customer.id));
  const idsByExternalId = new Map(byExternalId.map((customer) => [customer.externalId, customer.id]));
  return refs.map((ref, index) => {
    const path = paths[index] as string[];
    const internalId = internalIds[index];
    if (internalId) {
      if (!knownIds.has(internalId)) throw new NotFoundError('Customer', ref.id as string, [...path, 'id']);
      return internalId;
    }
    const found = idsByExternalId.get(externalIds[index] as string);
    if (!found) throw new NotFoundError('Customer', externalIds[index] as string, [...path, 'externalId']);
    return found;
  });
}
