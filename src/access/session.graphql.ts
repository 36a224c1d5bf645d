// Console sign-in in the API, for any admin UI served by Cohort: `signIn` exchanges an admin or
// analyst key for a session cookie (sessions.ts), `signOut` ends it, `viewer` says who is
// signed in. Both mutations skip the Mutation type's `changes` scope: a read-only key signs in
// and out, and signing in is what a caller without a credential does.
import { z } from 'zod';
import type { SchemaParts } from '../schema/builder.js';
import { CohortError, InvalidInputError } from '../shared/errors.js';
import { ApiKeyScopeEnum } from './api-key.graphql.js';
import { authenticate, type Caller } from './api-keys.js';
import { readsAdminData } from './caller.js';
import { CONSOLE_HEADER, createSession, endSession, sessionCookie } from './sessions.js';

export function registerSessionTypes({ builder }: SchemaParts) {
  const Viewer = builder.objectRef<Caller>('Viewer').implement({
    description: 'Who is calling: the API key behind the request, or behind its console session.',
    fields: (t) => ({
      name: t.exposeString('name', { description: "The key's name." }),
      scopes: t.field({ type: [ApiKeyScopeEnum], resolve: (caller) => caller.scopes }),
      sessionExpiresAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the console session ends (null: the key was sent itself).',
        resolve: (caller) => caller.session?.expiresAt ?? null,
      }),
    }),
  });

  builder.queryField('viewer', (t) =>
    // Public on purpose: it tells a caller only about itself (null without a credential).
    t.field({
      type: Viewer,
      nullable: true,
      authScopes: () => true,
      description: 'The caller, or null without a credential.',
      resolve: (_root, _args, context) => context.caller,
    }),
  );

  builder.mutationField('signIn', (t) =>
    t.field({
      type: builder.simpleObject('SignInPayload', {
        fields: (f) => ({
          viewer: f.field({ type: Viewer }),
          expiresAt: f.field({ type: 'DateTime', description: 'When the session ends (COHORT_CONSOLE_SESSION_HOURS).' }),
        }),
      }),
      description: `Exchanges an admin or analyst key for a session: the response sets an HttpOnly, SameSite=Strict cookie, and later requests that send it with the header \`${CONSOLE_HEADER}: 1\` act as the key. For admin UIs served by Cohort, such as /console.`,
      // Public on purpose: signing in is what a caller without a credential does.
      skipTypeScopes: true,
      authScopes: () => true,
      errors: { types: [InvalidInputError] },
      args: {
        input: t.arg({
          type: builder.inputType('SignInInput', {
            fields: (f) => ({ key: f.string({ description: 'An API key, "cohort_…".', validate: z.string().max(200) }) }),
          }),
        }),
      },
      resolve: async (_root, { input }, context) => {
        // The cookie is only ever honoured with the header: a sign-in without it would set a cookie nothing can use.
        if (!context.sessions.fromConsole)
          throw new CohortError(`Signing in sets a cookie for pages of this server only: send the header "${CONSOLE_HEADER}: 1"`);
        const caller = await authenticate(input.key.trim(), context.clock.now());
        if (!caller) throw new InvalidInputError('This key is not valid: mistyped, or revoked', ['input', 'key']);
        if (!readsAdminData(caller)) throw new InvalidInputError('A storefront key cannot sign in: use an admin or analyst key', ['input', 'key']);
        const { id, token, expiresAt } = await createSession(caller.keyId, context.clock.now(), context.sessions.ttlMs);
        context.sessions.responseHeaders.append('set-cookie', sessionCookie(token, expiresAt, context.sessions.secure));
        return { viewer: { ...caller, session: { id, expiresAt } }, expiresAt };
      },
    }),
  );

  builder.mutationField('signOut', (t) =>
    t.field({
      type: builder.simpleObject('SignOutPayload', {
        fields: (f) => ({ signedOut: f.boolean({ description: 'Whether a session was ended (false: the request had none).' }) }),
      }),
      description: "Ends the caller's console session and removes its cookie.",
      // Public on purpose: without a session it only removes the cookie.
      skipTypeScopes: true,
      authScopes: () => true,
      errors: { types: [] },
      resolve: async (_root, _args, context) => {
        const session = context.caller?.session;
        if (session) await endSession(session.id);
        context.sessions.responseHeaders.append('set-cookie', sessionCookie(null, null, context.sessions.secure));
        return { signedOut: session !== undefined };
      },
    }),
  );
}
