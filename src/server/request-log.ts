// One log line per request at info: its id, method, path, GraphQL operation, status and
// duration. The id is the caller's `x-request-id` when it sends a sensible one (a load
// balancer's), a new UUID otherwise; it is sent back in `x-request-id` and is on every line the
// request logs (shared/logger.ts). Probes (/health, /ready, /metrics) log at debug.
import { randomUUID } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PROBE_PATHS } from './readiness.js';
import { logger, withRequestId } from '../shared/logger.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestLogPlugin(): Plugin {
  const requests = new WeakMap<Request, { id: string; started: number; operation?: string }>();
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const given = request.headers.get('x-request-id');
        const id = given && REQUEST_ID.test(given) ? given : randomUUID();
        requests.set(request, { id, started: performance.now() });
        return withRequestId(id, wrapped);
      },
    },
    onExecute({ args }) {
      const entry = requests.get((args.contextValue as { request: Request }).request);
      if (entry) entry.operation = getOperationAST(args.document, args.operationName)?.name?.value;
    },
    onResponse({ request, response }) {
      const entry = requests.get(request);
      if (!entry) return;
      response.headers.set('x-request-id', entry.id);
      const path = new URL(request.url).pathname;
      const fields = {
        requestId: entry.id,
        method: request.method,
        path,
        operation: entry.operation,
        status: response.status,
        ms: Math.round((performance.now() - entry.started) * 10) / 10,
      };
      if (PROBE_PATHS.has(path)) logger.debug('request', fields);
      else logger.info('request', fields);
    },
  };
}
