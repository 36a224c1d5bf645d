// The console's bundle budget (scripts/check-bundle.ts) on the build `npm test` makes first
// (pretest): the first page's JavaScript, gzipped, within 350 kB; charts load later.
import { describe, expect, it } from 'vitest';
import { BUDGET_GZIP_BYTES, bundleReport } from '../../scripts/check-bundle.js';

describe('the console bundle', () => {
  it('keeps the first page within its budget, the chart library out of it', () => {
    const report = bundleReport();
    expect(report.firstPage.length).toBeGreaterThan(0);
    expect(report.firstPageGzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(report.firstPage.map((entry) => entry.file).join()).not.toMatch(/echart/);
  });
});
