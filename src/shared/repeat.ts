// Background work repeated on a timer: at once, then `everyMs` after each run ends (0: once
// only). `stop()` cancels the next run and resolves when the one in progress has finished, so
// that a process can close its database after it. A run that throws is logged; the next runs.
import { logger } from './logger.js';

export interface Repeating {
  stop(): Promise<void>;
}

export function repeat(what: string, everyMs: number, run: (stopping: () => boolean) => Promise<void>): Repeating {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = run(() => stopped)
      .catch((error: unknown) => logger.error(`Could not ${what}; trying again at the next run`, error))
      .then(() => {
        if (!stopped && everyMs > 0) timer = setTimeout(tick, everyMs).unref();
      });
  };
  timer = setTimeout(tick, 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      return running;
    },
  };
}
