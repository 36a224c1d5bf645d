// How long a healthy webhook endpoint's burst of events takes to arrive, alone and while a
// second endpoint hangs with 40 deliveries pending (1 s timeout, four delivery workers): the
// timing that test/webhooks/circuit.test.ts leaves out, since a test must not depend on how
// busy the machine is. Sharing the workers, the burst would wait behind the pending tries
// (40 × 1 s over 4 workers); one try at a time per endpoint, it should not wait at all.
// Prints medians of BENCH_ROUNDS bursts and their ratio; not a test. On an in-memory PGlite,
// or on DATABASE_URL.
import { createServer as createHttpServer, type Server } from 'node:http';

process.env.DATABASE_URL ??= 'pglite:memory';
process.env.LOG_LEVEL ??= 'error';
process.env.COHORT_SECRETS_KEY ??= 'YmVuY2gtb25seS1zZWNyZXRzLWtleS0zMi1ieXRlcyE=';
process.env.COHORT_WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1';

const { loadConfig } = await import('../src/config.js');
const { openRuntime } = await import('../src/runtime.js');
openRuntime(loadConfig());
const { database } = await import('../src/db/client.js');
const { migrateDatabase } = await import('../src/db/migrate.js');
await migrateDatabase(database);
const { createApiKey } = await import('../src/access/api-keys.js');
const { createServer } = await import('../src/server/yoga.js');
const { PluginRegistry } = await import('../src/registry/registry.js');
const { builtinPlugins } = await import('../plugins/index.js');
const { runJobs } = await import('../src/jobs/jobs.js');
const { cohortTasks } = await import('../src/jobs/tasks.js');
const { MembershipTracker } = await import('../src/segments/tracking.js');
const { systemClock } = await import('../src/shared/clock.js');
const { deliveryOptions } = await import('../src/webhooks/delivery.js');
const { emitEvents } = await import('../src/webhooks/outbox.js');
const { currentRuntime } = await import('../src/runtime.js');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TIMEOUT_MS = 1_000;
const CONCURRENCY = 4;
const PENDING = 40;
const BURST = 12;

const registry = new PluginRegistry(builtinPlugins);
const yoga = createServer({ registry });
const adminKey = (await createApiKey('bench admin', ['ADMIN'])).secret;
async function graphql(query: string, variables: Record<string, unknown>) {
  const response = await yoga.fetch('http://cohort.bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: Record<string, any> }).data;
}

/** A receiver that answers 200, or hangs; records when each webhook-id arrived. */
async function receiver(hang: boolean): Promise<{ url: string; arrivals: Map<string, number>; server: Server }> {
  const arrivals = new Map<string, number>();
  const server = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      arrivals.set(String(request.headers['webhook-id']), performance.now());
      if (!hang) response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`, arrivals, server };
}

async function register(url: string, eventType: string) {
  const data = await graphql(`mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, {
    input: { url, eventTypes: [eventType] },
  });
  if (data.createWebhookEndpoint.__typename !== 'MutationCreateWebhookEndpointSuccess') throw new Error(`Could not register ${url}`);
}

async function emit(type: 'segment.entered' | 'segment.left', count: number): Promise<string[]> {
  const known = new Set((await database.query<{ id: string }>({ text: 'SELECT id FROM "WebhookEvent"', values: [] })).map((row) => row.id));
  await database.transaction((read) =>
    emitEvents(
      read,
      Array.from({ length: count }, (_, index) => ({ type, at: new Date(), data: { index } })),
    ),
  );
  return (await database.query<{ id: string }>({ text: 'SELECT id FROM "WebhookEvent"', values: [] })).map((row) => row.id).filter((id) => !known.has(id));
}

const healthy = await receiver(false);
const hanging = await receiver(true);
const options = {
  ...deliveryOptions(currentRuntime().config.webhooks),
  retryDelaysMs: [60_000],
  timeoutMs: TIMEOUT_MS,
  circuit: { failures: 1_000, cooldownsMs: [60_000] },
};
const jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, options), {
  clock: systemClock,
  concurrency: CONCURRENCY,
  pollMs: 50,
});

/** From the commit that wrote a burst to the arrival of its last event. */
async function burst(): Promise<number> {
  const begun = performance.now();
  const ids = await emit('segment.entered', BURST);
  while (!ids.every((id) => healthy.arrivals.has(id))) await new Promise((resolve) => setTimeout(resolve, 5));
  return Math.max(...ids.map((id) => healthy.arrivals.get(id) as number)) - begun;
}
async function median(): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) times.push(await burst());
  return times.sort((one, other) => one - other)[Math.floor(ROUNDS / 2)] as number;
}

await register(healthy.url, 'SEGMENT_ENTERED');
await burst();
const alone = await median();
// The circuit is left closed (a threshold of 1,000): every pending delivery is tried, one at a time.
await register(hanging.url, 'SEGMENT_LEFT');
await emit('segment.left', PENDING);
while (hanging.arrivals.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));
const whileHanging = await median();
console.log(
  `Healthy endpoint, ${BURST} events: ${alone.toFixed(0)} ms alone, ${whileHanging.toFixed(0)} ms with another endpoint hanging (${PENDING} pending, ${TIMEOUT_MS} ms timeout): ${(whileHanging / alone).toFixed(2)}× (medians of ${ROUNDS}).`,
);
console.log(`Sharing the delivery workers would add about ${(PENDING * TIMEOUT_MS) / CONCURRENCY} ms.`);

await jobs.stop();
for (const { server } of [healthy, hanging]) {
  server.closeAllConnections();
  server.close();
}
await database.close();
