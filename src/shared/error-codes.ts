// Every code a request can fail with, in one place: the errors in a response's `errors` list
// (`extensions.code`), with the HTTP status each answers with and what a client should do.
// Typed failures inside `data` (the `Error` interface's `code`) are ERROR_CODES in errors.ts.
// Code builds these errors with `requestError`, never with a code written elsewhere, and
// docs/api.md lists every one (test/docs/error-codes.test.ts keeps the three in agreement).
import { GraphQLError } from 'graphql';

interface CodeInfo {
  /** The HTTP status of a response whose first error has this code (200: the response's `data` may hold the rest). */
  status: number;
  /** When it happens. */
  when: string;
  /** What a client should do. */
  then: string;
}

export const REQUEST_ERROR_CODES = {
  BAD_USER_INPUT: {
    status: 200,
    when: 'An argument or input field does not fit: `extensions.issues` lists each, with its `path` and the reason.',
    then: 'Fix the input; do not retry as it is.',
  },
  GRAPHQL_PARSE_FAILED: { status: 400, when: 'The document is not GraphQL.', then: 'Fix the document.' },
  GRAPHQL_VALIDATION_FAILED: {
    status: 400,
    when: 'The document does not fit the schema (an unknown field, a missing argument).',
    then: 'Fix the document; regenerate typed clients from schema.graphql.',
  },
  BAD_REQUEST: { status: 400, when: 'The HTTP request is not a GraphQL request (no query, malformed JSON, an unknown parameter).', then: 'Fix the request.' },
  UNAUTHENTICATED: {
    status: 401,
    when: 'No API key, an unknown or revoked one (also: an open subscription whose key is revoked).',
    then: 'Send a valid key as `Authorization: Bearer <key>` or `x-api-key`.',
  },
  FORBIDDEN: {
    status: 200,
    when: "The key's scope does not allow this field (a storefront key asking for customers, say).",
    then: 'Use a key with the scope (ADMIN for admin fields).',
  },
  NOT_FOUND: {
    status: 404,
    when: 'A route or stream names something that does not exist (an export of an unknown segment, a subscription to one). Mutations say so as a typed NotFoundError instead.',
    then: 'Check the ID.',
  },
  METHOD_NOT_ALLOWED: { status: 405, when: 'A download route was called with another method than GET.', then: 'Use GET.' },
  PERSISTED_QUERY_NOT_FOUND: {
    status: 400,
    when: 'A documentId (or persisted-query hash) that the manifest does not list.',
    then: 'Deploy the manifest with the storefront, or send a listed id.',
  },
  PERSISTED_QUERY_ID_REQUIRED: { status: 400, when: 'Neither a query nor a documentId was sent.', then: 'Send one.' },
  PERSISTED_QUERY_ONLY: {
    status: 400,
    when: 'COHORT_PERSISTED_ONLY holds this caller to the manifest, and it sent a query text.',
    then: "Send the operation's documentId.",
  },
  QUERY_TOO_COMPLEX: {
    status: 400,
    when: 'The operation goes over a request limit (cost, depth, aliases, tokens…): `extensions.limit` names it, `extensions.max` its value.',
    then: 'Ask for less at once (smaller pages, fewer aliases), or split the operation.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    when: 'The request body is larger than COHORT_LIMIT_MAX_BODY_BYTES.',
    then: 'Send less at once (bulk writes take at most 1000 items per call).',
  },
  RATE_LIMITED: {
    status: 429,
    when: "Over the key's (or the address's) requests per minute.",
    then: 'Retry after `extensions.retryAfterSeconds` (also in the Retry-After header).',
  },
  BUSY: {
    status: 503,
    when: 'The database is contended (no connection free in time, a lock wait, a deadlock lost).',
    then: 'Retry after `extensions.retryAfterSeconds`, with the same input (redeem with the same orderRef records once).',
  },
  UNAVAILABLE: {
    status: 503,
    when: 'The database cannot be reached, or is restarting.',
    then: 'Retry after `extensions.retryAfterSeconds`, with the same input.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    when: 'A failure of Cohort itself; the message is masked, the cause logged with the request id (`x-request-id`).',
    then: 'Retrying may help; report it with the request id.',
  },
} as const satisfies Record<string, CodeInfo>;

export type RequestErrorCode = keyof typeof REQUEST_ERROR_CODES;

/**
 * A request error with its code and the HTTP status the code answers with; `extensions` adds
 * details (issues, limits, retryAfterSeconds), `headers` response headers (Retry-After).
 */
export function requestError(
  code: RequestErrorCode,
  message: string,
  options: { extensions?: Record<string, unknown>; headers?: Record<string, string>; status?: number; at?: GraphQLError } = {},
): GraphQLError {
  const { at } = options;
  return new GraphQLError(message, {
    extensions: requestErrorExtensions(code, options),
    ...(at ? { nodes: at.nodes, source: at.source, positions: at.positions, path: at.path } : {}),
  });
}

/** The `extensions` of such an error, for libraries that take them as an object (persisted operations). */
export function requestErrorExtensions(
  code: RequestErrorCode,
  options: { extensions?: Record<string, unknown>; headers?: Record<string, string>; status?: number } = {},
): Record<string, unknown> {
  const status = options.status ?? REQUEST_ERROR_CODES[code].status;
  const http = status === 200 && !options.headers ? undefined : { status, ...(options.headers ? { headers: options.headers } : {}) };
  return { code, ...options.extensions, ...(http ? { http } : {}) };
}
