// Talks to Cohort's public GraphQL API, as any client does: POST /graphql with the session
// cookie (set by signIn, HttpOnly: this code never sees it) and the console's header, which
// the server requires beside the cookie (against cross-site requests).
import type { TypedDocumentString } from '../gql/graphql';

export const CONSOLE_HEADERS = { 'x-cohort-console': '1' } as const;

export interface GraphQLIssue {
  path: string;
  message: string;
}

/** A GraphQL error response: its code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT…) and, for bad input, the fields at fault. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly issues: GraphQLIssue[] = [],
  ) {
    super(message);
  }
}

/** Called when the session has ended (expired, signed out elsewhere, key revoked): the app shows the sign-in page. */
let onSignedOut: () => void = () => undefined;
export const whenSignedOut = (listener: () => void) => {
  onSignedOut = listener;
};

export async function request<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  ...[variables]: Record<string, never> extends Variables ? [Variables?] : [Variables]
): Promise<Result> {
  return requestText<Result>(document.toString(), variables as Record<string, unknown> | undefined);
}

/** For documents the code generator does not type (introspection). */
export async function requestText<Result>(query: string, variables?: Record<string, unknown>): Promise<Result> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...CONSOLE_HEADERS },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => null)) as {
    data?: Result;
    errors?: { message: string; extensions?: { code?: string; issues?: GraphQLIssue[] } }[];
  } | null;
  const error = body?.errors?.[0];
  if (error) {
    if (error.extensions?.code === 'UNAUTHENTICATED') onSignedOut();
    throw new ApiError(error.message, error.extensions?.code, error.extensions?.issues ?? []);
  }
  if (!body?.data) throw new ApiError(`The server answered ${response.status}`, undefined);
  return body.data;
}

/** A mutation's typed result: its data, or its expected failure (`... on Error`) as an exception to show. */
export function succeeded<Data>(result: { __typename?: string; data?: Data; message?: string; path?: string[] }): Data {
  if (result.data !== undefined) return result.data;
  const message = result.message ?? 'The change was refused';
  throw new ApiError(message, result.__typename, result.path ? [{ path: result.path.join('.'), message }] : []);
}

/** Downloads a file the API serves (a member export) with the session, and hands it to the browser as a download. */
export async function download(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin', headers: CONSOLE_HEADERS });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
    const error = body?.errors?.[0];
    throw new ApiError(error?.message ?? `The server answered ${response.status}`, error?.extensions?.code ?? String(response.status));
  }
  saveBlob(await response.blob(), filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
