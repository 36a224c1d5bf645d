// Liveness (/health) and readiness (/ready: the database answers and every shipped migration
// is applied), as a load balancer probes them.
import { describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { createServer } from '../../src/server/yoga.js';
import { registry as pluginRegistry } from '../support/registry.js';

const yoga = createServer({ registry: pluginRegistry });
const get = async (path: string) => {
  const response = await yoga.fetch(`http://cohort.test${path}`);
  return { status: response.status, body: await response.json().catch(() => null) };
};

describe('health and readiness', () => {
  it('answers /health without a key', async () => {
    expect((await get('/health')).status).toBe(200);
  });

  it('is ready on a migrated database', async () => {
    expect(await get('/ready')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('is not ready while a shipped migration is missing from the database, and names it', async () => {
    const [last] = await prisma.$queryRaw<
      { id: string; migration_name: string }[]
    >`SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      expect(await get('/ready')).toEqual({ status: 503, body: { status: 'not ready', reason: `migrations not applied: ${last!.migration_name}` } });
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
    expect((await get('/ready')).status).toBe(200);
  });
});
