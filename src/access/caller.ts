// Who is calling: the one place that reads a request's credentials, for every purpose (the
// request context, rate limits, the introspection and persisted-operations guards, exports).
// A key travels as `Authorization: Bearer <key>` or as `x-api-key: <key>`; both mean the same
// everywhere. Without a key, a console session's cookie counts, but only on a request that also
// carries the console's header (sessions.ts: against CSRF). The caller is looked up once per
// request and shared by everything that asks. A failure to read the key's record is thrown,
// never taken for "no caller".
import { authenticate, type Caller } from './api-keys.js';
import { CONSOLE_HEADER, sessionCaller, sessionToken } from './sessions.js';
import type { GraphQLError } from 'graphql';
import { systemClock, type Clock } from '../shared/clock.js';
import { requestError } from '../shared/error-codes.js';

/** The key a request presents, or null: `Authorization: Bearer <key>` first, else `x-api-key`. */
export function presentedKey(request: Request): string | null {
  const bearer = request.headers
    .get('authorization')
    ?.replace(/^Bearer\s+/i, '')
    .trim();
  if (bearer) return bearer;
  return request.headers.get('x-api-key')?.trim() || null;
}

/** The console session a request presents: its cookie's token, sent with the console's header; else null. */
function presentedSession(request: Request): string | null {
  if (request.headers.get(CONSOLE_HEADER) !== '1') return null;
  return sessionToken(request.headers.get('cookie'));
}

/** Whether the request presents a credential at all (a wrong one included): a key, or a console session. */
export const presentsCredential = (request: Request): boolean => presentedKey(request) !== null || presentedSession(request) !== null;

const callers = new WeakMap<Request, Promise<Caller | null>>();

/**
 * The request's caller (null: no valid credential), looked up once per request. `clock` says
 * whether a session has expired: the server's own, passed by the first to ask (server/yoga.ts).
 */
export function callerOf(request: Request, clock: Clock = systemClock): Promise<Caller | null> {
  let caller = callers.get(request);
  if (!caller) {
    const key = presentedKey(request);
    const session = key === null ? presentedSession(request) : null;
    caller = key !== null ? authenticate(key, clock.now()) : session !== null ? sessionCaller(session, clock.now()) : Promise.resolve(null);
    callers.set(request, caller);
  }
  return caller;
}

/** Admins and analysts read everything, customer data included. */
export const readsAdminData = (caller: Caller | null): boolean => caller !== null && (caller.scopes.includes('ADMIN') || caller.scopes.includes('ANALYST'));

/** Who may run mutations: every key but a read-only one (ANALYST alone). */
export const mayChangeData = (caller: Caller | null): boolean => caller !== null && (caller.scopes.includes('ADMIN') || caller.scopes.includes('STOREFRONT'));

/** The scopes a caller holds, as fields and types name them in `authScopes` (schema/builder.ts). */
export function scopesOf(caller: Caller | null): { admin: boolean; storefront: boolean; changes: boolean } {
  return {
    // Admin data is read by admin and analyst keys; only admins change it (`changes`, below).
    admin: readsAdminData(caller),
    // An admin key may do anything a storefront key may.
    storefront: caller !== null,
    // Every mutation requires it (server/schema.ts: on the Mutation type), so a read-only key is refused every one of them in one place.
    changes: mayChangeData(caller),
  };
}

/** Why a caller is refused a field its scopes do not allow: no key, a read-only key, or a key without the scope. */
export function refusal(caller: Caller | null): GraphQLError {
  if (!caller) return requestError('UNAUTHENTICATED', 'An API key is required: send it as "Authorization: Bearer <key>" (or x-api-key)');
  if (!mayChangeData(caller)) return requestError('FORBIDDEN', 'This API key is read-only (ANALYST): it reads what an admin reads and changes nothing');
  return requestError('FORBIDDEN', 'This API key does not have the scope this field requires');
}
