// The one source of "now". Everything time-dependent takes a Clock so tests and
// benchmarks can fix time; production uses the system clock.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an instant can be stored and read back: a valid Date in the years 0001–9999 in UTC
 * ("9999-12-31T23:59:59-14:00" is in the year 10000 there, which reads back as no date at all).
 */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9_999;
}
