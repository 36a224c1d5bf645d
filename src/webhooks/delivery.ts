// One try at delivering a webhook (the `webhook.deliver` job): a POST of the event's JSON,
// signed to the Standard Webhooks specification with the endpoint's secret (the maintained
// `standardwebhooks` package), within COHORT_WEBHOOK_TIMEOUT_MS (10 s), to an address checked
// first (targets.ts: private and special addresses are refused unless allowed, and the
// connection goes only to the addresses checked). Any 2xx is success; anything else (another
// status, a redirect, a timeout, a refused connection, a refused target) is a failure, logged as
// an attempt with the next try scheduled after the next wait of COHORT_WEBHOOK_RETRIES (by
// default 8 tries over 27 h 35 min). Every try of an event carries the event's id as
// `webhook-id`, so a receiver can drop duplicates (delivery is at least once).
//
// An endpoint's tries are a queue of their own (one at a time), and its circuit breaker
// (circuit.ts) holds its deliveries, untried and with their schedules intact, while it is not
// answering: one receiver that hangs costs one worker for a few tries, then none.
//
// When a delivery has used all its tries, or the endpoint has failed every try for as long as
// the schedule lasts (its circuit holding most deliveries back meanwhile), the endpoint is
// disabled with the reason, for an admin to see and re-enable; HTTP 410 Gone disables it at
// once. The attempt, the delivery's state, the next job, the circuit and the endpoint's state
// are written in one transaction.
import { sql } from '@cohort/plugin-sdk';
import { Webhook } from 'standardwebhooks';
import type { CircuitSettings, WebhookSettings } from '../config.js';
import { database, query } from '../db/client.js';
import type { QueryRows } from '../db/sql.js';
import { cancel, enqueue, postpone } from '../jobs/jobs.js';
import type { Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { afterTry, failedForTheWholeSchedule, tryResult, type Circuit } from './circuit.js';
import { deliveryJob, endpointQueue } from './outbox.js';
import { decryptSecret, type SecretsKey } from './secrets.js';
import { resolveTarget, targetPolicy, urlProblem, type TargetPolicy } from './targets.js';
import { postTo } from './webhook-request.js';

/** What deliveries need: the schedule, the timeout, the breaker's thresholds and where requests may go. */
export interface DeliveryOptions {
  retryDelaysMs: number[];
  timeoutMs: number;
  circuit: CircuitSettings;
  targets: TargetPolicy;
  /** The key the endpoints' signing secrets are encrypted with. */
  secretsKey: SecretsKey;
}

/** From the configured settings (config.ts), with the system's DNS resolver. */
export function deliveryOptions(settings: WebhookSettings): DeliveryOptions {
  return {
    retryDelaysMs: settings.retryDelaysMs,
    timeoutMs: settings.timeoutMs,
    circuit: settings.circuit,
    targets: targetPolicy(settings.allowedHosts),
    secretsKey: settings.secretsKey,
  };
}

interface DeliveryRow {
  id: string;
  status: string;
  scheduledTries: number;
  eventId: string;
  payload: unknown;
  endpointId: string;
  url: string;
  secretEncrypted: string;
  disabledAt: Date | null;
  circuitOpenUntil: Date | null;
}

interface Outcome {
  status: number | null;
  body: string | null;
  error: string | null;
  /** A request was tried (its DNS lookup at least); false: refused before any (a refused target, a secret that does not decrypt). */
  attempted: boolean;
}

interface CircuitRow {
  circuitFailures: number;
  circuitFailingSince: Date | null;
  circuitOpenUntil: Date | null;
  circuitOpenings: number;
}

const sameCircuit = (one: Circuit, other: Circuit) =>
  one.consecutiveFailures === other.consecutiveFailures &&
  one.openings === other.openings &&
  one.failingSince?.getTime() === other.failingSince?.getTime() &&
  one.openUntil?.getTime() === other.openUntil?.getTime();

const circuitOf = (row: CircuitRow): Circuit => ({
  consecutiveFailures: row.circuitFailures,
  failingSince: row.circuitFailingSince,
  openUntil: row.circuitOpenUntil,
  openings: row.circuitOpenings,
});

/** Tries of the schedule made so far (manual ones, and second runs of a try, do not count). */
const scheduledTries = sql`(SELECT count(*)::int FROM "WebhookAttempt" a WHERE a."deliveryId" = d.id AND a.scheduled) AS "scheduledTries"`;

/**
 * One try: the next of the delivery's schedule, or a manual one (redeliverWebhook), which sends
 * whatever the delivery's state and leaves its schedule as it is. While the endpoint's circuit
 * is open, neither is made: the job comes back when the cool-down ends.
 */
export async function deliverWebhook(deliveryId: string, manual: boolean, clock: Clock, options: DeliveryOptions): Promise<void> {
  const [delivery] = await query<DeliveryRow>(sql`
    SELECT d.id, d.status::text, ${scheduledTries}, d."eventId", e.payload, p.id AS "endpointId", p.url, p."secretEncrypted", p."disabledAt", p."circuitOpenUntil"
    FROM "WebhookDelivery" d JOIN "WebhookEvent" e ON e.id = d."eventId" JOIN "WebhookEndpoint" p ON p.id = d."endpointId"
    WHERE d.id = ${deliveryId}`);
  // Deleted with its endpoint, or settled (a job run again after a crash finds it so).
  if (!delivery || (!manual && delivery.status !== 'PENDING')) return;
  if (delivery.disabledAt) {
    if (!manual)
      await query(
        sql`UPDATE "WebhookDelivery" SET status = 'FAILED', "nextAttemptAt" = NULL, "failureReason" = 'The endpoint was disabled' WHERE id = ${deliveryId} AND status = 'PENDING' RETURNING id`,
      );
    return;
  }
  if (delivery.circuitOpenUntil && delivery.circuitOpenUntil > clock.now()) return waitForCircuit(delivery, manual, clock);
  const started = clock.now();
  const startedMs = performance.now();
  const outcome = await send(delivery, options);
  const durationMs = Math.round(performance.now() - startedMs);
  const ended = new Date(started.getTime() + durationMs);
  const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const gone = outcome.status === 410;
  const failureReason = succeeded ? null : describe(outcome);

  const settled = await database.transaction(async (read) => {
    // The endpoint's row first, then the delivery's: the order of every writer that disables an endpoint (no deadlock).
    const [endpoint] = await read<CircuitRow>(sql`
      SELECT "circuitFailures", "circuitFailingSince", "circuitOpenUntil", "circuitOpenings" FROM "WebhookEndpoint" WHERE id = ${delivery.endpointId} FOR NO KEY UPDATE`);
    // Read again under lock: a manual try, an admin disabling the endpoint, or a second run of this job may have moved it meanwhile.
    const [now] = await read<Pick<DeliveryRow, 'status' | 'scheduledTries'>>(
      sql`SELECT d.status::text, ${scheduledTries} FROM "WebhookDelivery" d WHERE d.id = ${deliveryId} FOR UPDATE`,
    );
    if (!now || !endpoint) return null;
    // This try is the schedule's next only if nothing else took that place meanwhile.
    const scheduled = !manual && now.status === 'PENDING' && now.scheduledTries === delivery.scheduledTries;
    const tries = delivery.scheduledTries + 1;
    const wait = scheduled && !succeeded && !gone ? options.retryDelaysMs[tries - 1] : undefined;
    const before = circuitOf(endpoint);
    const circuit = afterTry(before, tryResult(outcome.status, outcome.attempted), { started, ended }, options.circuit);
    const opened = circuit.openUntil !== null && circuit.openUntil.getTime() !== before.openUntil?.getTime();
    // The schedule's choice, recorded with the attempt; an open circuit holds the delivery longer.
    const scheduledAt = wait === undefined ? null : new Date(ended.getTime() + wait);
    const nextAt = scheduledAt && circuit.openUntil && circuit.openUntil > scheduledAt ? circuit.openUntil : scheduledAt;
    await read(sql`
      INSERT INTO "WebhookAttempt" ("deliveryId", number, manual, scheduled, at, "durationMs", "responseStatus", "responseBody", error, "nextAttemptAt")
      VALUES (${deliveryId}, (SELECT COALESCE(max(number), 0) + 1 FROM "WebhookAttempt" WHERE "deliveryId" = ${deliveryId}), ${manual}::boolean, ${scheduled}::boolean, ${started.toISOString()}::timestamp,
        ${durationMs}::int, ${outcome.status}::int, ${outcome.body}, ${outcome.error}, ${scheduledAt?.toISOString() ?? null}::timestamp)
      RETURNING id::text`);
    // A manual try, or a try that lost its place, changes the state only by succeeding.
    const status = succeeded ? 'SUCCEEDED' : nextAt ? 'PENDING' : scheduled ? 'FAILED' : now.status;
    const nextAttemptAt = nextAt ? sql`${nextAt.toISOString()}::timestamp` : status === 'PENDING' ? sql`"nextAttemptAt"` : sql`NULL`;
    const reasonNow = succeeded ? sql`NULL` : status === 'FAILED' && (scheduled || manual) ? sql`${failureReason}` : sql`"failureReason"`;
    await read(sql`
      UPDATE "WebhookDelivery" SET status = ${status}::"WebhookDeliveryStatus", "attemptCount" = "attemptCount" + 1, "nextAttemptAt" = ${nextAttemptAt},
        "deliveredAt" = ${succeeded ? sql`${started.toISOString()}::timestamp` : sql`"deliveredAt"`}, "failureReason" = ${reasonNow}
      WHERE id = ${deliveryId} RETURNING id`);
    if (nextAt) await enqueue(read, [deliveryJob(deliveryId, delivery.endpointId, nextAt)]);
    if (!sameCircuit(before, circuit)) {
      await read(sql`
        UPDATE "WebhookEndpoint" SET "circuitFailures" = ${circuit.consecutiveFailures}::int, "circuitFailingSince" = ${circuit.failingSince?.toISOString() ?? null}::timestamp,
          "circuitOpenUntil" = ${circuit.openUntil?.toISOString() ?? null}::timestamp, "circuitOpenings" = ${circuit.openings}::int
        WHERE id = ${delivery.endpointId} RETURNING id`);
    }
    if (opened && circuit.openUntil) await holdDeliveries(read, delivery.endpointId, circuit.openUntil);
    const reason = gone
      ? `The endpoint answered 410 Gone for event ${delivery.eventId}`
      : scheduled && !succeeded && !nextAt
        ? `Event ${delivery.eventId} failed all ${tries} tries; the last: ${failureReason}`
        : failedForTheWholeSchedule(circuit, ended, options.retryDelaysMs)
          ? `Every try failed for longer than the retry schedule lasts: ${circuit.consecutiveFailures} in a row since ${circuit.failingSince?.toISOString()}; the last: ${failureReason}`
          : null;
    if (reason) await disableEndpoint(read, delivery.endpointId, clock.now(), reason);
    return { reason, openedUntil: opened ? circuit.openUntil : null, failures: circuit.consecutiveFailures };
  });
  if (!succeeded)
    logger.warn(
      `Webhook ${delivery.eventId} to ${originOf(delivery.url)} failed (${manual ? 'manual try' : `try ${delivery.scheduledTries + 1}`}): ${failureReason}`,
    );
  if (settled?.openedUntil)
    logger.warn(
      `Webhook endpoint ${delivery.endpointId}: ${settled.failures} tries in a row failed; its deliveries wait until ${settled.openedUntil.toISOString()} (circuit open)`,
    );
  if (settled?.reason) logger.warn(`Webhook endpoint ${delivery.endpointId} disabled: ${settled.reason}`);
}

/** The circuit opened: the endpoint's pending deliveries, and their jobs, wait for the cool-down to end (their schedules untouched). */
async function holdDeliveries(read: QueryRows, endpointId: string, until: Date): Promise<void> {
  await read(sql`
    WITH held AS (UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${until.toISOString()}::timestamp
      WHERE "endpointId" = ${endpointId} AND status = 'PENDING' AND "nextAttemptAt" < ${until.toISOString()}::timestamp RETURNING id)
    SELECT count(*)::int AS count FROM held`);
  await postpone(read, endpointQueue(endpointId), until);
}

/** A job that came while the circuit is open (added before it opened) is put back for when the cool-down ends, with no try. */
async function waitForCircuit(delivery: DeliveryRow, manual: boolean, clock: Clock): Promise<void> {
  await database.transaction(async (read) => {
    const [endpoint] = await read<{ circuitOpenUntil: Date | null }>(
      sql`SELECT "circuitOpenUntil" FROM "WebhookEndpoint" WHERE id = ${delivery.endpointId} FOR NO KEY UPDATE`,
    );
    const [now] = await read<{ status: string }>(sql`SELECT status::text FROM "WebhookDelivery" WHERE id = ${delivery.id} FOR UPDATE`);
    if (!endpoint || !now || (!manual && now.status !== 'PENDING')) return;
    const at = clock.now();
    const until = endpoint.circuitOpenUntil && endpoint.circuitOpenUntil > at ? endpoint.circuitOpenUntil : at;
    if (!manual)
      await read(
        sql`UPDATE "WebhookDelivery" SET "nextAttemptAt" = GREATEST("nextAttemptAt", ${until.toISOString()}::timestamp) WHERE id = ${delivery.id} RETURNING id`,
      );
    await enqueue(read, [deliveryJob(delivery.id, delivery.endpointId, until, manual)]);
  });
}

/**
 * A signed POST of the event to the addresses its URL resolves to, once they are checked. A
 * secret that does not decrypt, or a target refused, is a failed try (with the reason) with no
 * request at all: nothing is connected to, so an error never tells an open port from a closed one.
 */
async function send(delivery: DeliveryRow, options: DeliveryOptions): Promise<Outcome> {
  let secret: string;
  try {
    secret = decryptSecret(options.secretsKey, delivery.secretEncrypted);
  } catch (error) {
    return { status: null, body: null, error: `${(error as Error).message}; rotate the endpoint's secret (rotateWebhookSecret)`, attempted: false };
  }
  // An endpoint registered before URLs were checked may have one that is refused now.
  const problem = urlProblem(delivery.url);
  if (problem) return { status: null, body: null, error: `Refused: the endpoint's URL ${problem}; not connected (update its URL)`, attempted: false };
  const url = new URL(delivery.url);
  const { timeoutMs } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const target = await resolveTarget(url, options.targets, signal);
    if ('refused' in target)
      return {
        status: null,
        body: null,
        error: `Refused: ${target.refused}; not connected (COHORT_WEBHOOK_ALLOWED_HOSTS lets chosen internal receivers through)`,
        attempted: false,
      };
    if ('unresolved' in target) return { status: null, body: null, error: target.unresolved, attempted: true };
    const body = JSON.stringify(delivery.payload);
    // The wall clock's time: receivers check it against theirs (5 minutes' tolerance).
    const timestamp = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Cohort-Webhooks/1',
      'webhook-id': delivery.eventId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(delivery.eventId, timestamp, body),
    };
    const answer = await postTo(url, target.addresses, headers, body, signal);
    return { status: answer.status, body: answer.body, error: null, attempted: true };
  } catch (error) {
    const message = signal.aborted ? `No answer within ${timeoutMs} ms` : ((error as { code?: string }).code ?? (error as Error).message);
    return { status: null, body: null, error: message, attempted: true };
  }
}

/** Only the origin: a URL's path and query may carry the receiver's token. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an endpoint';
  }
}

function describe(outcome: Outcome): string {
  if (outcome.status !== null) return `HTTP ${outcome.status}${outcome.status >= 300 && outcome.status < 400 ? ' (redirects are not followed)' : ''}`;
  return outcome.error ?? 'no answer';
}

/** Stops deliveries to an endpoint, with the reason for its admin: its pending deliveries fail now, and their jobs go. */
export async function disableEndpoint(read: QueryRows, endpointId: string, at: Date, reason: string): Promise<void> {
  const disabled = await read(
    sql`UPDATE "WebhookEndpoint" SET "disabledAt" = ${at.toISOString()}::timestamp, "disabledReason" = ${reason}, "updatedAt" = ${at.toISOString()}::timestamp WHERE id = ${endpointId} AND "disabledAt" IS NULL RETURNING id`,
  );
  if (disabled.length === 0) return;
  const stopped = await read<{ id: string }>(sql`
    UPDATE "WebhookDelivery" SET status = 'FAILED', "nextAttemptAt" = NULL, "failureReason" = ${`The endpoint was disabled: ${reason}`}
    WHERE "endpointId" = ${endpointId} AND status = 'PENDING' RETURNING id`);
  await cancel(
    read,
    stopped.map((delivery) => deliveryJob(delivery.id, endpointId, at).key),
  );
}
