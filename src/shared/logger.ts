// A small leveled logger on stderr; Yoga uses it too.
import { config } from '../config.js';

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

function log(level: Level, message: unknown, rest: unknown[]) {
  if (levels[level] < levels[config.logLevel]) return;
  console.error(`[cohort] ${new Date().toISOString()} ${level.toUpperCase()}`, message, ...rest);
}

export const logger = {
  debug: (message: unknown, ...rest: unknown[]) => log('debug', message, rest),
  info: (message: unknown, ...rest: unknown[]) => log('info', message, rest),
  warn: (message: unknown, ...rest: unknown[]) => log('warn', message, rest),
  error: (message: unknown, ...rest: unknown[]) => log('error', message, rest),
};
