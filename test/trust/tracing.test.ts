// Tracing, when configured: a span per request, GraphQL execution inside it, and the database
// calls inside that (the hot path's lean queries and Prisma's), with their statements.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { startTracing } from '../../src/shared/tracing.js';
import { createTestClient } from '../support/http.js';

const exporter = new InMemorySpanExporter();

describe('tracing', () => {
  it('is off unless an OTLP endpoint is configured', () => {
    expect(startTracing({})).toBeNull();
  });

  const tracing = startTracing({}, exporter);
  afterAll(() => tracing?.shutdown());

  it('records the request, the operation and its database calls as one trace', async () => {
    const client = await createTestClient();
    exporter.reset();
    const result = await client.request(
      `query Eligible($input: EligibilityInput!) { eligiblePromotions(input: $input) { __typename } }`,
      { input: { cart: { currency: 'USD', lines: [] } } },
      'storefront',
    );
    expect(result.errors).toBeUndefined();
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.name === 'POST /graphql');
    const execution = spans.find((span) => span.name === 'graphql.execute Eligible');
    const queries = spans.filter((span) => span.name === 'db.query' || span.name.startsWith('prisma:'));
    expect(request).toBeDefined();
    expect(execution?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((span) => span.spanContext().traceId === request?.spanContext().traceId)).toBe(true);
    expect(spans.find((span) => span.name === 'db.query')?.attributes['db.statement']).toMatch(/SELECT/);
  });
});
