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
  attemptCount: number;
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

export async function deliverWebhook(deliveryId: string, manual: boolean, clock: Clock): Promise<void> {
  const [delivery] = await query<DeliveryRow>(sql`
    SELECT d.id, d.status::text, d."attemptCount", d."eventId", e.payload, p.id AS "endpointId", p.url, p."secretEncrypted", p."disabledAt"
    FROM "WebhookDelivery" d JOIN "WebhookEvent" e ON e.id = d."eventId" JOIN "WebhookEndpoint" p ON p.id = d."endpointId"
    WHERE d.id = ${deliveryId}`);
  // Deleted with its endpoint, or settled (a job run twice after a crash finds it so).
  if (!delivery || delivery.status !== 'PENDING') return;
  if (delivery.disabledAt) {
    await query(sql`UPDATE "WebhookDelivery" SET status = 'FAILED', "nextAttemptAt" = NULL, "failureReason" = 'The endpoint was disabled' WHERE id = ${deliveryId} AND status = 'PENDING' RETURNING id`);
    return;
  }
  const body = JSON.stringify(delivery.payload);
  const headers = signedHeaders(delivery, body);
  const started = clock.now();
  const startedMs = performance.now();
  const outcome = await post(delivery.url, body, headers, config.webhooks.timeoutMs);
  const durationMs = Math.round(performance.now() - startedMs);
  const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
  const number = delivery.attemptCount + 1;
  // A manual redelivery is one try; the automatic ones follow the schedule.
  const wait = manual ? undefined : config.webhooks.retryDelaysMs[number - 1];
  const gone = outcome.status === 410;
  const nextAt = !succeeded && !gone && wait !== undefined ? new Date(started.getTime() + durationMs + wait) : null;
  const failureReason = succeeded ? null : describe(outcome);

  await database.transaction(async (read) => {
    await read(sql`
      INSERT INTO "WebhookAttempt" ("deliveryId", number, manual, at, "durationMs", "responseStatus", "responseBody", error, "nextAttemptAt")
      VALUES (${deliveryId}, ${number}::int, ${manual}::boolean, ${started.toISOString()}::timestamp, ${durationMs}::int, ${outcome.status}::int, ${outcome.body}, ${outcome.error}, ${nextAt?.toISOString() ?? null}::timestamp)
      RETURNING id::text`);
    const status = succeeded ? 'SUCCEEDED' : nextAt ? 'PENDING' : 'FAILED';
    await read(sql`
      UPDATE "WebhookDelivery" SET status = ${status}::"WebhookDeliveryStatus", "attemptCount" = ${number}::int, "nextAttemptAt" = ${nextAt?.toISOString() ?? null}::timestamp,
        "deliveredAt" = ${succeeded ? started.toISOString() : null}::timestamp, "failureReason" = ${status === 'FAILED' ? failureReason : null}
      WHERE id = ${deliveryId} RETURNING id`);
    if (nextAt) await enqueue(read, [deliveryJob(deliveryId, nextAt)]);
    else if (!succeeded && !manual) await disableEndpoint(read, delivery.endpointId, clock.now(), gone ? `The endpoint answered 410 Gone for event ${delivery.eventId}` : `Event ${delivery.eventId} failed all ${number} tries; the last: ${failureReason}`);
  });
  if (!succeeded) logger.warn(`Webhook ${delivery.eventId} to ${delivery.url} failed (try ${number}): ${failureReason}${nextAt ? `; next try at ${nextAt.toISOString()}` : ''}`);
}

function signedHeaders(delivery: DeliveryRow, body: string): Record<string, string> {
  // The wall clock's time: receivers check it against theirs (5 minutes' tolerance).
  const timestamp = new Date();
  const signature = new Webhook(decryptSecret(delivery.secretEncrypted)).sign(delivery.eventId, timestamp, body);
  return {
    'webhook-id': delivery.eventId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Outcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Cohort-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text().catch(() => '');
    return { status: response.status, body: text.slice(0, RESPONSE_KEPT), error: null };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const message = (error as Error).name === 'TimeoutError' ? `No answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { status: null, body: null, error: message };
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
  logger.warn(`Webhook endpoint ${endpointId} disabled: ${reason}`);
}
