// Who may learn the schema from the server (COHORT_INTROSPECTION): everyone, admin keys only
// (production's default) or nobody. Two ways give it away, and both follow the setting:
// introspection queries, and the "Did you mean …?" that graphql-js adds to a validation error
// (`{ custmer }` → `Did you mean "customers"?`), which lets anyone enumerate fields by guessing.
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import { callerOf, readsAdminData } from '../access/caller.js';
import type { Config } from '../config.js';

/** graphql-js' suggestions, as it appends them to validation messages. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

type Result = { errors?: readonly { message: string }[] };

export function schemaVisibilityPlugins(who: Config['introspection']): Plugin[] {
  if (who === 'on') return [];
  const hidden = async (request: Request) => who === 'off' || !readsAdminData(await callerOf(request));
  return [
    useDisableIntrospection({ isDisabled: hidden }),
    {
      async onResultProcess({ request, result, setResult }) {
        const results = (Array.isArray(result) ? result : [result]) as Result[];
        if (!results.some((entry) => entry?.errors?.some((error) => error.message.includes('Did you mean')))) return;
        if (!(await hidden(request))) return;
        const strip = (entry: Result) =>
          entry?.errors
            ? {
                ...entry,
                errors: entry.errors.map((error) =>
                  Object.assign(Object.create(Object.getPrototypeOf(error)), error, { message: error.message.replace(SUGGESTION, '') }),
                ),
              }
            : entry;
        setResult((Array.isArray(result) ? results.map(strip) : strip(results[0] as Result)) as typeof result);
      },
    },
  ];
}
