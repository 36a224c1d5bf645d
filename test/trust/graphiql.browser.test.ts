// GraphiQL as a new user meets it, in headless Chromium (Debian's chromium, driven by
// playwright-core): the page and its assets come from this server only (every other request
// is refused and recorded), the headers editor shows how to send the key, and the default
// query runs. Skipped where Chromium is not installed, except in CI, where .ci/run installs it.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { createApiKey } from '../../src/access/api-keys.js';
import { createServer } from '../../src/server/yoga.js';
import { registry as pluginRegistry } from '../support/registry.js';

const available = chromiumAvailable();

describe.skipIf(!available)('GraphiQL', () => {
  let server: Server;
  let browser: Browser;
  let base = '';
  let adminKey = '';

  beforeAll(async () => {
    adminKey = (await createApiKey('GraphiQL test', ['ADMIN'])).secret;
    server = createHttpServer(createServer({ registry: pluginRegistry }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('renders offline, says how to send the key, and runs its default query', async () => {
    const page = await browser.newPage();
    const elsewhere: string[] = [];
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== base) {
        elsewhere.push(url.href);
        return route.abort();
      }
      // Stands in for the user pasting their key into the headers editor.
      if (url.pathname === '/graphql' && route.request().method() === 'POST')
        return route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${adminKey}` } });
      return route.continue();
    });
    await page.goto(`${base}/graphql`);
    await expect.poll(() => page.title()).toBe('Cohort');
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    // The editors render spaces as no-break spaces.
    const text = async () => (await page.evaluate(() => document.body.innerText)).replace(/\u00a0/g, ' ');
    await expect.poll(text, { timeout: 10_000 }).toContain('Bearer <paste your API key here>');
    expect(await text()).toContain('Every request needs an API key');

    await page.locator('.graphiql-execute-button').click();
    await expect.poll(text, { timeout: 10_000 }).toContain('"promotions"');
    expect(elsewhere).toEqual([]);
    await page.close();
  }, 90_000);
});
