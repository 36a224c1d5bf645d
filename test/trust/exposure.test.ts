// What Cohort keeps and shows: the API-key cache stays bounded whatever keys are tried, member
// exports do not carry formulas into spreadsheets, and browsers may call only allowed origins.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_KEY_CACHE, rememberedKeyCount } from '../../src/access/api-keys.js';
import { loadConfig } from '../../src/config.js';
import { createServer } from '../../src/server/yoga.js';
import { createTestClient } from '../support/http.js';
import { registry as pluginRegistry } from '../support/registry.js';

const client = await createTestClient();
const yoga = createServer({ registry: pluginRegistry });

describe('the API-key cache', () => {
  it('stays bounded under thousands of wrong keys, each refused', async () => {
    const wrongKey = () => `cohort_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const statuses = new Set<number>();
    for (let batch = 0; batch < 25; batch += 1) {
      const responses = await Promise.all(Array.from({ length: 480 }, () => client.status('{ shopSettings { timeZone } }', { key: wrongKey() })));
      for (const status of responses) statuses.add(status);
    }
    expect([...statuses]).toEqual([401]);
    expect(rememberedKeyCount()).toBeLessThanOrEqual(API_KEY_CACHE.max);
    // A valid key still works, and is remembered.
    expect(await client.status('{ shopSettings { timeZone } }', 'storefront')).toBe(200);
  }, 120_000);
});

describe('member exports', () => {
  it('neutralise spreadsheet formulas in shopper-supplied values, in CSV and JSON, keeping phone numbers as they are', async () => {
    await client.request(`mutation ($input: CustomerInput!) { upsertCustomer(input: $input) { __typename } }`, {
      input: {
        externalId: 'formula-1',
        firstName: '=HYPERLINK("http://evil.example","Click")',
        lastName: '-Smith+A1',
        phone: '+33 6 12 34 56 78',
        category: 'formula',
      },
    });
    const created = await client.request(
      `mutation { createSegment(input: { name: "Formulas", rule: { condition: { customerCategory: { categories: ["formula"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }`,
    );
    const id = created.data.createSegment.data.segment.id;
    const download = (format: string) =>
      yoga.fetch(`http://cohort.test/export/segments/${encodeURIComponent(id)}/members.${format}`, {
        headers: { authorization: `Bearer ${client.keys.admin}` },
      });
    const csv = await (await download('csv')).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csv).toContain(`,'-Smith+A1,+33 6 12 34 56 78,`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
    const json = (await (await download('json')).json()) as { firstName: string; lastName: string; phone: string }[];
    expect(json[0]).toMatchObject({ firstName: `'=HYPERLINK("http://evil.example","Click")`, lastName: "'-Smith+A1", phone: '+33 6 12 34 56 78' });
  });
});

describe('CORS', () => {
  const preflight = (server: ReturnType<typeof createServer>, origin: string) =>
    server.fetch('http://cohort.test/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers no origin by default, and never allows credentials', async () => {
    const response = await preflight(yoga, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows exactly the configured origins (COHORT_CORS_ORIGINS), without credentials', async () => {
    const origins = loadConfig({ COHORT_CORS_ORIGINS: 'https://shop.example, https://admin.example' }).corsOrigins;
    expect(origins).toEqual(['https://shop.example', 'https://admin.example']);
    const configured = createServer({ registry: pluginRegistry, corsOrigins: origins });
    const allowed = await preflight(configured, 'https://shop.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight(configured, 'https://evil.example')).headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});
