// Records the SQL statements Prisma sends while a function runs, to guard against N+1 queries.
import { prisma } from '../../src/db/client.js';

export async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  let recording = true;
  (prisma as unknown as { $on(event: 'query', listener: (event: { query: string }) => void): void }).$on('query', (event) => {
    if (recording) queries.push(event.query);
  });
  try {
    return { result: await run(), queries };
  } finally {
    recording = false;
  }
}
