// Headers a resolver adds to its request's HTTP response (a session's Set-Cookie): the
// context hands each request a Headers object of its own, and this plugin copies it onto the
// response when Yoga sends it.
import type { Plugin } from 'graphql-yoga';

export function responseHeaders() {
  const byRequest = new WeakMap<Request, Headers>();
  const plugin: Plugin = {
    onResponse({ request, response }) {
      const headers = byRequest.get(request);
      headers?.forEach((value, name) => response.headers.append(name, value));
    },
  };
  return {
    plugin,
    /** The headers to add to this request's response. */
    of(request: Request): Headers {
      let headers = byRequest.get(request);
      if (!headers) {
        headers = new Headers();
        byRequest.set(request, headers);
      }
      return headers;
    },
  };
}
