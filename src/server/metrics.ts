// Prometheus metrics at GET /metrics: GraphQL operations (count and duration by operation),
// HTTP request durations by status, errors by code, the PostgreSQL pool, the live promotions'
// reads and checks (cohort_catalogue_total: named before the word changed, kept for dashboards),
// redemptions by outcome, and the process's own (CPU, memory, event loop lag, GC).
// @graphql-yoga/plugin-prometheus measures the GraphQL pipeline and serves the endpoint;
// prom-client, which it is built on, holds the rest. Metric names start with "cohort_".
//
// Operation names are chosen by clients, so the label keeps the first 200 distinct names and
// counts any other as "other": a client cannot grow the metrics without end.
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { database } from '../db/client.js';
import { livePromotionsActivity } from '../checkout/live-promotions.js';
import { redemptionActivity } from '../checkout/redemptions.js';

const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();

function operationLabel(name: string | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}

/** A counter whose value is read from a number kept elsewhere, at scrape time. */
function mirroredCounter(registry: Registry, name: string, help: string, values: () => Record<string, number>, label: string) {
  return new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      for (const [value, count] of Object.entries(values())) this.inc({ [label]: value }, count);
    },
  });
}

/** The process's registry and metrics, made once however many servers a process (a test) creates. */
const metrics = (() => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cohort_' });
  const byOperation = ['operationName', 'operationType'] as const;
  const operationLabels = (params: { operationName?: string; operationType?: string }) => ({
    operationName: operationLabel(params.operationName),
    operationType: params.operationType ?? 'unknown',
  });
  const errors = new Counter({
    name: 'cohort_graphql_errors_total',
    help: 'GraphQL errors sent to clients, by code (INTERNAL for masked ones)',
    labelNames: ['code'],
    registers: [registry],
  });
  new Gauge({
    name: 'cohort_db_pool_connections',
    help: "The PostgreSQL pool's connections: total open, idle, and requests waiting for one",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const stats = database.poolStats();
      if (!stats) return;
      for (const [state, count] of Object.entries(stats)) this.set({ state }, count);
    },
  });
  mirroredCounter(
    registry,
    'cohort_catalogue_total',
    'Promotion catalogue activity: whole reads, and checks for changes',
    () => ({ read: livePromotionsActivity.reads, check: livePromotionsActivity.checks }),
    'activity',
  );
  mirroredCounter(
    registry,
    'cohort_redemptions_total',
    'Redemptions by outcome: recorded, rejected (a limit hit), replayed (a retry), rolledBack; failed counts calls that ended in an error',
    () => ({ ...redemptionActivity }),
    'outcome',
  );
  return {
    registry,
    errors,
    requests: createCounter<'execute' | 'subscribe', (typeof byOperation)[number]>({
      registry,
      counter: { name: 'cohort_graphql_operations_total', help: 'GraphQL operations executed', labelNames: byOperation },
      fillLabelsFn: operationLabels,
    }),
    durations: createHistogram<'execute' | 'subscribe', (typeof byOperation)[number]>({
      registry,
      histogram: { name: 'cohort_graphql_operation_duration_seconds', help: 'Time to execute GraphQL operations', labelNames: byOperation },
      fillLabelsFn: operationLabels,
    }),
  };
})();

export function metricsPlugins(): Plugin[] {
  return [
    usePrometheus({
      registry: metrics.registry,
      endpoint: '/metrics',
      // Only these: the plugin's other metrics (per-phase histograms, a summary, deprecated-field
      // walks of every document) are on unless turned off, and cost the hot path for little.
      metrics: {
        graphql_envelop_request: metrics.requests,
        graphql_envelop_request_duration: metrics.durations,
        graphql_yoga_http_duration: 'cohort_http_request_duration_seconds',
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_error_result: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_envelop_execute_resolver: false,
      },
      labels: { method: true, statusCode: true, url: false },
    }) as Plugin,
    {
      onResultProcess({ result }) {
        for (const one of Array.isArray(result) ? result : [result]) {
          for (const error of (one as { errors?: readonly { extensions?: { code?: unknown } }[] }).errors ?? []) {
            metrics.errors.inc({ code: typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL' });
          }
        }
      },
    },
  ];
}
