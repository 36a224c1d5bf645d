// Who is calling: the one place a request's credential is read, for GraphQL (the request
// context) and for every plugin that needs it (rate limits, introspection, persisted
// operations, exports). A key in `Authorization: Bearer` (or `X-Api-Key`) wins; otherwise a
// console session's cookie counts, but only on a request that also carries the console's
// header (sessions.ts: against CSRF).
import { authenticate, type Caller } from './api-keys.js';
import { CONSOLE_HEADER, sessionCaller, sessionToken } from './sessions.js';
import type { Clock } from '../shared/clock.js';

export type ResolveCaller = (request: Request) => Promise<Caller | null>;

/** Reads each request's caller once, however many plugins ask (a session is a database read). */
export function callerResolver(clock: Clock): ResolveCaller {
  const known = new WeakMap<Request, Promise<Caller | null>>();
  return (request) => {
    let caller = known.get(request);
    if (!caller) {
      caller = readCaller(request, clock);
      known.set(request, caller);
    }
    return caller;
  };
}

async function readCaller(request: Request, clock: Clock): Promise<Caller | null> {
  const key = request.headers.get('authorization') ?? request.headers.get('x-api-key');
  if (key) return authenticate(key);
  const token = sessionToken(request.headers.get('cookie'));
  if (token === null || request.headers.get(CONSOLE_HEADER) !== '1') return null;
  return sessionCaller(token, clock.now());
}

/** Admins and analysts read everything, customer data included. */
export const readsAdminData = (caller: Caller | null) => caller !== null && (caller.scopes.includes('ADMIN') || caller.scopes.includes('ANALYST'));

/** Who may run mutations: every key but a read-only one (ANALYST alone). */
export const mayChangeData = (caller: Caller | null) => caller !== null && (caller.scopes.includes('ADMIN') || caller.scopes.includes('STOREFRONT'));
