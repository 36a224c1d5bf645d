// Streams outlive the check that let them in: a subscription opened with a key goes on after
// the key is revoked, unless something ends it. Every open stream is registered here with its
// key and the scopes it needed; whenever keys change (a revocation here, or on another instance,
// heard through the change listener; or the listener reconnecting, which may have missed some),
// the keys of open streams are read again, and a stream whose key was revoked, or no longer has
// the scope its operation needs, ends at once with an error saying why.
import { GraphQLError, isObjectType, type DocumentNode, type ExecutionResult, type GraphQLSchema, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiKeyScope } from '../generated/prisma/enums.js';
import { requestError } from '../shared/error-codes.js';
import { logger } from '../shared/logger.js';
import type { ChangeBus } from '../shared/change-bus.js';
import { currentKeys, type Caller } from './api-keys.js';

interface OpenStream {
  keyId: string;
  /** Scopes the stream's fields need (any of them suffices for each field). */
  needs: ApiKeyScope[][];
  end(error: GraphQLError): void;
}

/** The scopes each root field of the operation needs, from its Pothos auth scopes (`{ admin: true }` → ADMIN). */
function scopesNeeded(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): ApiKeyScope[][] {
  const operation = getOperationAST(document, operationName);
  const root = schema.getSubscriptionType();
  if (!operation || !root || !isObjectType(root)) return [];
  return operation.selectionSet.selections.flatMap((selection) => {
    if (selection.kind !== 'Field') return [];
    const scopes =
      (root.getFields()[selection.name.value]?.extensions as { pothosOptions?: { authScopes?: Record<string, boolean> } } | undefined)?.pothosOptions
        ?.authScopes ?? {};
    return [
      Object.keys(scopes)
        .filter((scope) => scopes[scope])
        .map((scope) => (scope === 'admin' ? 'ADMIN' : 'STOREFRONT') as ApiKeyScope),
    ];
  });
}

/** A stream's results until `ended` gives an error: then that error, and the end. */
async function* endable(source: AsyncIterable<ExecutionResult>, ended: Promise<GraphQLError>): AsyncGenerator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  const stop = ended.then((error) => ({ stop: error }));
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), stop]);
      if ('stop' in next) {
        yield { errors: [next.stop] };
        return;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/** Ends the open streams of keys that were revoked or lost the scope their stream needs, whenever keys change. */
export function openStreamsPlugin(changes: ChangeBus): Plugin {
  const streams = new Set<OpenStream>();
  let checking: Promise<void> | null = null;
  let again = false;
  const check = async () => {
    if (streams.size === 0) return;
    const keys = await currentKeys([...new Set([...streams].map((stream) => stream.keyId))]);
    for (const stream of streams) {
      const key = keys.get(stream.keyId);
      if (!key || key.revoked) stream.end(requestError('UNAUTHENTICATED', 'The API key of this subscription was revoked'));
      else if (
        !stream.needs.every(
          (any) => any.length === 0 || any.some((scope) => key.scopes.includes(scope) || (scope === 'STOREFRONT' && key.scopes.includes('ADMIN'))),
        )
      ) {
        stream.end(requestError('FORBIDDEN', 'The API key of this subscription no longer has the scope it needs'));
      }
    }
  };
  // One check at a time; changes during a check cause one more.
  const recheck = () => {
    if (checking) {
      again = true;
      return;
    }
    checking = check()
      .catch((error: unknown) => {
        logger.warn('Could not check the keys of open subscriptions; checking again in 1 s', error);
        setTimeout(recheck, 1_000).unref();
      })
      .finally(() => {
        checking = null;
        if (again) {
          again = false;
          recheck();
        }
      });
  };
  let stopListening: (() => void) | null = null;
  return {
    onSubscribe({ args }) {
      const caller = (args.contextValue as { caller?: Caller | null }).caller;
      if (!caller) return;
      stopListening ??= changes.on('apiKeys', recheck);
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in (result as object))) return;
          let end: (error: GraphQLError) => void = () => undefined;
          const ended = new Promise<GraphQLError>((resolve) => (end = resolve));
          const stream: OpenStream = { keyId: caller.keyId, needs: scopesNeeded(args.schema, args.document, args.operationName), end: (error) => end(error) };
          streams.add(stream);
          const guarded = endable(result as AsyncIterable<ExecutionResult>, ended);
          // The stream leaves the register when it ends, however it ends.
          setResult(
            (async function* () {
              try {
                yield* guarded;
              } finally {
                streams.delete(stream);
              }
            })(),
          );
        },
      };
    },
    onDispose() {
      stopListening?.();
    },
  };
}
