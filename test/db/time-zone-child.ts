// Run by time-zone.test.ts in a process started on another zone than UTC: opens the runtime as
// a root does, then writes and reads an instant through the lean queries and through Prisma.
import { sql } from '@cohort/plugin-sdk';
import { openRuntime } from '../../src/runtime.js';

const { database } = openRuntime();
const instant = new Date('2026-01-01T15:00:00.000Z');
const [row] = await database.query<{ read: Date; counted: boolean }>(
  sql`SELECT ${instant}::timestamp(3) AS read, '2026-01-01T15:30:00'::timestamp(3) <= ${instant}::timestamp(3) AS counted`,
);
const [prismaRow] = await database.prisma.$queryRawUnsafe<{ read: Date }[]>('SELECT $1::timestamp(3) AS read', instant);
console.log(
  JSON.stringify({
    read: new Date(row!.read).toISOString(),
    counted: row!.counted,
    prismaRead: new Date(prismaRow!.read).toISOString(),
    offset: new Date().getTimezoneOffset(),
  }),
);
await database.close();
