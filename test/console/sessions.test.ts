// Console sign-in through HTTP: a key exchanged for an HttpOnly, SameSite=Strict cookie, only a
// hash of whose token is stored; the cookie counts only with the console's header (CSRF), ends
// with its expiry, with sign-out and with its key; exports accept it like a key.
import { describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/access/api-keys.js';
import { prisma } from '../../src/db/client.js';
import { createServer } from '../../src/server/yoga.js';
import { fixedClock } from '../../src/shared/clock.js';
import { registry } from '../support/registry.js';

const clock = fixedClock('2026-12-01T10:00:00Z');
const yoga = createServer({ registry, clock, sessionTtlMs: 8 * 3_600_000, consoleDir: null });
const admin = await createApiKey('console admin', ['ADMIN']);
const storefront = await createApiKey('console storefront', ['STOREFRONT']);

const SIGN_IN = `mutation ($key: String!) { signIn(input: { key: $key }) {
  __typename ... on MutationSignInSuccess { data { expiresAt viewer { name scopes sessionExpiresAt } } }
  ... on Error { message } ... on InvalidInputError { path } } }`;

async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://cohort.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { response, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const CONSOLE = { 'x-cohort-console': '1' };

async function signIn(key: string) {
  const { response, body } = await post(SIGN_IN, { key }, CONSOLE);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { body, setCookie, cookie: setCookie.split(';')[0] as string };
}

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie whose token is stored only as a hash', async () => {
    const { body, setCookie, cookie } = await signIn(admin.secret);
    expect(body.data.signIn).toMatchObject({
      __typename: 'MutationSignInSuccess',
      data: { expiresAt: '2026-12-01T18:00:00.000Z', viewer: { name: 'console admin', scopes: ['ADMIN'] } },
    });
    expect(setCookie).toMatch(/^cohort_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Expires=Tue, 01 Dec 2026 18:00:00 GMT$/);
    const token = cookie.split('=')[1] as string;
    const stored = await prisma.consoleSession.findMany({ where: { apiKeyId: admin.apiKey.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored[0]?.expiresAt.toISOString()).toBe('2026-12-01T18:00:00.000Z');
  });

  it('is Secure over HTTPS (or behind a proxy that says so)', async () => {
    const response = await yoga.fetch('http://cohort.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', ...CONSOLE },
      body: JSON.stringify({ query: SIGN_IN, variables: { key: admin.secret } }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses wrong and storefront keys, naming the field, and a request without the console header', async () => {
    expect((await signIn(`cohort_aaaaaaaaaaaa_${'b'.repeat(43)}`)).body.data.signIn).toMatchObject({ __typename: 'InvalidInputError', path: ['input', 'key'] });
    const asStorefront = await signIn(storefront.secret);
    expect(asStorefront.body.data.signIn).toMatchObject({ __typename: 'InvalidInputError', message: expect.stringContaining('storefront key cannot sign in') });
    expect(asStorefront.setCookie).toBe('');
    const withoutHeader = await post(SIGN_IN, { key: admin.secret });
    expect(withoutHeader.body.data.signIn).toMatchObject({ __typename: 'BaseError', message: expect.stringContaining('x-cohort-console') });
    expect(withoutHeader.response.headers.get('set-cookie')).toBeNull();
  });
});

describe('the session cookie', () => {
  const ADMIN_READ = '{ viewer { name sessionExpiresAt } segments(first: 1) { totalCount } }';

  it('is a credential only with the console header', async () => {
    const { cookie } = await signIn(admin.secret);
    const withHeader = await post(ADMIN_READ, {}, { cookie, ...CONSOLE });
    expect(withHeader.body.errors).toBeUndefined();
    expect(withHeader.body.data.viewer).toEqual({ name: 'console admin', sessionExpiresAt: '2026-12-01T18:00:00.000Z' });
    // A form or an image on another site can send the cookie (were it not Strict), never the header.
    const withoutHeader = await post(ADMIN_READ, {}, { cookie });
    expect(withoutHeader.response.status).toBe(401);
    expect(withoutHeader.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends when it expires', async () => {
    const { cookie } = await signIn(admin.secret);
    clock.advance(8 * 3_600_000 - 1_000);
    expect((await post(ADMIN_READ, {}, { cookie, ...CONSOLE })).response.status).toBe(200);
    clock.advance(2_000);
    expect((await post(ADMIN_READ, {}, { cookie, ...CONSOLE })).response.status).toBe(401);
    clock.set('2026-12-01T10:00:00Z');
  });

  it('ends with sign-out, which removes the cookie and the stored session', async () => {
    const { cookie } = await signIn(admin.secret);
    const before = await prisma.consoleSession.count();
    const { response, body } = await post('mutation { signOut { ... on MutationSignOutSuccess { data { signedOut } } } }', {}, { cookie, ...CONSOLE });
    expect(body.data.signOut.data.signedOut).toBe(true);
    expect(response.headers.get('set-cookie')).toBe('cohort_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    expect(await prisma.consoleSession.count()).toBe(before - 1);
    expect((await post(ADMIN_READ, {}, { cookie, ...CONSOLE })).response.status).toBe(401);
  });

  it('ends when its key is revoked', async () => {
    const key = await createApiKey('revoked soon', ['ADMIN']);
    const { cookie } = await signIn(key.secret);
    expect((await post(ADMIN_READ, {}, { cookie, ...CONSOLE })).response.status).toBe(200);
    await revokeApiKey(key.apiKey.id);
    expect((await post(ADMIN_READ, {}, { cookie, ...CONSOLE })).response.status).toBe(401);
  });

  it('opens member exports, with the header only', async () => {
    const { cookie } = await signIn(admin.secret);
    const created = await post(
      'mutation { createSegment(input: { name: "Session export", rule: { condition: { customerCategory: { categories: ["x"] } } } }) { ... on MutationCreateSegmentSuccess { data { segment { id } } } } }',
      {},
      { cookie, ...CONSOLE },
    );
    const id = created.body.data.createSegment.data.segment.id as string;
    const download = (headers: Record<string, string>) => yoga.fetch(`http://cohort.test/export/segments/${encodeURIComponent(id)}/members.csv`, { headers });
    const allowed = await download({ cookie, ...CONSOLE });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^id,externalId,/);
    expect((await download({ cookie })).status).toBe(401);
  });
});
