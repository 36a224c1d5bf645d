// The database's timestamps are UTC, and a Date crosses into SQL and back as the same instant
// whatever zone the machine runs on: a process started with TZ=Asia/Kolkata (+05:30) writes
// 15:00Z and reads 15:00Z, and an order dated 15:30 does not count at 15:00 in SQL (as in memory).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the process time zone', () => {
  it('does not move an instant on its way through SQL', async () => {
    const script = fileURLToPath(new URL('./time-zone-child.ts', import.meta.url));
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', script],
        { env: { ...process.env, TZ: 'Asia/Kolkata' }, cwd: fileURLToPath(new URL('../..', import.meta.url)) },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    expect(JSON.parse(output.trim().split('\n').at(-1)!)).toEqual({
      read: '2026-01-01T15:00:00.000Z',
      counted: false,
      prismaRead: '2026-01-01T15:00:00.000Z',
      offset: 0,
    });
  }, 60_000);
});
