// API keys in the server: creation and revocation (through key-store.ts, which the CLI shares)
// and authentication, with a cache so the storefront's hot path does not read the database on
// each request. A key is shown once, at creation; only the SHA-256 of its secret is stored.
import { timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { prisma, query } from '../db/client.js';
import type { ApiKey, ApiKeyScope } from '../generated/prisma/client.js';
import { changeBus } from '../shared/change-bus.js';
import { NotFoundError } from '../shared/errors.js';
import { hashSecret, insertKey, KEY_PATTERN, revokeKey } from './key-store.js';

export interface Caller {
  keyId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** Set when the caller came through a console session's cookie rather than the key itself. */
  session?: { id: string; expiresAt: Date };
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full key. It is not stored and cannot be shown again. */
  secret: string;
}

/**
 * Keys checked recently, so the storefront's hot path does not hit the database on each
 * request: valid ones for 10 s, wrong ones for 1 s (enough to absorb a client retrying a bad
 * key, too short to keep guesses), judged by the caller's clock (the server's: a test on a fixed
 * clock authenticates exactly as often as it expects). A revocation is heard at once besides (the
 * runtime forgets every key on the change bus's "apiKeys" topic); the TTL is the second net.
 * Bounded (least recently used out first), so random keys cannot grow it without end.
 * lru-cache rather than a Map: the bound and its order are not our domain.
 */
export const API_KEY_CACHE = { max: 10_000, validMs: 10_000, invalidMs: 1_000 } as const;
const cache = new LRUCache<string, { caller: Caller | null; checkedAt: number }>({ max: API_KEY_CACHE.max });

/** Moves on every forget: a check that read the database before a forget must not be remembered after it. */
let generation = 0;

/** Forgets every key checked so far: keys were created, revoked or changed, here or elsewhere (the runtime calls it on every "apiKeys" change). */
export function forgetApiKeys(): void {
  generation += 1;
  cache.clear();
}

/** The current state of some keys, read now (not from the cache): who still holds which scopes. */
export async function currentKeys(ids: string[]): Promise<Map<string, { scopes: ApiKeyScope[]; revoked: boolean }>> {
  const rows = await prisma.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, scopes: true, revokedAt: true } });
  return new Map(rows.map((row) => [row.id, { scopes: row.scopes, revoked: row.revokedAt !== null }]));
}

/** How many keys are remembered now (for tests). */
export const rememberedKeyCount = () => cache.size;

export async function createApiKey(name: string, scopes: ApiKeyScope[]): Promise<CreatedApiKey> {
  const { key, secret } = await insertKey(query, name, scopes);
  await changeBus().announce('apiKeys', null);
  return { apiKey: await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } }), secret };
}

/** Revokes a key by its id or its public prefix. Revoking twice is harmless. */
export async function revokeApiKey(idOrPrefix: string): Promise<ApiKey> {
  const revoked = await revokeKey(query, idOrPrefix);
  if (!revoked) throw new NotFoundError('ApiKey', idOrPrefix);
  await changeBus().announce('apiKeys', null);
  return prisma.apiKey.findUniqueOrThrow({ where: { id: revoked.id } });
}

/** Whether a check made at `checkedAt` still holds at `now` (a clock set back checks again). */
function fresh(entry: { caller: Caller | null; checkedAt: number }, now: number): boolean {
  const age = now - entry.checkedAt;
  return age >= 0 && age < (entry.caller ? API_KEY_CACHE.validMs : API_KEY_CACHE.invalidMs);
}

/** Resolves an `Authorization: Bearer <key>` header (or a bare key) to its caller, or null, as of `now` (the server's clock). */
export async function authenticate(header: string | null | undefined, now: Date): Promise<Caller | null> {
  const key = header?.replace(/^Bearer\s+/i, '').trim();
  if (!key) return null;
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const at = now.getTime();
  const cached = cache.get(key);
  if (cached && fresh(cached, at)) return cached.caller;

  const [, prefix, secret] = match as unknown as [string, string, string];
  const readAt = generation;
  const record = await prisma.apiKey.findUnique({ where: { prefix } });
  const expected = record ? Buffer.from(record.secretHash, 'hex') : Buffer.alloc(32);
  const valid = timingSafeEqual(expected, Buffer.from(hashSecret(secret), 'hex')) && record !== null && record.revokedAt === null;
  const caller = valid ? { keyId: record.id, name: record.name, scopes: record.scopes } : null;
  if (generation === readAt) cache.set(key, { caller, checkedAt: at });
  if (caller) {
    // Recorded for key hygiene ("unused for 90 days"); at most once per cache period, and never awaited.
    prisma.apiKey.update({ where: { id: caller.keyId }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return caller;
}

/** Creates one admin and one storefront key when the database has no key at all. */
export async function bootstrapKeys(): Promise<CreatedApiKey[]> {
  if ((await prisma.apiKey.count()) > 0) return [];
  return [await createApiKey('Initial admin key', ['ADMIN']), await createApiKey('Initial storefront key', ['STOREFRONT'])];
}
