// One try at delivering a webhook (the `webhook.deliver` job): a POST of the event's JSON,
// signed to the Standard Webhooks specification with the endpoint's secret (the maintained
// `standardwebhooks` package), within COHORT_WEBHOOK_TIMEOUT_MS (10 s). Any 2xx is success;
// anything else (another status, a redirect, a timeout, a refused connection) is a failure,
// logged as an attempt with the next try scheduled after the next wait of
// COHORT_WEBHOOK_RETRIES (by default 8 tries over 27 h 35 min). Every try of an event carries
// the event's id as `webhook-id`, so a receiver can drop duplicates (delivery is at least once).
//
// When a delivery has used all its tries, its endpoint is disabled with the reason, for an
// admin to see and re-enable; HTTP 410 Gone disables it at once. The attempt, the delivery's
// state, the next job and the endpoint's state are written in one transaction.
import { sql } from '@cohort/plugin-sdk';
import { Webhook } from 'standardwebhooks';
import { config } from '../config.js';
import { database, query } from '../db/client.js';
import type { QueryRows } from '../db/sql.js';
import { cancel, enqueue } from '../jobs/jobs.js';
import type { Clock } from '../shared/clock.js';
import { logger } from '../shared/logger.js';
import { deliveryJob } from './outbox.js';
import { decryptSecret } from './secrets.js';

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
}

interface Outcome {
  status: number | null;
  body: string | null;
  error: string | null;
}

const RESPONSE_KEPT = 1_000;

/** Tries of the schedule made so far (manual ones, and second runs of a try, do not count). */
const scheduledTries = sql`(SELECT count(*)::int FROM "WebhookAttempt" a WHERE a."deliveryId" = d.id AND a.scheduled) AS "scheduledTries"`;

/**
 * One try: the next of the delivery's schedule, or a manual one (redeliverWebhook), which sends
 * whatever the delivery's state and leaves its schedule as it is.
 */
export async function deliverWebhook(deliveryId: string, manual: boolean, clock: Clock): Promise<void> {
  const [delivery] = await query<DeliveryRow>(sql`
    SELECT d.id, d.status::text, ${scheduledTries}, d."eventId", e.payload, p.id AS "endpointId", p.url, p."secretEncrypted", p."disabledAt"
    FROM "WebhookDelivery" d JOIN "WebhookEvent" e ON e.id = d."eventId" JOIN "WebhookEndpoint" p ON p.id = d."endpointId"
    WHERE d.id = ${deliveryId}`);
  // Deleted with its endpoint, or settled (a job run again after a crash finds it so).
  if (!delivery || (!manual && delivery.status !== 'PENDING')) return;
  if (delivery.disabledAt) {
    if (!manual) await query(sql`UPDATE "WebhookDelivery" SET status = 'FAILED', "nextAttemptAt" = NULL, "failureReason" = 'The endpoint was disabled' WHERE id = ${deliveryId} AND status = 'PENDING' RETURNING id`);
    return;
  }
  const started = clock.now();
  const startedMs = performance.now();
  const outcome = await send(delivery);
  const durationMs = Math.round(performance.now() - startedMs);
  const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const gone = outcome.status === 410;
  const failureReason = succeeded ? null : describe(outcome);

  const disabledFor = await database.transaction(async (read) => {
    // The endpoint's row first, then the delivery's: the order of every writer that disables an endpoint (no deadlock).
    await read(sql`SELECT id FROM "WebhookEndpoint" WHERE id = ${delivery.endpointId} FOR NO KEY UPDATE`);
    // Read again under lock: a manual try, an admin disabling the endpoint, or a second run of this job may have moved it meanwhile.
    const [now] = await read<Pick<DeliveryRow, 'status' | 'scheduledTries'>>(sql`SELECT d.status::text, ${scheduledTries} FROM "WebhookDelivery" d WHERE d.id = ${deliveryId} FOR UPDATE`);
    if (!now) return null;
    // This try is the schedule's next only if nothing else took that place meanwhile.
    const scheduled = !manual && now.status === 'PENDING' && now.scheduledTries === delivery.scheduledTries;
    const tries = delivery.scheduledTries + 1;
    const wait = scheduled && !succeeded && !gone ? config.webhooks.retryDelaysMs[tries - 1] : undefined;
    const nextAt = wait === undefined ? null : new Date(started.getTime() + durationMs + wait);
    await read(sql`
      INSERT INTO "WebhookAttempt" ("deliveryId", number, manual, scheduled, at, "durationMs", "responseStatus", "responseBody", error, "nextAttemptAt")
      VALUES (${deliveryId}, (SELECT COALESCE(max(number), 0) + 1 FROM "WebhookAttempt" WHERE "deliveryId" = ${deliveryId}), ${manual}::boolean, ${scheduled}::boolean, ${started.toISOString()}::timestamp,
        ${durationMs}::int, ${outcome.status}::int, ${outcome.body}, ${outcome.error}, ${nextAt?.toISOString() ?? null}::timestamp)
      RETURNING id::text`);
    // A manual try, or a try that lost its place, changes the state only by succeeding.
    const status = succeeded ? 'SUCCEEDED' : nextAt ? 'PENDING' : scheduled ? 'FAILED' : now.status;
    const nextAttemptAt = nextAt ? sql`${nextAt.toISOString()}::timestamp` : status === 'PENDING' ? sql`"nextAttemptAt"` : sql`NULL`;
    const reasonNow = succeeded ? sql`NULL` : status === 'FAILED' && (scheduled || manual) ? sql`${failureReason}` : sql`"failureReason"`;
    await read(sql`
      UPDATE "WebhookDelivery" SET status = ${status}::"WebhookDeliveryStatus", "attemptCount" = "attemptCount" + 1, "nextAttemptAt" = ${nextAttemptAt},
        "deliveredAt" = ${succeeded ? sql`${started.toISOString()}::timestamp` : sql`"deliveredAt"`}, "failureReason" = ${reasonNow}
      WHERE id = ${deliveryId} RETURNING id`);
    if (nextAt) await enqueue(read, [deliveryJob(deliveryId, nextAt)]);
    const reason = gone ? `The endpoint answered 410 Gone for event ${delivery.eventId}` : scheduled && !succeeded && !nextAt ? `Event ${delivery.eventId} failed all ${tries} tries; the last: ${failureReason}` : null;
    if (reason) await disableEndpoint(read, delivery.endpointId, clock.now(), reason);
    return reason;
  });
  if (!succeeded) logger.warn(`Webhook ${delivery.eventId} to ${originOf(delivery.url)} failed (${manual ? 'manual try' : `try ${delivery.scheduledTries + 1}`}): ${failureReason}`);
  if (disabledFor) logger.warn(`Webhook endpoint ${delivery.endpointId} disabled: ${disabledFor}`);
}

/** A signed POST of the event; a secret that does not decrypt is a failed try (with the reason), not a crash. */
async function send(delivery: DeliveryRow): Promise<Outcome> {
  let secret: string;
  try {
    secret = decryptSecret(delivery.secretEncrypted);
  } catch (error) {
    return { status: null, body: null, error: `${(error as Error).message}; rotate the endpoint's secret (rotateWebhookSecret)` };
  }
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
  const timeoutMs = config.webhooks.timeoutMs;
  try {
    const response = await fetch(delivery.url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await responseStart(response), error: null };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = (error as Error).name === 'TimeoutError' ? `No answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { status: null, body: null, error: message };
  }
}

/** The first RESPONSE_KEPT characters of the answer, read no further (a receiver may answer with anything). */
async function responseStart(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < RESPONSE_KEPT * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } catch {
    // A body cut off or too slow: what came is enough.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_KEPT);
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
  const disabled = await read(sql`UPDATE "WebhookEndpoint" SET "disabledAt" = ${at.toISOString()}::timestamp, "disabledReason" = ${reason}, "updatedAt" = ${at.toISOString()}::timestamp WHERE id = ${endpointId} AND "disabledAt" IS NULL RETURNING id`);
  if (disabled.length === 0) return;
  const stopped = await read<{ id: string }>(sql`
    UPDATE "WebhookDelivery" SET status = 'FAILED', "nextAttemptAt" = NULL, "failureReason" = ${`The endpoint was disabled: ${reason}`}
    WHERE "endpointId" = ${endpointId} AND status = 'PENDING' RETURNING id`);
  await cancel(read, stopped.map((delivery) => deliveryJob(delivery.id, at).key));
}
