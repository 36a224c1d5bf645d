// Debian's Chromium, driven by playwright-core, for the tests and benchmarks that look at a page
// as a person does: one place for where it lives and how it is started (headless, offline: no
// background requests, no updates, no sync).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether Chromium is installed here. Browser tests skip themselves without it, except in CI,
 * where .ci/run installs it: there its absence is a failure, not a skip.
 */
export function chromiumAvailable(): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for the browser tests`);
  return available;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
