// Each endpoint's circuit breaker, as pure decisions over its state (stored on its
// WebhookEndpoint row, so that every instance sees it). A receiver that does not answer would
// otherwise be tried for every pending event, each try holding a delivery worker until the
// timeout. After `failures` tries in a row failed (no answer, a refused connection, a DNS
// failure, 5xx or 429), the circuit opens: the endpoint's deliveries are held, untried, for a
// cool-down (COHORT_WEBHOOK_CIRCUIT_COOLDOWNS: 30 s, then 1, 2, 5 and 10 minutes for each
// opening in a row). When it ends the circuit is half-open: the next try is a trial (one at a
// time: an endpoint's deliveries are a queue of their own); it closes the circuit if the
// receiver answers, and opens it again for the next cool-down if not.
//
// A held delivery keeps its schedule: the breaker only ever delays tries, it never makes one,
// so a try counts towards its delivery's schedule as before.
import type { CircuitSettings } from '../config.js';

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface Circuit {
  /** Tries in a row that failed without a usable answer. */
  consecutiveFailures: number;
  /** When the first of them started; null when the last try was answered. */
  failingSince: Date | null;
  /** Until when the endpoint's deliveries are held; null when the circuit is closed. */
  openUntil: Date | null;
  /** Openings in a row (each failed trial is one more): which cool-down the next opening gets. */
  openings: number;
}

/**
 * What a try tells about the receiver: it took the event (2xx); it answered something else
 * (3xx, 4xx: it is there, the event fails on its own schedule); it failed (no answer, refused,
 * 5xx, 429: overloaded or away); or no request was made (a refused target, a secret that does
 * not decrypt), which tells nothing.
 */
export type TryResult = 'succeeded' | 'answered' | 'failed' | 'not-sent';

export const CLOSED_CIRCUIT: Circuit = { consecutiveFailures: 0, failingSince: null, openUntil: null, openings: 0 };

export function circuitState(circuit: Pick<Circuit, 'openUntil'>, now: Date): CircuitState {
  if (!circuit.openUntil) return 'CLOSED';
  return circuit.openUntil > now ? 'OPEN' : 'HALF_OPEN';
}

export function tryResult(status: number | null, sent: boolean): TryResult {
  if (!sent) return 'not-sent';
  if (status === null || status >= 500 || status === 429) return 'failed';
  return status >= 200 && status < 300 ? 'succeeded' : 'answered';
}

/** The circuit after a try made from `started` to `ended` (a cool-down runs from the end of the try that opened it). */
export function afterTry(circuit: Circuit, result: TryResult, { started, ended }: { started: Date; ended: Date }, settings: CircuitSettings): Circuit {
  if (result === 'not-sent') return circuit;
  if (result !== 'failed') return CLOSED_CIRCUIT;
  const failed = { ...circuit, consecutiveFailures: circuit.consecutiveFailures + 1, failingSince: circuit.failingSince ?? started };
  const state = circuitState(circuit, ended);
  // A try while open is one that started before the circuit opened: it changes nothing more.
  if (state === 'OPEN') return failed;
  if (state === 'HALF_OPEN' || (settings.failures > 0 && failed.consecutiveFailures >= settings.failures)) {
    const openings = state === 'HALF_OPEN' ? circuit.openings + 1 : 1;
    const cooldownMs = settings.cooldownsMs[Math.min(openings, settings.cooldownsMs.length) - 1] ?? 0;
    return { ...failed, openings, openUntil: new Date(ended.getTime() + cooldownMs) };
  }
  return failed;
}

/**
 * Whether an endpoint has failed every try for as long as a delivery's schedule lasts (and at
 * least as many times as a delivery has tries): it is then disabled, as a delivery failing all
 * its tries would disable it, since with the circuit holding deliveries back no single delivery
 * may get that far.
 */
export function failedForTheWholeSchedule(circuit: Circuit, at: Date, retryDelaysMs: number[]): boolean {
  const scheduleMs = retryDelaysMs.reduce((total, wait) => total + wait, 0);
  return circuit.failingSince !== null && at.getTime() - circuit.failingSince.getTime() >= scheduleMs && circuit.consecutiveFailures > retryDelaysMs.length;
}
