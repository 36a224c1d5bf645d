// Webhooks do not reach internal services. Through the API, every form of a private or special
// address (loopback written five ways, RFC 1918, link-local and the metadata service, CGNAT,
// unique local, the unspecified address, the server's own), a name that resolves to one, and
// every malformed URL (CR/LF, a leading space, credentials, another scheme) is refused when an
// endpoint is registered or changed, as BAD_USER_INPUT naming input.url; what is accepted is
// stored normalised. At delivery, a name that has come to resolve to loopback since (DNS
// rebinding) is refused with no connection made, and a connection goes to the address that was
// checked. COHORT_WEBHOOK_ALLOWED_HOSTS lets 127.0.0.1 through. Of an answer, only a non-2xx
// body is kept, cut to 256 bytes.
//
// DNS is the test's: the API's and the deliveries' resolvers are given (the `webhookTargets`
// server option and cohortTasks' delivery options), so names under shop.test resolve where the
// test says, and the server's own addresses are the test's too.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '../../src/db/client.js';
import { runJobs, type JobRunner } from '../../src/jobs/jobs.js';
import { cohortTasks } from '../../src/jobs/tasks.js';
import { MembershipTracker } from '../../src/segments/tracking.js';
import { systemClock } from '../../src/shared/clock.js';
import { NOTHING_ALLOWED, parseAllowList, resolveWithDns, type ResolvedAddress, type TargetPolicy } from '../../src/webhooks/targets.js';
import { createTestClient, type TestClient } from '../support/http.js';
import { registry } from '../support/registry.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { webhookDelivery } from '../support/runtime.js';
import { eventually } from '../support/eventually.js';

const OWN_PUBLIC_ADDRESS = '93.184.216.40';
/** Where names under shop.test resolve now; other names go to the system's resolver (localhost). */
const dns = new Map<string, ResolvedAddress[]>();
const resolve = async (hostname: string) => dns.get(hostname) ?? resolveWithDns(hostname);
const ipv4 = (address: string): ResolvedAddress[] => [{ address, family: 4 }];

const apiTargets: TargetPolicy = { allowed: NOTHING_ALLOWED, resolve, ownAddresses: () => ['127.0.0.1', OWN_PUBLIC_ADDRESS] };
const deliveryTargets: TargetPolicy = { allowed: NOTHING_ALLOWED, resolve, ownAddresses: () => [] };

let client: TestClient;
let allowingClient: TestClient;
let jobs: JobRunner;
let receiver: Receiver;

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id url } } } ... on Error { __typename message } } }`;
const create = (url: string, as: TestClient = client) => as.request(CREATE, { input: { url, eventTypes: ['SEGMENT_ENTERED'] } });

async function register(url: string, as: TestClient = client): Promise<{ id: string; url: string }> {
  const result = await create(url, as);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  receiver.secret = result.data.createWebhookEndpoint.data.secret;
  return result.data.createWebhookEndpoint.data.endpoint;
}

const ATTEMPTS = `query ($id: ID!) { node(id: $id) { ... on WebhookEndpoint { deliveries(first: 5) { edges { node { status attempts { responseStatus responseBody error } } } } } } }`;
const attemptsOf = async (endpointId: string) => {
  const result = await client.request(ATTEMPTS, { id: endpointId });
  return result.data.node.deliveries.edges.flatMap((edge: { node: { attempts: unknown[] } }) => edge.node.attempts) as {
    responseStatus: number | null;
    responseBody: string | null;
    error: string | null;
  }[];
};

/** One segment.entered event, through an order, as a shop makes them. */
let orders = 0;
async function anEvent() {
  orders += 1;
  const externalId = `target-${orders}`;
  await client.request('mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }', { input: { externalId } });
  await client.request('mutation ($input: OrderInput!) { upsertOrder(input: $input) { __typename } }', {
    input: {
      externalId: `TARGET-${orders}`,
      customer: { externalId },
      status: 'VALIDATED',
      placedAt: new Date().toISOString(),
      currency: 'USD',
      lines: [{ sku: 'TARGET-ITEM', quantity: 1, unitPrice: 40_000 }],
    },
  });
}

beforeAll(async () => {
  client = await createTestClient({ webhookTargets: apiTargets });
  allowingClient = await createTestClient({ webhookTargets: { ...apiTargets, allowed: parseAllowList('test', '127.0.0.1') } });
  jobs = await runJobs(cohortTasks(new MembershipTracker(registry, systemClock), systemClock, { ...webhookDelivery(), targets: deliveryTargets }), {
    clock: systemClock,
    concurrency: 4,
    pollMs: 50,
  });
  receiver = await startReceiver();
  await client.request('mutation ($input: ProductInput!) { upsertProduct(input: $input) { __typename } }', {
    input: { sku: 'TARGET-ITEM', name: 'Item', price: { amount: 40_000, currency: 'USD' } },
  });
  await client.request('mutation ($input: CreateSegmentInput!) { createSegment(input: $input) { __typename } }', {
    input: { name: 'Spent more than $300', rule: { condition: { amountSpent: { amount: { moreThan: { amount: 30_000, currency: 'USD' } } } } } },
  });
});

afterAll(async () => {
  await jobs.stop();
  await receiver.close();
});

beforeEach(async () => {
  await prisma.webhookEndpoint.deleteMany();
  dns.clear();
  deliveryTargets.allowed = NOTHING_ALLOWED;
  receiver.received = [];
  receiver.connections = 0;
  receiver.answer = () => 200;
});

describe('webhook targets', () => {
  it('refuses private and special addresses in every form, names that resolve to them, and malformed URLs, as BAD_USER_INPUT naming input.url', async () => {
    dns.set('inside.shop.test', ipv4('10.1.2.3'));
    dns.set('metadata.shop.test', [
      { address: '93.184.216.34', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]);
    const refused: [string, RegExp][] = [
      ['http://127.0.0.1:6379/', /127\.0\.0\.1 is a loopback address/],
      ['http://2130706433:5432/', /127\.0\.0\.1 is a loopback address/],
      ['http://0x7f.1/', /127\.0\.0\.1 is a loopback address/],
      ['http://0177.0.0.1/', /127\.0\.0\.1 is a loopback address/],
      ['http://[::1]/', /::1 is a loopback address/],
      ['http://[::ffff:127.0.0.1]/', /::ffff:7f00:1 \(127\.0\.0\.1\) is a loopback address/],
      ['http://localhost:4000/graphql', /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
      ['http://10.0.0.5/', /private address/],
      ['http://172.16.0.1/', /private address/],
      ['http://192.168.1.1/', /private address/],
      ['http://169.254.169.254/latest/meta-data/', /link-local/],
      ['http://100.64.0.1/', /CGNAT/],
      ['http://0.0.0.0/', /unspecified/],
      ['http://[::]/', /unspecified/],
      ['http://[fc00::1]/', /unique local/],
      ['http://[fe80::1]/', /link-local/],
      ['http://[::ffff:10.0.0.1]/', /private address/],
      ['http://224.0.0.1/', /multicast/],
      ['http://255.255.255.255/', /broadcast/],
      ['http://192.0.2.1/', /reserved/],
      [`http://${OWN_PUBLIC_ADDRESS}/`, /this server's own addresses/],
      ['https://inside.shop.test/hooks', /inside\.shop\.test resolves to 10\.1\.2\.3, a private address/],
      ['https://metadata.shop.test/hooks', /resolves to 169\.254\.169\.254/],
      ['https://crm.shop.test/hooks\r\nX-Injected: 1', /control characters/],
      ['https://crm.shop.test/ho\nks', /control characters/],
      [' https://crm.shop.test/hooks', /whitespace/],
      ['https://crm.shop.test/hooks ', /whitespace/],
      ['https://user:pass@crm.shop.test/hooks', /credentials/],
      ['ftp://crm.shop.test/hooks', /http or https/],
      ['file:///etc/passwd', /http or https/],
    ];
    for (const [url, reason] of refused) {
      const result = await create(url);
      const error = result.errors?.[0];
      expect(error?.extensions?.code, `${JSON.stringify(url)}: ${JSON.stringify(result)}`).toBe('BAD_USER_INPUT');
      expect(error?.extensions?.issues, JSON.stringify(url)).toEqual([{ path: 'input.url', message: expect.stringMatching(reason) }]);
    }
    expect(await prisma.webhookEndpoint.count()).toBe(0);
  });

  it('stores a URL normalised, and refuses a private one on update too, keeping the URL it had', async () => {
    dns.set('crm.shop.test', ipv4('93.184.216.34'));
    const endpoint = await register('HTTPS://CRM.Shop.test:443/a/../hooks?token=1');
    expect(endpoint.url).toBe('https://crm.shop.test/hooks?token=1');
    const update = (url: string) =>
      client.request(`mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename } }`, {
        input: { id: endpoint.id, url },
      });
    for (const url of ['http://169.254.169.254/', 'http://[::ffff:7f00:1]/', 'https://crm.shop.test/\u0000']) {
      const result = await update(url);
      expect(result.errors?.[0]?.extensions?.issues, url).toEqual([{ path: 'input.url', message: expect.any(String) }]);
    }
    expect((await prisma.webhookEndpoint.findFirstOrThrow()).url).toBe('https://crm.shop.test/hooks?token=1');
  });

  it('refuses at delivery a name that has come to resolve to loopback, without connecting, and says why', async () => {
    const port = new URL(receiver.url).port;
    dns.set('crm.shop.test', ipv4('93.184.216.34'));
    const endpoint = await register(`http://crm.shop.test:${port}/hooks`);
    // Since registration, the name points inside (DNS rebinding).
    dns.set('crm.shop.test', ipv4('127.0.0.1'));
    await anEvent();
    const [attempt] = await eventually(async () => {
      const attempts = await attemptsOf(endpoint.id);
      expect(attempts.length).toBeGreaterThan(0);
      return attempts;
    });
    expect(attempt).toEqual({
      responseStatus: null,
      responseBody: null,
      error: expect.stringMatching(/^Refused: crm\.shop\.test resolves to 127\.0\.0\.1, a loopback address; not connected/),
    });
    expect(receiver.connections).toBe(0);
    expect(receiver.received).toEqual([]);
  });

  it('lets the allow-list through, and connects to the address it checked', async () => {
    deliveryTargets.allowed = parseAllowList('test', '127.0.0.1');
    // The same address given as is: refused by a server without the allow-list, accepted by one with it.
    expect((await create(receiver.url)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const direct = await register(receiver.url, allowingClient);
    // A name no real resolver knows: the request can only have gone to the address the check resolved it to.
    dns.set('pinned.shop.test', ipv4('127.0.0.1'));
    const pinned = await register(`http://pinned.shop.test:${new URL(receiver.url).port}/hooks`, allowingClient);
    await anEvent();
    await eventually(() => expect(receiver.received).toHaveLength(2));
    for (const endpoint of [direct, pinned])
      await eventually(async () => expect((await attemptsOf(endpoint.id)).map((attempt) => attempt.responseStatus)).toEqual([200]));
  });

  it('keeps the start of a non-2xx answer (256 bytes, no character cut in half) and nothing of a 2xx one', async () => {
    deliveryTargets.allowed = parseAllowList('test', '127.0.0.1');
    const endpoint = await register(receiver.url, allowingClient);
    receiver.answer = (_request, n) => (n === 1 ? { status: 500, body: `a${'é'.repeat(2_000)}` } : { status: 200, body: 'x'.repeat(5_000) });
    await anEvent();
    const attempts = await eventually(async () => {
      const found = await attemptsOf(endpoint.id);
      expect(found).toHaveLength(2);
      return found;
    });
    // 1 byte of "a", then 127 "é" of 2 bytes each; the 128th would be cut in half at byte 256.
    expect(attempts[0]).toMatchObject({ responseStatus: 500, responseBody: `a${'é'.repeat(127)}` });
    expect(attempts[1]).toMatchObject({ responseStatus: 200, responseBody: null });
  });

  it('reads COHORT_WEBHOOK_ALLOWED_HOSTS as names, addresses and ranges, and refuses anything else at start', () => {
    const allowed = parseAllowList('COHORT_WEBHOOK_ALLOWED_HOSTS', ' CRM.internal., 10.20.0.0/16 ,[fd00::1], ::ffff:192.168.1.9 ');
    expect([...allowed.names]).toEqual(['crm.internal']);
    expect(allowed.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual(['10.20.0.0/16', 'fd00::1/128', '192.168.1.9/32']);
    for (const wrong of ['10.0.0.0/33', 'http://crm.internal', 'crm internal', '*.internal'])
      expect(() => parseAllowList('COHORT_WEBHOOK_ALLOWED_HOSTS', wrong), wrong).toThrow(/COHORT_WEBHOOK_ALLOWED_HOSTS/);
  });
});
