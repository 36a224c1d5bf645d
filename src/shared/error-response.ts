// A failure answered outside GraphQL execution (a plugin, a download route) in the shape every
// failure of the API has: `{ "errors": [{ "message", "extensions": { "code", … } }] }`, with the
// status and headers that the errors' `extensions.http` ask for (as Yoga answers them).
import type { GraphQLError } from 'graphql';

/** The body of such a failure (also a line of a streamed answer, as in an import's progress). */
export const errorBody = (...errors: GraphQLError[]) => ({
  errors: errors.map((error) => ({
    message: error.message,
    extensions: Object.fromEntries(Object.entries(error.extensions).filter(([name]) => name !== 'http')),
  })),
});

export function errorResponse(fetchAPI: { Response: typeof Response }, ...errors: GraphQLError[]): Response {
  const http = (errors[0]?.extensions.http ?? {}) as { status?: number; headers?: Record<string, string> };
  const body = errorBody(...errors);
  return new fetchAPI.Response(JSON.stringify(body), {
    status: http.status ?? 500,
    headers: { 'content-type': 'application/json; charset=utf-8', ...(http.headers ?? {}) },
  });
}
