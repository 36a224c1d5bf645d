// One process at a time on an embedded database's data folder: PGlite keeps the database in
// the folder with no server in front of it, so a second process opening it (a `npm run seed`
// while `npm start` runs) would see stale data and corrupt it. The first process holds a lock
// file naming it; a second one is refused with that name. A lock left by a process that died
// (kill -9) is taken over: its process is gone (or its PID now belongs to a process started
// later, which /proc tells apart).
import { linkSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';

export interface LockHolder {
  pid: number;
  /** The holder's start time in clock ticks since boot (/proc/<pid>/stat), when the system tells it. */
  startTicks: number | null;
  command: string;
  since: string;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'Only one process may open it: stop that process first, or do this through its API.',
    );
    this.name = 'DataFolderInUseError';
  }
}

/** Process start time in clock ticks since boot, from /proc (Linux); null elsewhere. */
function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis; starttime is field 22.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/** Takes the lock on `dataDir` for this process, or throws DataFolderInUseError. Returns the function that releases it. */
export function lockDataFolder(dataDir: string): () => void {
  // By the folder's real path: a symlink to it names the same lock.
  const path = `${realpathSync(dataDir)}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    startTicks: startTicksOf(process.pid),
    command: process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Written whole to a file of its own, then linked into place: the lock never exists empty,
    // and link() fails if another process holds it.
    const draft = `${path}.${process.pid}`;
    writeFileSync(draft, JSON.stringify(me));
    try {
      linkSync(draft, path);
      unlinkSync(draft);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readHolder(path)?.pid === me.pid) unlinkSync(path);
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      unlinkSync(draft);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder)) throw new DataFolderInUseError(dataDir, holder);
    // Left by a process that is gone: take it over, unless another process just did.
    if (JSON.stringify(readHolder(path)) === JSON.stringify(holder)) {
      try {
        unlinkSync(path);
      } catch {
        // Removed meanwhile by another process taking it over; try again.
      }
    }
  }
  throw new Error(`Could not take the lock ${path}`);
}
