// The plugins tests run with: the built-ins, as a server is composed in main.ts, and more for
// the tests that add their own.
import type { CohortPlugin } from '@cohort/plugin-sdk';
import { builtinPlugins } from '../../plugins/index.js';
import { PluginRegistry } from '../../src/registry/registry.js';

export const registry = new PluginRegistry(builtinPlugins);

export const registryWith = (...plugins: CohortPlugin[]) => new PluginRegistry([...builtinPlugins, ...plugins]);
