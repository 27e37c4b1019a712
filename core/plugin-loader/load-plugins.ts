import type { Logger, PluginContext, PluginManifest } from '../../sdk/index.js';
import { discoverPlugins } from './discover-plugins.js';
import { disposeInReverse } from './dispose-plugin.js';
import { importPluginEntry } from './import-plugin-entry.js';
import { initialisePlugin } from './initialise-plugin.js';
import type { LoadedPlugin } from './loaded-plugin.js';
import { orderPlugins, type ValidatedPlugin } from './order-plugins.js';
import { toPluginError, type PluginFailure } from './plugin-failure.js';
import type { PluginSource } from './plugin-source.js';
import { prepareManifests } from './prepare-manifests.js';
import { validatePluginConfig } from './validate-plugin-config.js';

/** Default bound on a plugin's `setup()`. */
export const DEFAULT_INIT_TIMEOUT_MS = 5000;
/** Default bound on importing a plugin's `main` (large SDKs take a while to import). */
export const DEFAULT_IMPORT_TIMEOUT_MS = 10_000;

/** Options of {@link loadPlugins}. */
export interface LoadPluginsOptions {
  /** Where to look, in priority order: the first plugin with a given id wins. */
  readonly sources: readonly PluginSource[];
  /** Folder that relative source paths and package names resolve from. */
  readonly cwd: string;
  /** Any failure is fatal: throw a `PluginError` after disposing what loaded. */
  readonly strict?: boolean;
  /** Bound on each `setup(context)`; default 5000 ms. */
  readonly initTimeoutMs?: number;
  /** Bound on each import of `main`; default 10000 ms. */
  readonly importTimeoutMs?: number;
  /** Plugin id → options, validated against the manifest's `configSchema` (`PLUGIN_CONFIG_INVALID`). */
  readonly pluginConfig: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Builds the context handed to one plugin's `setup`. */
  createContext(manifest: PluginManifest, config: Record<string, unknown>): PluginContext;
  readonly logger: Logger;
}

/** Plugins that loaded, in load order (dependencies first), and every failure. */
export interface LoadPluginsResult {
  readonly plugins: LoadedPlugin[];
  readonly failures: PluginFailure[];
}

async function loadOne(plugin: ValidatedPlugin, options: LoadPluginsOptions): Promise<{ loaded: LoadedPlugin } | { failure: PluginFailure }> {
  const { id, kind, version } = plugin.manifest;
  const checked = validatePluginConfig(plugin.manifest, options.pluginConfig[id]);
  if (checked.config === undefined) {
    const message = `options for ${id} do not match its configSchema`;
    return { failure: { code: 'PLUGIN_CONFIG_INVALID', pluginDir: plugin.dir, pluginId: id, message, errors: checked.errors, kind, version, source: plugin.source } };
  }
  const imported = await importPluginEntry(plugin, options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS);
  if ('failure' in imported) return imported;
  return initialisePlugin(plugin, imported.definition, checked.config, {
    initTimeoutMs: options.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS,
    logger: options.logger,
    createContext: (manifest, config) => options.createContext(manifest, config),
  });
}

/**
 * Loads every plugin from the sources: discover → read manifest → validate → duplicate id → engine →
 * dependency order → validate options → import `main` → check the export → `setup` under a timeout.
 * One broken plugin never stops the others: failures are collected with their codes and returned.
 * With `strict`, any failure disposes what loaded (in reverse order) and throws a `PluginError`
 * carrying the first failure's code and listing all of them.
 */
export async function loadPlugins(options: LoadPluginsOptions): Promise<LoadPluginsResult> {
  const { logger } = options;
  const failures: PluginFailure[] = [];
  const fail = (failure: PluginFailure): void => {
    failures.push(failure);
    logger.error('plugin failed to load', { code: failure.code, pluginId: failure.pluginId, pluginDir: failure.pluginDir, reason: failure.message, errors: failure.errors });
  };
  const discovery = await discoverPlugins(options.sources, options.cwd, logger);
  discovery.failures.forEach(fail);
  const prepared = await prepareManifests(discovery.discovered);
  prepared.failures.forEach(fail);
  const ordering = orderPlugins(prepared.valid, prepared.failedIds);
  ordering.failures.forEach(fail);

  const plugins: LoadedPlugin[] = [];
  const loadedIds = new Set<string>();
  for (const plugin of ordering.ordered) {
    const { id, kind, version } = plugin.manifest;
    const notLoaded = (plugin.manifest.dependencies ?? []).filter((dependency) => !loadedIds.has(dependency));
    if (notLoaded.length > 0) {
      fail({ code: 'PLUGIN_DEPENDENCY_FAILED', pluginDir: plugin.dir, pluginId: id, message: `depends on ${notLoaded.join(', ')}, which failed to load`, kind, version, source: plugin.source });
      continue;
    }
    const result = await loadOne(plugin, options);
    if ('failure' in result) {
      fail(result.failure);
      continue;
    }
    plugins.push(result.loaded);
    loadedIds.add(id);
    logger.info('plugin loaded', { pluginId: id, kind, version, source: plugin.source });
  }
  const knownIds = new Set([...prepared.valid.map((plugin) => plugin.manifest.id), ...prepared.failedIds]);
  for (const id of Object.keys(options.pluginConfig)) {
    if (!knownIds.has(id)) logger.warn('options given for a plugin that was not found', { pluginId: id });
  }
  if (options.strict === true && failures.length > 0) {
    await disposeInReverse(plugins, { logger });
    throw toPluginError(failures);
  }
  return { plugins, failures };
}
