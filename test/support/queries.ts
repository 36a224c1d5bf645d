// Records the SQL statements sent while a function runs (through Prisma and through the lean
// hot-path queries of src/db/sql.ts), to guard against N+1 queries.
import { prisma } from '../../src/db/client.js';
import { onQuery } from '../../src/db/sql.js';

/** The recordings in progress. Prisma cannot remove a query listener, so one is added, once, for all of them. */
const recordings = new Set<string[]>();
let listening = false;

export async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  if (!listening) {
    (prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on('query', (event) => {
      for (const queries of recordings) queries.push(event.query);
    });
    listening = true;
  }
  const queries: string[] = [];
  recordings.add(queries);
  const stop = onQuery((text) => queries.push(text));
  try {
    return { result: await run(), queries };
  } finally {
    recordings.delete(queries);
    stop();
  }
}
