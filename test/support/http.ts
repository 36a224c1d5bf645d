// Talking to Cohort as a client does: GraphQL over HTTP (yoga.fetch, no port) with a key.
import { expect } from 'vitest';
import { createApiKey } from '../../src/access/api-keys.js';
import type { LivePromotions } from '../../src/checkout/live-promotions.js';
import type { PluginRegistry } from '../../src/registry/registry.js';
import { createServer, type ServerOptions } from '../../src/server/yoga.js';
import { registry } from './registry.js';

export interface GraphQLResponse<Data = any> {
  data?: Data;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestClient {
  /** Sends a GraphQL request as the given caller ("admin", "storefront" or none). */
  request<Data = any>(
    query: string,
    variables?: Record<string, unknown>,
    as?: 'admin' | 'storefront' | 'anonymous' | { key: string },
  ): Promise<GraphQLResponse<Data>>;
  keys: { admin: string; storefront: string };
  /** The server's live promotions (tests set how long they are kept). */
  promotions: LivePromotions;
  /**
   * Sends a request that must succeed: no request error and no typed error (`…Error` union
   * member) anywhere in the answer; answers its data.
   */
  ok<Data = any>(query: string, variables?: Record<string, unknown>, as?: 'admin' | 'storefront' | 'anonymous' | { key: string }): Promise<Data>;
  status(query: string, as?: 'admin' | 'storefront' | 'anonymous' | { key: string }): Promise<number>;
  /** Opens a subscription over server-sent events; `next()` waits for the next result, `close()` ends it. */
  subscribe<Data = any>(
    query: string,
    variables?: Record<string, unknown>,
    as?: 'admin' | 'storefront' | 'anonymous' | { key: string },
  ): Promise<Subscription<Data>>;
}

export interface Subscription<Data = any> {
  status: number;
  next(timeoutMs?: number): Promise<GraphQLResponse<Data>>;
  close(): Promise<void>;
}

/** A server (the built-in plugins unless `registry` says otherwise) and a client with an admin and a storefront key. */
export async function createTestClient(options: Partial<ServerOptions> & { registry?: PluginRegistry } = {}): Promise<TestClient> {
  const yoga = createServer({ registry, ...options });
  const keys = {
    admin: (await createApiKey('test admin', ['ADMIN'])).secret,
    storefront: (await createApiKey('test storefront', ['STOREFRONT'])).secret,
  };
  const send = (query: string, variables: Record<string, unknown> | undefined, as: Parameters<TestClient['request']>[2] = 'admin') => {
    const key = typeof as === 'object' ? as.key : as === 'anonymous' ? null : keys[as];
    return yoga.fetch('http://cohort.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  };
  const request: TestClient['request'] = async (query, variables, as) => (await (await send(query, variables, as)).json()) as GraphQLResponse;
  return {
    keys,
    promotions: yoga.promotions,
    request,
    async ok(query, variables, as) {
      const result = await request(query, variables, as);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toMatch(/"__typename":"\w*Error"/);
      return result.data;
    },
    async status(query, as) {
      return (await send(query, undefined, as)).status;
    },
    async subscribe(query, variables, as = 'admin') {
      const key = typeof as === 'object' ? as.key : as === 'anonymous' ? null : keys[as];
      const abort = new AbortController();
      const response = await yoga.fetch('http://cohort.test/graphql', {
        method: 'POST',
        headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: abort.signal,
      });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      return {
        status: response.status,
        async next(timeoutMs = 5_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            // An SSE event ends with a blank line; "event: next" events carry a result in "data:".
            const end = buffer.indexOf('\n\n');
            if (end !== -1) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = event
                .split('\n')
                .filter((line) => line.startsWith('data:'))
                .map((line) => line.slice(5).trim())
                .join('');
              if (data && !event.includes('event: complete')) return JSON.parse(data) as GraphQLResponse;
              continue;
            }
            const read = await Promise.race([
              reader.read(),
              new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))),
            ]);
            if (read === null) throw new Error(`No subscription event within ${timeoutMs} ms`);
            if (read.done) throw new Error('The subscription ended');
            buffer += decoder.decode(read.value, { stream: true });
          }
        },
        async close() {
          abort.abort();
          await reader.cancel().catch(() => undefined);
        },
      };
    },
  };
}
