// Talking to Cohort as a client does: GraphQL over HTTP (yoga.fetch, no port) with a key.
import { createApiKey } from '../../src/access/api-keys.js';
import type { LivePromotions } from '../../src/eligibility/catalogue.js';
import type { PluginRegistry } from '../../src/registry/registry.js';
import { createServer, type ServerOptions } from '../../src/server/yoga.js';
import { registry } from './registry.js';

export interface GraphQLResponse<Data = any> {
  data?: Data;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestClient {
  /** Sends a GraphQL request as the given caller ("admin", "storefront" or none). */
  request<Data = any>(query: string, variables?: Record<string, unknown>, as?: 'admin' | 'storefront' | 'anonymous' | { key: string }): Promise<GraphQLResponse<Data>>;
  keys: { admin: string; storefront: string };
  /** The server's live promotions (tests set how long they are kept). */
  promotions: LivePromotions;
  status(query: string, as?: 'admin' | 'storefront' | 'anonymous' | { key: string }): Promise<number>;
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
  return {
    keys,
    promotions: yoga.promotions,
    async request(query, variables, as) {
      const response = await send(query, variables, as);
      return (await response.json()) as GraphQLResponse;
    },
    async status(query, as) {
      return (await send(query, undefined, as)).status;
    },
  };
}
