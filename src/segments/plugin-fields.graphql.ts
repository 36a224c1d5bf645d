// Adds the Customer fields that plugins declare (`customerFields`): arguments derived from
// their zod schema and parsed by it, facts loaded in the request's batches, the answer
// computed by the plugin from them.
import { badUserInput } from '../schema/bad-input.js';
import type { SchemaParts } from '../schema/builder.js';
import { pascal, PluginTypes, withoutNulls } from '../schema/plugin-types.js';
import { getShopContext } from '../settings/shop-context.js';
import { CustomerNode } from '../customers/customer.graphql.js';

export function registerCustomerPluginFields({ builder, registry, pluginTypes }: SchemaParts) {
  for (const plugin of registry.plugins) {
    for (const [name, field] of Object.entries(plugin.customerFields ?? {})) {
      const where = `Customer field "${name}" (plugin "${plugin.name}")`;
      const output = pluginTypes.currencylessOutput(field.type, where);
      builder.objectField(CustomerNode, name, (t) =>
        t.field({
          type: output.type as never,
          nullable: field.nullable ?? false,
          description: field.description,
          args: Object.fromEntries(
            PluginTypes.fieldsOf(field.args).map(([arg, schema]) => [
              arg,
              t.arg(pluginTypes.field(schema, `Customer${pascal(name)}${pascal(arg)}`, `${where}, argument ${arg}`) as never),
            ]),
          ),
          resolve: async (customer, args, context) => {
            const parsed = field.args.safeParse(withoutNulls(args));
            if (!parsed.success) throw badUserInput(parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
            const [shop, ...values] = await Promise.all([
              getShopContext(context.clock.now()),
              ...field.facts.map((fact) => context.loadFact(fact, customer.id)),
            ]);
            const facts = Object.fromEntries(field.facts.map((fact, index) => [fact.name, values[index]]));
            return output.show(field.resolve(parsed.data, facts, { now: context.clock.now(), shop })) as never;
          },
        }),
      );
    }
  }
}
