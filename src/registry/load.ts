// Loads plugins named in configuration: COHORT_PLUGINS holds comma-separated npm package
// names or paths (absolute, or relative to the working directory) of modules whose default
// export is a plugin made by definePlugin. The composition root (main.ts) adds the built-ins
// and builds the registry; nothing here holds one.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCohortPlugin, type CohortPlugin } from '@cohort/plugin-sdk';
import { PluginRegistry } from './registry.js';

export async function loadPlugin(specifier: string): Promise<CohortPlugin> {
  const url = specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(resolve(specifier)).href : specifier;
  const module = (await import(url)) as { default?: unknown; plugin?: unknown };
  const plugin = module.default ?? module.plugin;
  if (!isCohortPlugin(plugin)) throw new Error(`Plugin module "${specifier}" must export a plugin made with definePlugin() as its default export`);
  return plugin;
}

export function loadPlugins(specifiers: readonly string[]): Promise<CohortPlugin[]> {
  return Promise.all(specifiers.map(loadPlugin));
}

/** The registry of a process's configuration: `builtins` (the composition root's list) and the plugins it names (COHORT_PLUGINS, config.ts). */
export async function configuredRegistry(builtins: readonly CohortPlugin[], specifiers: readonly string[]): Promise<PluginRegistry> {
  return new PluginRegistry([...builtins, ...(await loadPlugins(specifiers))]);
}
