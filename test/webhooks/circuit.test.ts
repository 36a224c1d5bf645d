// One receiver that hangs does not delay another. While a second endpoint hangs with 40
// deliveries pending, it has one try at a time, so it holds one of the four delivery workers,
// never all of them, and a healthy endpoint's bursts of events arrive. The hanging endpoint's
// circuit opens after 3 tries in a row time out: its deliveries are held, untried, for a
// cool-down that grows with each failed trial; after each cool-down one trial is made; once the
// receiver answers again every event arrives, each under its own webhook-id, and the held
// deliveries have used none of their retry schedule.
//
// What happened when is read from the attempts' log (their start and duration, by the
// deliveries' clock), not from the test's own timing, so a slow machine changes no verdict.
// How fast a burst arrives, with and without an endpoint hanging, is bench/webhook-circuit.ts's.
//
// Events are written to the outbox directly (emitEvents, what every change that causes one
// calls), so the bursts are exact; everything else goes through the API and the job runner
// main.ts uses. The timeout (1 s), the threshold (3) and the cool-downs (2 s, 3 s) are the
// test's, given to the deliveries as their options.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database } from '../../src/db/client.js';
import { runJobs, type JobRunner } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { MembershipTracker } from '../../src/segments/tracking.js';
import { systemClock } from '../../src/shared/clock.js';
import { afterTry, CLOSED_CIRCUIT, circuitState, failedForTheWholeSchedule, type Circuit } from '../../src/webhooks/circuit.js';
import { type DeliveryOptions } from '../../src/webhooks/delivery.js';
import { emitEvents, type WebhookEventType } from '../../src/webhooks/outbox.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { webhookDelivery } from '../support/runtime.js';
import { eventually } from '../support/eventually.js';

const TIMEOUT_MS = 1_000;
const CONCURRENCY = 4;
const PENDING = 40;
const BURST = 12;
const COOLDOWNS_MS = [2_000, 3_000];
const options: DeliveryOptions = {
  ...webhookDelivery(),
  // Long enough that no delivery runs out of tries, nor the endpoint out of time, during the test.
  retryDelaysMs: [1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 120_000],
  timeoutMs: TIMEOUT_MS,
  circuit: { failures: 3, cooldownsMs: COOLDOWNS_MS },
};

let client: TestClient;
let jobs: JobRunner;
let healthy: Receiver;
let hanging: Receiver;

async function register(receiver: Receiver, eventType: string): Promise<string> {
  const data = await client.ok(
    `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } } }`,
    {
      input: { url: receiver.url, eventTypes: [eventType] },
    },
  );
  receiver.secret = data.createWebhookEndpoint.data.secret;
  return data.createWebhookEndpoint.data.endpoint.id;
}

const CIRCUIT = `query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint { circuit { state openUntil consecutiveFailures failingSince } } } }`;
const circuitOf = async (endpointId: string) =>
  (await client.ok(CIRCUIT, { id: endpointId })).node.circuit as { state: string; openUntil: string | null; consecutiveFailures: number };

const DELIVERIES = `query ($id: ID!, $after: String) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 50, after: $after) { edges { node {
  status attemptCount nextAttemptAt event { id } attempts { at scheduled responseStatus error durationMs } } } } } } }`;
type Attempt = { at: string; scheduled: boolean; responseStatus: number | null; error: string | null; durationMs: number };
type Delivery = { status: string; attemptCount: number; nextAttemptAt: string | null; event: { id: string }; attempts: Attempt[] };
const deliveriesOf = async (endpointId: string): Promise<Delivery[]> =>
  (await client.ok(DELIVERIES, { id: endpointId })).node.deliveries.edges.map((edge: { node: Delivery }) => edge.node);

/** Writes `count` events of `type` to the outbox in one transaction; their webhook-ids. */
async function emit(type: WebhookEventType, count: number): Promise<string[]> {
  const before = await database.query<{ id: string }>({ text: 'SELECT id FROM "WebhookEvent"', values: [] });
  await database.transaction((read) =>
    emitEvents(
      read,
      Array.from({ length: count }, (_, index) => ({ type, at: new Date(), data: { index } })),
    ),
  );
  const known = new Set(before.map((row) => row.id));
  return (await database.query<{ id: string }>({ text: 'SELECT id FROM "WebhookEvent"', values: [] })).map((row) => row.id).filter((id) => !known.has(id));
}

/** Emits a burst of events for the healthy receiver and waits until every one has arrived. */
async function burstToHealthy(): Promise<void> {
  const ids = await emit('segment.entered', BURST);
  await eventually(() => expect(ids.filter((id) => !healthy.received.some((request) => request.id === id))).toEqual([]));
}

beforeAll(async () => {
  client = await createTestClient();
  jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, options), {
    clock: systemClock,
    concurrency: CONCURRENCY,
    pollMs: 50,
  });
  healthy = await startReceiver('/healthy');
  hanging = await startReceiver('/hanging');
});

afterAll(async () => {
  await jobs.stop();
  await healthy.close();
  await hanging.close();
});

describe('an endpoint that hangs', () => {
  it('delays no other endpoint, opens its circuit after 3 timeouts, holds its deliveries without trying them, and delivers every event once it answers again', async () => {
    const healthyId = await register(healthy, 'SEGMENT_ENTERED');
    const hangingId = await register(hanging, 'SEGMENT_LEFT');
    // The first four tries hang (three open the circuit, the fourth is the first trial); the receiver is back for the fifth.
    hanging.answer = (_request, n) => (n <= 4 ? 'hang' : 200);
    const pendingIds = await emit('segment.left', PENDING);
    await eventually(() => expect(hanging.received.length).toBeGreaterThan(0));
    // A burst to the healthy endpoint while the other hangs with its deliveries pending.
    await burstToHealthy();

    // Three timeouts in a row open the circuit: the endpoint's deliveries are held, not tried.
    // (It stays open, or open again after the failed trial, until the fifth try: no poll can miss it.)
    const opened = await eventually(async () => {
      const circuit = await circuitOf(hangingId);
      expect(circuit.state).toBe('OPEN');
      expect(circuit.consecutiveFailures).toBeGreaterThanOrEqual(3);
      return circuit;
    });
    const held = (await deliveriesOf(hangingId)).filter((delivery) => delivery.status === 'PENDING');
    expect(held).toHaveLength(PENDING);
    for (const delivery of held)
      expect(new Date(delivery.nextAttemptAt as string).getTime()).toBeGreaterThanOrEqual(new Date(opened.openUntil as string).getTime());
    // No worker is waiting on it: another burst reaches the healthy endpoint.
    await burstToHealthy();

    // The trial after the second cool-down succeeds, the circuit closes, and every event arrives.
    await eventually(async () => expect((await circuitOf(hangingId)).state).toBe('CLOSED'), 60_000);
    const settled = await eventually(async () => {
      const all = await deliveriesOf(hangingId);
      expect(all.map((delivery) => delivery.status)).toEqual(Array(PENDING).fill('SUCCEEDED'));
      return all;
    }, 60_000);
    const answered = new Set(hanging.received.filter((request) => request.verified).map((request) => request.id));
    for (const id of pendingIds) expect(answered).toContain(id);
    // Each request carried its own delivery's webhook-id and was logged; each delivery succeeded once.
    expect(new Set(hanging.received.map((request) => request.id)).size).toBe(PENDING);
    expect(hanging.received).toHaveLength(PENDING + 4);
    for (const delivery of settled) expect(delivery.attempts.filter((attempt) => attempt.responseStatus === 200)).toHaveLength(1);

    // The attempts in the order they were made: three timeouts, the circuit open for the first
    // cool-down (from the end of the third), a trial that timed out, the second cool-down, and only then the rest.
    const attempts = settled.flatMap((delivery) => delivery.attempts).map((attempt) => ({ ...attempt, start: new Date(attempt.at).getTime() }));
    attempts.sort((one, other) => one.start - other.start);
    expect(attempts).toHaveLength(PENDING + 4);
    expect(attempts.map((attempt) => attempt.responseStatus)).toEqual([null, null, null, null, ...Array(PENDING).fill(200)]);
    expect(attempts.slice(0, 4).every((attempt) => attempt.error === `No answer within ${TIMEOUT_MS} ms`)).toBe(true);
    const end = (attempt: { start: number; durationMs: number }) => attempt.start + attempt.durationMs;
    // One try at a time: each began once the one before had ended (to the millisecond the log
    // rounds to), so the hanging endpoint held one delivery worker, never all four.
    attempts.slice(1).forEach((attempt, index) => expect(attempt.start).toBeGreaterThanOrEqual(end(attempts[index] as (typeof attempts)[number]) - 1));
    const [, , third, trial, back] = attempts as [unknown, unknown, (typeof attempts)[number], (typeof attempts)[number], (typeof attempts)[number]];
    expect(trial.start).toBeGreaterThanOrEqual(end(third) + (COOLDOWNS_MS[0] as number));
    // The cool-down grew with the failed trial.
    expect(back.start).toBeGreaterThanOrEqual(end(trial) + (COOLDOWNS_MS[1] as number));
    // The healthy endpoint never failed a try.
    expect((await deliveriesOf(healthyId)).flatMap((delivery) => delivery.attempts.filter((attempt) => attempt.responseStatus !== 200))).toEqual([]);
  }, 180_000);
});

describe('circuit decisions', () => {
  const settings = { failures: 3, cooldownsMs: [1_000, 5_000] };
  const at = (ms: number) => ({ started: new Date(ms), ended: new Date(ms + 100) });
  const run = (results: Parameters<typeof afterTry>[1][], start: Circuit = CLOSED_CIRCUIT) =>
    results.reduce((circuit, result, index) => afterTry(circuit, result, at(index * 10_000), settings), start);

  it('opens after the threshold, grows the cool-down with each failed trial up to the last, and closes on any answer', () => {
    expect(run(['failed', 'failed']).openUntil).toBeNull();
    const opened = run(['failed', 'failed', 'failed']);
    expect(opened).toMatchObject({ consecutiveFailures: 3, openings: 1, openUntil: new Date(20_100 + 1_000), failingSince: new Date(0) });
    expect(circuitState(opened, new Date(20_500))).toBe('OPEN');
    expect(circuitState(opened, new Date(21_100))).toBe('HALF_OPEN');
    expect(run(['failed', 'failed', 'failed', 'failed']).openUntil).toEqual(new Date(30_100 + 5_000));
    expect(run(['failed', 'failed', 'failed', 'failed', 'failed']).openUntil).toEqual(new Date(40_100 + 5_000));
    expect(run(['failed', 'failed', 'failed', 'succeeded'])).toEqual(CLOSED_CIRCUIT);
    // A 4xx is an answer: the receiver is there.
    expect(run(['failed', 'failed', 'answered', 'failed', 'failed']).openUntil).toBeNull();
    // No request made (a refused target, a secret that does not decrypt) tells nothing.
    expect(run(['failed', 'failed', 'not-sent', 'not-sent'])).toEqual(run(['failed', 'failed']));
    expect(run(Array(10).fill('failed'), CLOSED_CIRCUIT)).toMatchObject({ consecutiveFailures: 10 });
    expect(afterTry(CLOSED_CIRCUIT, 'failed', at(0), { failures: 0, cooldownsMs: [1_000] }).openUntil).toBeNull();
  });

  it('tells when an endpoint has failed every try for as long as the retry schedule lasts, and at least as often', () => {
    const schedule = [5_000, 300_000];
    const failing = (consecutiveFailures: number, sinceMs: number): Circuit => ({ ...CLOSED_CIRCUIT, consecutiveFailures, failingSince: new Date(sinceMs) });
    expect(failedForTheWholeSchedule(failing(3, 0), new Date(305_000), schedule)).toBe(true);
    expect(failedForTheWholeSchedule(failing(3, 0), new Date(304_999), schedule)).toBe(false);
    // Two failures a long time apart are not a schedule's worth of failing.
    expect(failedForTheWholeSchedule(failing(2, 0), new Date(10_000_000), schedule)).toBe(false);
    expect(failedForTheWholeSchedule(CLOSED_CIRCUIT, new Date(10_000_000), schedule)).toBe(false);
  });
});
