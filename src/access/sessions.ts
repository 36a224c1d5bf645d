// Console sessions: a browser signs in once with an API key and then holds an HttpOnly,
// SameSite=Strict cookie instead of the key, so the key never sits in the page's storage.
// Only the SHA-256 of the cookie's token is stored, with its expiry; the key's scopes are read
// on every request, so revoking the key ends its sessions at once.
import { createHash, randomBytes } from 'node:crypto';
import { prisma } from '../db/client.js';
import type { Caller } from './api-keys.js';

export const SESSION_COOKIE = 'cohort_session';
/**
 * A request authenticated by the cookie must also carry this header (value "1"). A browser sends
 * a custom header only from a script of the page's own origin (anything else needs a CORS
 * preflight, which Cohort refuses), so a page elsewhere cannot ride on the cookie (CSRF).
 */
export const CONSOLE_HEADER = 'x-cohort-console';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session for the key, ending `ttlMs` from `now`; sessions that have expired are deleted on the way. */
export async function createSession(apiKeyId: string, now: Date, ttlMs: number): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  const [, session] = await prisma.$transaction([
    prisma.consoleSession.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.consoleSession.create({ data: { tokenHash: hashToken(token), apiKeyId, expiresAt } }),
  ]);
  return { id: session.id, token, expiresAt };
}

/** The caller a session token stands for: its key, if the session has not expired and the key is not revoked. */
export async function sessionCaller(token: string, now: Date): Promise<Caller | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const session = await prisma.consoleSession.findUnique({ where: { tokenHash: hashToken(token) }, include: { apiKey: true } });
  if (!session || session.expiresAt <= now || session.apiKey.revokedAt !== null) return null;
  return { keyId: session.apiKey.id, name: session.apiKey.name, scopes: session.apiKey.scopes, session: { id: session.id, expiresAt: session.expiresAt } };
}

export async function endSession(sessionId: string): Promise<void> {
  await prisma.consoleSession.deleteMany({ where: { id: sessionId } });
}

/** The session token in a Cookie header, if any. */
export function sessionToken(cookieHeader: string | null): string | null {
  for (const part of cookieHeader?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return null;
}

/**
 * The Set-Cookie value that stores a session (or, with `token` null, removes it): HttpOnly (no
 * script reads it), SameSite=Strict (never sent from another site), for the whole origin, and
 * Secure when the request came over HTTPS.
 */
export function sessionCookie(token: string | null, expiresAt: Date | null, secure: boolean): string {
  const lifetime = token && expiresAt ? `Expires=${expiresAt.toUTCString()}` : 'Max-Age=0';
  return [`${SESSION_COOKIE}=${token ?? ''}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', lifetime, ...(secure ? ['Secure'] : [])].join('; ');
}
