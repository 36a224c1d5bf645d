// The spans of a request (see shared/tracing.ts): the HTTP request, and GraphQL execution
// within it. Nothing is added while tracing is off.
import { trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { SpanKind, traced, tracingEnabled } from '../shared/tracing.js';

export function tracingPlugin(): Plugin {
  return {
    instrumentation: {
      request({ request }, wrapped) {
        if (!tracingEnabled()) return wrapped();
        const { pathname } = new URL(request.url);
        return traced(`${request.method} ${pathname}`, { 'http.request.method': request.method, 'url.path': pathname }, async () => wrapped(), SpanKind.SERVER);
      },
      execute(_payload, wrapped) {
        if (!tracingEnabled()) return wrapped();
        return traced('graphql.execute', {}, async () => wrapped());
      },
    },
    // The operation is known once the document is: named on the execution span.
    onExecute({ args }) {
      if (!tracingEnabled()) return;
      const operation = getOperationAST(args.document, args.operationName);
      const span = trace.getActiveSpan();
      span?.updateName(`graphql.execute ${operation?.name?.value ?? operation?.operation ?? ''}`.trim());
      span?.setAttributes({ 'graphql.operation.name': operation?.name?.value ?? '', 'graphql.operation.type': operation?.operation ?? '' });
    },
  };
}
