// OpenTelemetry tracing, off by default. With OTEL_EXPORTER_OTLP_ENDPOINT (or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) set, main.ts starts a tracer provider exporting over OTLP
// (HTTP/protobuf; the exporter reads the other standard OTEL_* variables, OTEL_SERVICE_NAME
// among them). Each request is a span, GraphQL execution a child, and each database call a
// grandchild: the hot path's lean queries and streams here, Prisma's through its own
// instrumentation. While tracing is off nothing is wrapped: the hot path pays nothing.
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { PrismaInstrumentation, registerInstrumentations } from '@prisma/instrumentation';

export const tracer = trace.getTracer('cohort');
let enabled = false;

/** Whether spans are recorded (callers skip their wrapping when not). */
export const tracingEnabled = () => enabled;

/**
 * Starts tracing when an OTLP endpoint is configured, or with `exporter` (tests: spans are
 * exported as they end). Returns how to flush and stop it, or null when tracing stays off.
 */
export function startTracing(env: NodeJS.ProcessEnv, exporter?: SpanExporter): { shutdown(): Promise<void> } | null {
  if (!exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return null;
  const provider = new NodeTracerProvider({ spanProcessors: [exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter())] });
  provider.register();
  registerInstrumentations({ tracerProvider: provider, instrumentations: [new PrismaInstrumentation()] });
  enabled = true;
  return {
    async shutdown() {
      enabled = false;
      await provider.shutdown();
    },
  };
}

/** Runs `work` in a span named `name` (status ERROR with the exception when it throws), or just runs it while tracing is off. */
export function traced<T>(name: string, attributes: Record<string, string | number>, work: (span?: Span) => Promise<T>, kind = SpanKind.INTERNAL): Promise<T> {
  if (!enabled) return work();
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
