// Loads condition plugins from configuration: the built-ins plus every module named in
// COHORT_PLUGINS (comma-separated npm package names or paths relative to the working
// directory). A plugin module exports a plugin made by definePlugin as its default export.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinPlugins } from '../../plugins/index.js';
import { isCohortPlugin, type CohortPlugin } from '@cohort/plugin-sdk';
import { PluginRegistry } from './registry.js';

export async function loadPlugin(specifier: string): Promise<CohortPlugin> {
  const url = specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(resolve(specifier)).href : specifier;
  const module = (await import(url)) as { default?: unknown; plugin?: unknown };
  const plugin = module.default ?? module.plugin;
  if (!isCohortPlugin(plugin)) throw new Error(`Plugin module "${specifier}" must export a plugin made with definePlugin() as its default export`);
  return plugin;
}

export async function loadPluginRegistry(specifiers: readonly string[]): Promise<PluginRegistry> {
  const extra = await Promise.all(specifiers.map(loadPlugin));
  return new PluginRegistry([...builtinPlugins, ...extra]);
}

export function configuredPluginSpecifiers(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.COHORT_PLUGINS ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

/** The registry this server runs with. */
export const pluginRegistry = await loadPluginRegistry(configuredPluginSpecifiers());
