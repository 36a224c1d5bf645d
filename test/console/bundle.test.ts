// The console's bundle budget (scripts/check-bundle.ts) on the build `npm test` makes first
// (pretest): the first page's JavaScript, gzipped, within 350 kB; charts and the rule editor's
// text mode (CodeMirror) load later.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET_GZIP_BYTES, bundleReport, CONSOLE_DIST } from '../../scripts/check-bundle.js';

describe('the console bundle', () => {
  it('keeps the first page within its budget, the chart library and CodeMirror out of it', () => {
    const report = bundleReport();
    expect(report.firstPage.length).toBeGreaterThan(0);
    expect(report.firstPageGzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(report.firstPage.map((entry) => entry.file).join()).not.toMatch(/echart|rule-text/);
    // CodeMirror's own class names: none of its code is in what the first page loads.
    for (const entry of report.firstPage) expect(readFileSync(join(CONSOLE_DIST, entry.file), 'utf8'), entry.file).not.toContain('cm-scroller');
  });
});
