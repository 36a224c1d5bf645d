// What a Cohort process runs on, built once by a composition root (main.ts, the test setup, a
// script, a benchmark) from the configuration it read: the log level set, the database opened
// and bound (db/client.ts). Servers are then made with it (`createServer({ runtime, registry })`)
// and read no configuration of their own; nothing is opened by importing a module.
import { forgetApiKeys } from './access/api-keys.js';
import { loadConfig, type Config } from './config.js';
import { bindDatabase, openOrExit, type Database } from './db/client.js';
import { forgetShopContext } from './settings/shop-context.js';
import { bindChangeBus, ChangeBus } from './shared/change-bus.js';
import { systemClock, type Clock } from './shared/clock.js';
import { setLogLevel } from './shared/logger.js';

export interface Runtime {
  config: Config;
  /** Where "now" comes from, for the server, the jobs and the schedules alike. */
  clock: Clock;
  /** The database, opened on first use when the root asked for that (the test setup: files that never read it open nothing). */
  readonly database: Database;
  /** What changed, announced by writers (here or, through its transports, on other instances) and heard by caches and trackers. */
  changes: ChangeBus;
}

let opened: Runtime | null = null;

/**
 * Opens the process's runtime from `config` (the environment's, read now, by default): once; later calls
 * return the same one. `lazy`: the database is opened when first used rather than now.
 */
export function openRuntime(config: Config = loadConfig(), { lazy = false, clock = systemClock }: { lazy?: boolean; clock?: Clock } = {}): Runtime {
  if (opened) return opened;
  // The database's timestamps carry no zone and are UTC; the drivers write and read a Date in the
  // process's zone. On any other zone than UTC an order dated an hour ahead would count now in SQL
  // and not in memory: the process runs on UTC, whatever the machine's zone (a shop's own zone is
  // its settings', applied explicitly).
  process.env.TZ = 'UTC';
  setLogLevel(config.logLevel);
  let database: Database | null = null;
  const open = () => (database ??= openOrExit(config.database, config.databaseOptions));
  bindDatabase(open);
  if (!lazy) open();
  // The process's caches drop what changed, whoever announced it.
  const changes = new ChangeBus();
  changes.on('settings', forgetShopContext);
  changes.on('apiKeys', forgetApiKeys);
  bindChangeBus(changes);
  opened = {
    config,
    clock,
    changes,
    get database() {
      return open();
    },
  };
  return opened;
}

/** The runtime the root opened (servers made without one use it). */
export function currentRuntime(): Runtime {
  if (!opened) throw new Error('No runtime is open: the composition root (main.ts, the test setup, a script) calls openRuntime(loadConfig()) first');
  return opened;
}
