// The language package works as a browser editor uses it: bundled for the browser (esbuild,
// platform "browser": a Node built-in would fail the build), then run in a context that has
// ECMAScript's globals and Intl but nothing of Node (no process, require, Buffer), on a schema
// rebuilt from the server's introspection (buildClientSchema). It must read, print and suggest
// as it does on the server's own schema.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describeConditions, parseQuery, printQuery, suggestAt } from '@cohort/segment-query';
import { getIntrospectionQuery, graphqlSync } from 'graphql';
import { describe, expect, it } from 'vitest';
import shippingMethodPlugin from '../../examples/shipping-method/index.js';
import { buildSchema } from '../../src/server/schema.js';
import { ROOT } from '../support/processes.js';
import { registryWith } from '../support/registry.js';
import { schemaOptions } from '../support/runtime.js';

const schema = buildSchema(registryWith(shippingMethodPlugin), schemaOptions());
const vocabulary = describeConditions(schema);
const texts = [
  'amountSpent(within: last 365 days) > 300.00 USD AND NOT customerCategory(categories: ["wholesale"])',
  "shippingMethodUsed(methods: ['SoColissimo'], minOrders: 5, within: since 2026-01-01) OR AND(orderCount between 1 and 3)",
  'amountSpent > $300',
  'orderCount(statuses: [VALIDATED, SHIPPED]) >= 1',
  'shippingMethodUsed(methods: ["x"], minOrder: 5)',
  'customerTag(anyOf: ["vip"]) AND (age >= 18',
];
const positions = ['', 'shippingMethodUsed(', 'amountSpent(within: last 30 days) ', 'orderCount(statuses: [', 'customerTag(anyOf: ["v'];

describe('the segment query package in a browser', () => {
  it('bundles for the browser, and reads, prints and suggests there as in Node', async () => {
    const require = createRequire(import.meta.url);
    const bundle = await build({
      stdin: {
        contents: `export { buildClientSchema } from 'graphql'; export * from '@cohort/segment-query';`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'segmentQuery',
      write: false,
      logLevel: 'silent',
      // graphql's CommonJS entry, as the server uses it (a browser bundle may take either).
      alias: { graphql: require.resolve('graphql') },
      nodePaths: [join(ROOT, 'node_modules')],
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\("node:|from "node:/);

    const introspection = graphqlSync({ schema, source: getIntrospectionQuery({ oneOf: true }) }).data;
    // A fresh context: ECMAScript's globals only (vm gives Intl too); `process`, `require`, `Buffer` are absent.
    const inBrowser = runInNewContext(
      `${code};
      const { buildClientSchema, describeConditions, parseQuery, printQuery, suggestAt } = segmentQuery;
      const vocabulary = describeConditions(buildClientSchema(introspection));
      ({
        node: typeof process + typeof require + typeof Buffer,
        parsed: texts.map((text) => { const { rule, errors } = parseQuery(text, vocabulary); return { rule, errors, printed: rule ? printQuery(rule, vocabulary) : null }; }),
        suggested: positions.map((text) => suggestAt(text, text.length, vocabulary)),
      })`,
      { introspection, texts, positions },
    ) as { node: string; parsed: unknown[]; suggested: unknown[] };

    expect(inBrowser.node).toBe('undefinedundefinedundefined');
    const inNode = texts.map((text) => {
      const { rule, errors } = parseQuery(text, vocabulary);
      return { rule, errors, printed: rule ? printQuery(rule, vocabulary) : null };
    });
    // Across contexts, objects compare by their JSON.
    expect(JSON.parse(JSON.stringify(inBrowser.parsed))).toEqual(JSON.parse(JSON.stringify(inNode)));
    expect(JSON.parse(JSON.stringify(inBrowser.suggested))).toEqual(
      JSON.parse(JSON.stringify(positions.map((text) => suggestAt(text, text.length, vocabulary)))),
    );
  });
});
