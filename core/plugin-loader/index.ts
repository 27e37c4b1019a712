// Curated surface of the plugin loader.
export type { PluginSource, PluginSourceKind, DiscoveredPlugin } from './plugin-source.js';
export type { LoadedPlugin, PluginFactory, PluginKind } from './loaded-plugin.js';
export { formatPluginFailure, toPluginError, type PluginFailure, type ValidationProblem } from './plugin-failure.js';
export { loadPlugins, DEFAULT_INIT_TIMEOUT_MS, DEFAULT_IMPORT_TIMEOUT_MS, type LoadPluginsOptions, type LoadPluginsResult } from './load-plugins.js';
export { validateManifest, type ManifestValidation } from './validate-manifest.js';
export { validatePluginConfig, type PluginConfigValidation } from './validate-plugin-config.js';
export { validatePluginPath, type PluginPathResult, type PluginPathValidation } from './validate-plugin-path.js';
export { discoverPlugins, resolvePluginPackage, type DiscoveryResult } from './discover-plugins.js';
export { disposePlugin, disposeInReverse, DEFAULT_DISPOSE_TIMEOUT_MS, type Disposable } from './dispose-plugin.js';
export { settleWithin, type TimedOutcome } from './settle-within.js';
