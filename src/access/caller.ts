// Who is calling: the one place that reads a request's credentials, for every purpose (the
// request context, rate limits, the introspection and persisted-operations guards, exports).
// A key travels as `Authorization: Bearer <key>` or as `x-api-key: <key>`; both mean the same
// everywhere. The caller is looked up once per request and shared by everything that asks.
// A failure to read the key's record is thrown, never taken for "no caller".
import { authenticate, type Caller } from './api-keys.js';

/** The key a request presents, or null: `Authorization: Bearer <key>` first, else `x-api-key`. */
export function presentedKey(request: Request): string | null {
  const bearer = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '').trim();
  if (bearer) return bearer;
  return request.headers.get('x-api-key')?.trim() || null;
}

/** Whether the request presents a key at all (a wrong one included). */
export const presentsKey = (request: Request): boolean => presentedKey(request) !== null;

const callers = new WeakMap<Request, Promise<Caller | null>>();

/** The request's caller (null: no valid key), looked up once per request. */
export function callerOf(request: Request): Promise<Caller | null> {
  let caller = callers.get(request);
  if (!caller) {
    caller = authenticate(presentedKey(request));
    callers.set(request, caller);
  }
  return caller;
}

export const isAdmin = (caller: Caller | null): boolean => caller?.scopes.includes('ADMIN') ?? false;
