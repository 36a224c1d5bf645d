// API keys in the database, in plain SQL over any `query` function, so that the server and the
// `npm run keys` command share one definition of a key without the command carrying the
// server's weight (it starts in well under a second). A key is `cohort_<prefix>_<secret>`: the
// prefix finds it, only the SHA-256 of the secret is stored (keys are random 256-bit secrets,
// so a fast hash is the right tool; slow password hashes protect guessable secrets).
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Query } from '@cohort/plugin-sdk';
import { v7 as uuidv7 } from 'uuid';

export const KEY_PATTERN = /^cohort_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export type KeyScope = 'ADMIN' | 'ANALYST' | 'STOREFRONT';
export const KEY_SCOPES: readonly KeyScope[] = ['ADMIN', 'ANALYST', 'STOREFRONT'];

export interface StoredKey {
  id: string;
  name: string;
  prefix: string;
  scopes: KeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const COLUMNS = sql`id, name, prefix, to_json(scopes) AS scopes, "createdAt", "lastUsedAt", "revokedAt"`;

/** Creates a key; `secret` is the full key, shown once and never stored. */
export async function insertKey(query: Query, name: string, scopes: readonly KeyScope[]): Promise<{ key: StoredKey; secret: string }> {
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  const [key] = await query<StoredKey>(sql`
    INSERT INTO "ApiKey" (id, name, prefix, "secretHash", scopes, "createdAt")
    VALUES (${uuidv7()}, ${name}, ${prefix}, ${hashSecret(secret)}, ${[...new Set(scopes)]}::text[]::"ApiKeyScope"[], ${new Date().toISOString()}::timestamp)
    RETURNING ${COLUMNS}`);
  return { key: key as StoredKey, secret: `cohort_${prefix}_${secret}` };
}

/** Every key, the oldest first. */
export function listKeys(query: Query): Promise<StoredKey[]> {
  return query<StoredKey>(sql`SELECT ${COLUMNS} FROM "ApiKey" ORDER BY "createdAt", id`);
}

/** Revokes a key by its id or its public prefix (revoking twice keeps the first time); null when there is no such key. */
export async function revokeKey(query: Query, idOrPrefix: string): Promise<StoredKey | null> {
  const [key] = await query<StoredKey>(sql`
    UPDATE "ApiKey" SET "revokedAt" = COALESCE("revokedAt", ${new Date().toISOString()}::timestamp) WHERE id = ${idOrPrefix} OR prefix = ${idOrPrefix}
    RETURNING ${COLUMNS}`);
  return key ?? null;
}
