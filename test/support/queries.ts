// Records the SQL statements sent while a function runs (through Prisma and through the lean
// hot-path queries of src/db/sql.ts), to guard against N+1 queries.
import { prisma } from '../../src/db/client.js';
import { onQuery } from '../../src/db/sql.js';

export async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  let recording = true;
  (prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on('query', (event) => {
    if (recording) queries.push(event.query);
  });
  const stop = onQuery((text) => queries.push(text));
  try {
    return { result: await run(), queries };
  } finally {
    recording = false;
    stop();
  }
}
