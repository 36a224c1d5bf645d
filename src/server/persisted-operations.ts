// Persisted operations: a storefront sends an operation's id instead of its text, from a
// manifest written at build time ({ "<id>": "<document>" }, the format of GraphQL Codegen's and
// Relay's persisted documents), named by COHORT_PERSISTED_OPERATIONS. The id travels as Apollo's
// `extensions.persistedQuery.sha256Hash` or as `documentId`. With COHORT_PERSISTED_ONLY=storefront
// (the allow-list mode) requests without an admin key may run only listed operations: a leaked
// storefront key cannot be used to ask anything else; `all` holds admins to the list too.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { callerOf, readsAdminData } from '../access/caller.js';
import { requestErrorExtensions } from '../shared/error-codes.js';

export interface PersistedOperations {
  /** The manifest's path; none: no persisted operations. */
  manifest: string | null;
  /** Who must use listed operations: nobody, callers without an admin key, or everyone. */
  only: 'off' | 'storefront' | 'all';
}

/** Reads and checks the manifest at start: a manifest that does not parse stops the server, naming the entry. */
export function readManifest(path: string): Map<string, string> {
  const json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`${path}: a persisted-operations manifest is a JSON object of id → document`);
  const operations = new Map<string, string>();
  for (const [id, document] of Object.entries(json)) {
    if (typeof document !== 'string') throw new Error(`${path}: the document of "${id}" is not a string`);
    try {
      parse(document);
    } catch (error) {
      throw new Error(`${path}: the document of "${id}" does not parse: ${(error as Error).message}`);
    }
    operations.set(id, document);
  }
  return operations;
}

export function persistedOperationsPlugins(settings: PersistedOperations): Plugin[] {
  if (!settings.manifest && settings.only === 'off') return [];
  const operations = settings.manifest ? readManifest(settings.manifest) : new Map<string, string>();
  return [
    // A documentId names the operation to run, for every caller: a query sent along with it is the
    // same document (clients that send both) and is dropped, so that an admin's request, let through
    // without the list, is not refused for carrying a parameter the list's plugin would have taken.
    {
      onParams({ params, setParams }) {
        const { documentId, query, ...rest } = params as typeof params & { documentId?: unknown };
        if (typeof documentId === 'string' && query !== undefined) setParams({ ...rest, documentId } as typeof params);
      },
    },
    usePersistedOperations({
      getPersistedOperation: (id) => operations.get(id) ?? null,
      extractPersistedOperationId: (params, request, context) => {
        const documentId = (params as { documentId?: unknown }).documentId;
        return typeof documentId === 'string' ? documentId : defaultExtractPersistedOperationId(params, request, context);
      },
      customErrors: {
        notFound: { message: 'No persisted operation has this id', extensions: requestErrorExtensions('PERSISTED_QUERY_NOT_FOUND') },
        keyNotFound: {
          message: 'Send a query, or the id of a persisted operation as documentId',
          extensions: requestErrorExtensions('PERSISTED_QUERY_ID_REQUIRED'),
        },
        persistedQueryOnly: {
          message:
            "This server runs only its persisted operations for this caller: send the operation's id as documentId (or extensions.persistedQuery.sha256Hash)",
          extensions: requestErrorExtensions('PERSISTED_QUERY_ONLY'),
        },
      },
      allowArbitraryOperations: settings.only === 'off' ? true : settings.only === 'all' ? false : async (request) => readsAdminData(await callerOf(request)),
    }),
  ];
}
