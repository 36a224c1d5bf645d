// The GraphQL server as a value, built for a set of plugins: tests call yoga.fetch() on it,
// main.ts (the composition root) builds the plugin registry and listens with it.
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, maskError, type Plugin } from 'graphql-yoga';
import { callerOf, presentsCredential } from '../access/caller.js';
import { CONSOLE_PATH, consolePlugin } from '../console/assets.js';
import { responseHeaders } from './response-headers.js';
import { openStreamsPlugin } from '../access/open-streams.js';
import type { Config } from '../config.js';
import { currentRuntime, type Runtime } from '../runtime.js';
import { LivePromotions } from '../checkout/live-promotions.js';
import type { PluginRegistry } from '../registry/registry.js';
import { buildSchema } from './schema.js';
import { auditAdminWrites } from '../privacy/audit.js';
import { logger } from '../shared/logger.js';
import { EXPORT_LIMITS, segmentExportPlugin } from '../segments/export.js';
import { importPlugin } from '../import/import-route.js';
import type { ImportLimits } from '../import/import-sources.js';
import type { Clock } from '../shared/clock.js';
import { contextFactory } from './request-context.js';
import { query } from '../db/client.js';
import { ShopValues } from '../segments/shop-values.js';
import { MembershipTracker, trackAnnouncedCustomers } from '../segments/tracking.js';
import { compiledQueries } from './jit.js';
import { dataExceptionAsInputError, retryableDatabaseError } from '../db/errors.js';
import { guarded } from './failures.js';
import { inputErrorsPlugin } from './input-errors.js';
import { requestLimitPlugins } from './limits.js';
import { scopesFirstPlugin } from './scopes-first.js';
import { metricsPlugins } from './metrics.js';
import { rateLimitPlugin, type RateLimits } from './rate-limits.js';
import { persistedOperationsPlugins, type PersistedOperations } from './persisted-operations.js';
import { PROBE_PATHS, readinessPlugin } from './readiness.js';
import { schemaVisibilityPlugins } from './schema-visibility.js';
import { landingPlugin } from './landing.js';
import { requestLogPlugin } from './request-log.js';
import { tracingPlugin } from './tracing-plugin.js';
import { tracingEnabled } from '../shared/tracing.js';
import type { TargetPolicy } from '../webhooks/targets.js';
import { webhookSchemaOptions } from '../webhooks/webhook-endpoint.graphql.js';

export interface ServerOptions {
  /** What the server runs on: the configuration its defaults come from, the database (runtime.ts); the one the root opened by default. */
  runtime?: Runtime;
  /** The plugins this server runs with: its schema (condition inputs, effects, customer fields) and its evaluation come from them. */
  registry: PluginRegistry;
  /** Where "now" comes from; the runtime's by default. */
  clock?: Clock;
  /** Origins allowed to call from a browser; defaults to COHORT_CORS_ORIGINS. */
  corsOrigins?: string[];
  /** Who may introspect the schema, and whether GraphiQL is served; default to COHORT_INTROSPECTION and COHORT_GRAPHIQL. */
  introspection?: Config['introspection'];
  graphiql?: boolean;
  /** Persisted operations and who must use them; default to COHORT_PERSISTED_OPERATIONS and COHORT_PERSISTED_ONLY. */
  persistedOperations?: PersistedOperations;
  /** Requests per window per API key and per IP; default to COHORT_RATE_LIMIT_* and REDIS_URL. */
  rateLimits?: RateLimits;
  /** How many member exports run at once, and how long one may wait for its client (segments/export.ts). */
  exportLimits?: typeof EXPORT_LIMITS;
  /** The largest body and line an import takes, and its batch size (import/import-sources.ts). */
  importLimits?: ImportLimits;
  /** Where webhook endpoints may lead (webhooks/targets.ts); COHORT_WEBHOOK_ALLOWED_HOSTS and the system's DNS by default. */
  webhookTargets?: TargetPolicy;
  /** The built console served at /console (null: none); defaults to packages/console/dist. */
  consoleDir?: string | null;
  /** The membership tracker ingestion reports customers to (main.ts makes it, and runs its reconciliation and due-time jobs with it); one on the server's clock by default. */
  tracker?: MembershipTracker;
  /** How long the live promotions are kept between checks for changes made elsewhere, on `clock`; defaults to COHORT_CATALOGUE_TTL_MS. */
  livePromotionsTtlMs?: number;
  /** How long a console session lasts; defaults to COHORT_CONSOLE_SESSION_HOURS. */
  sessionTtlMs?: number;
  /** The shop's values for segment query suggestions (segments/shop-values.ts): how long they are served before being read again (30 s), how long a request waits for them the first time (40 ms). */
  shopValues?: { freshMs?: number; waitMs?: number };
}

const BUILT_CONSOLE = fileURLToPath(new URL('../../packages/console/dist', import.meta.url));

const GRAPHIQL_QUERY = `# Welcome to Cohort.
# Every request needs an API key: paste it
# into the Headers tab below, after "Bearer".
# The first start printed an admin and a
# storefront key; \`npm run keys -- create
# --name me --scope admin\` makes another,
# also while this server runs.
# Then press ▶.
{
  promotions(first: 5) {
    edges { node { name status } }
  }
}
`;

/**
 * Looks the caller up first, for every request that presents a credential (probes aside), so
 * that a database that cannot be read is answered once, as UNAVAILABLE, before any guard needs
 * to know, and a console session's expiry is judged by the server's clock.
 */
function callerPlugin(clock: Clock): Plugin {
  return {
    async onRequest({ request, url }) {
      if (!PROBE_PATHS.has(url.pathname) && presentsCredential(request)) await callerOf(request, clock);
    },
  };
}

export function createServer(options: ServerOptions) {
  const runtime = options.runtime ?? currentRuntime();
  const { config } = runtime;
  const corsOrigins = options.corsOrigins ?? config.corsOrigins;
  const { registry } = options;
  const clock = options.clock ?? runtime.clock;
  const introspection = options.introspection ?? config.introspection;
  const graphiql = options.graphiql ?? config.graphiql;
  const promotions = new LivePromotions(registry, options.livePromotionsTtlMs ?? config.livePromotionsTtlMs, clock, runtime.changes);
  const headers = responseHeaders();
  const consoleDir = options.consoleDir === undefined ? BUILT_CONSOLE : options.consoleDir;
  // Customers whose data is ingested are re-evaluated against every tracked segment before the mutation answers.
  const tracker = options.tracker ?? new MembershipTracker(registry, clock);
  const stopTracking = trackAnnouncedCustomers(runtime.changes, tracker);
  const yoga = createYoga({
    // Admin writes are recorded in the audit log (privacy/audit.ts), around every mutation's resolver.
    schema: auditAdminWrites(buildSchema(registry, { webhooks: webhookSchemaOptions(config.webhooks, options.webhookTargets), production: config.production })),
    context: contextFactory({
      clock,
      registry,
      promotions,
      sessionTtlMs: options.sessionTtlMs ?? config.consoleSessionHours * 3_600_000,
      responseHeadersOf: headers.of,
      shopValues: new ShopValues(query, options.shopValues?.freshMs, options.shopValues?.waitMs),
    }),
    // Every plugin's `onRequest` is guarded: whatever fails in one is answered in the one shape of a failure (server/failures.ts).
    plugins: [
      // Tracing is started (main.ts) before servers are made; without it, nothing is added.
      ...(tracingEnabled() ? [tracingPlugin()] : []),
      requestLogPlugin(),
      // The console's files are static and public (the data is behind the API): no rate limit for them.
      ...(consoleDir === null ? [] : [consolePlugin(consoleDir)]),
      callerPlugin(clock),
      rateLimitPlugin(options.rateLimits ?? config.rateLimits),
      ...schemaVisibilityPlugins(introspection),
      ...persistedOperationsPlugins(options.persistedOperations ?? config.persistedOperations),
      headers.plugin,
      // A caller is refused the root fields its scopes do not allow before their arguments are read.
      scopesFirstPlugin(),
      // Bad page arguments and cursors are named as bad input before an operation's cost is weighed.
      inputErrorsPlugin(),
      ...requestLimitPlugins(config.limits),
      ...(config.graphqlJit ? [compiledQueries()] : []),
      segmentExportPlugin(registry, clock, options.exportLimits),
      importPlugin(clock, options.importLimits),
      openStreamsPlugin(runtime.changes),
      readinessPlugin(),
      landingPlugin({ graphiql, introspection, consolePath: consoleDir === null ? null : CONSOLE_PATH, production: config.production }),
      ...metricsPlugins(),
    ].map(guarded),
    // Browsers may call the API only from the origins configured, and never with credentials (keys travel in a header).
    cors: corsOrigins.length > 0 ? { origin: corsOrigins, credentials: false } : false,
    // GraphiQL's page and assets come from an npm package, not a CDN: it works offline. It opens on
    // the headers editor with the one header every request needs.
    renderGraphiQL,
    graphiql: graphiql && {
      title: 'Cohort',
      defaultQuery: GRAPHIQL_QUERY,
      headers: JSON.stringify({ Authorization: 'Bearer <paste your API key here>' }, null, 2),
      defaultEditorToolsVisibility: 'headers',
    },
    landingPage: false,
    logging: logger,
    maskedErrors: {
      // Deliberate GraphQL errors pass through; anything else is masked for the client and logged with its cause.
      maskError: (error, message, isDev) => {
        // A database that is away (UNAVAILABLE) or contended (BUSY) is not a failure of Cohort: say so, and when to retry.
        const cause = (error as { originalError?: unknown }).originalError ?? error;
        const retryable = retryableDatabaseError(cause);
        if (retryable) return retryable;
        // Bad input that only the database noticed is still bad input.
        const badInput = error instanceof GraphQLError ? dataExceptionAsInputError(cause, error) : null;
        if (badInput) return badInput;
        // Every deliberate error carries a code; one without is a failure that surfaced as a
        // GraphQL error (graphql-jit's serialization errors, "Cannot return null for non-nullable
        // field"): masked and logged like any other.
        if (error instanceof GraphQLError && !error.extensions?.code && !error.originalError) {
          logger.error('Unexpected error', error);
          return maskError(new Error(error.message), message, isDev);
        }
        const masked = maskError(error, message, isDev);
        if (masked !== error) logger.error('Unexpected error', (error as { originalError?: unknown }).originalError ?? error);
        return masked;
      },
    },
  });
  // Closing the server stops its live promotions and its tracker from listening for changes.
  const dispose = yoga.dispose.bind(yoga);
  return Object.assign(yoga, {
    /** Its live promotions (tests set how long they are kept). */
    promotions,
    dispose: async () => {
      promotions.close();
      stopTracking();
      await dispose();
    },
  });
}

export type CohortServer = ReturnType<typeof createServer>;
