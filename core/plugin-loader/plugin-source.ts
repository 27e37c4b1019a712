import type { PluginManifest } from '../../sdk/index.js';

/** Where a plugin was found: the built-in `plugins/` folder, an extra folder, or an npm package. */
export type PluginSourceKind = 'builtin' | 'directory' | 'package';

/**
 * A place to look for plugins. For `builtin` and `directory`, `path` is a folder of plugin folders
 * (a `directory` path that is itself a plugin folder, with a `plugin.json`, is accepted too).
 * For `package`, `path` is an npm package name resolved from the loader's `cwd`; the package root
 * holds `plugin.json`.
 */
export interface PluginSource {
  readonly kind: PluginSourceKind;
  readonly path: string;
}

/** A plugin folder found during discovery; `manifest` is set once it has been read and validated. */
export interface DiscoveredPlugin {
  dir: string;
  source: PluginSourceKind;
  manifest?: PluginManifest;
}
