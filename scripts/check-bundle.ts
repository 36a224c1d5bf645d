// `npm run console:bundle`: the console's bundle budget. The first page loads index.html's
// entry script and the chunks it preloads; their JavaScript, gzipped, must stay within
// BUDGET. Heavy parts (charts, the editors) are loaded by the pages that need them.
// test/console/bundle.test.ts runs the same check in the suite.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_GZIP_BYTES = 350 * 1024;
export const CONSOLE_DIST = fileURLToPath(new URL('../packages/console/dist/', import.meta.url));

export interface BundleReport {
  /** The first page's scripts (entry and preloaded chunks), gzipped bytes each. */
  firstPage: { file: string; gzip: number }[];
  firstPageGzip: number;
  /** Every script of the build, loaded or not at first. */
  allGzip: number;
}

const gzipOf = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function bundleReport(dist = CONSOLE_DIST): BundleReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/console\/([^"]+\.js)"/g)].map(
    (match) => match[1] as string,
  );
  const firstPage = scripts.map((file) => ({ file, gzip: gzipOf(join(dist, file)) }));
  const all = readdirSync(join(dist, 'assets')).filter((file) => file.endsWith('.js'));
  return {
    firstPage,
    firstPageGzip: firstPage.reduce((sum, entry) => sum + entry.gzip, 0),
    allGzip: all.reduce((sum, file) => sum + gzipOf(join(dist, 'assets', file)), 0),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = bundleReport();
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  for (const entry of report.firstPage) console.log(`  ${entry.file}  ${kB(entry.gzip)} gzipped`);
  console.log(`First page: ${kB(report.firstPageGzip)} of JavaScript gzipped (budget ${kB(BUDGET_GZIP_BYTES)}); every chunk together: ${kB(report.allGzip)}.`);
  if (report.firstPageGzip > BUDGET_GZIP_BYTES) {
    console.error('Over budget: load the heavy parts lazily (packages/console/src/app.tsx).');
    process.exit(1);
  }
}
