import path from 'node:path';
import type { PluginErrorCode } from '../../sdk/index.js';
import type { LoadedPlugin } from '../plugin-loader/loaded-plugin.js';
import type { PluginFailure } from '../plugin-loader/plugin-failure.js';
import type { PluginSourceKind } from '../plugin-loader/plugin-source.js';

/** One row of `plugins list`. */
export interface PluginDescription {
  /** Plugin id, or the folder (or package) name when the manifest could not be read. */
  readonly id: string;
  readonly kind?: string;
  readonly version?: string;
  readonly source?: PluginSourceKind;
  readonly dir: string;
  readonly status: 'loaded' | 'failed';
  readonly code?: PluginErrorCode;
  readonly reason?: string;
}

/** Rows for the CLI `plugins list`: every loaded plugin and every failure, sorted by id. */
export function describePlugins(result: { readonly plugins: readonly LoadedPlugin[]; readonly failures: readonly PluginFailure[] }): PluginDescription[] {
  const loaded = result.plugins.map((plugin): PluginDescription => ({
    id: plugin.manifest.id,
    kind: plugin.manifest.kind,
    version: plugin.manifest.version,
    source: plugin.source,
    dir: plugin.dir,
    status: 'loaded',
  }));
  const failed = result.failures.map((failure): PluginDescription => ({
    id: failure.pluginId ?? path.basename(failure.pluginDir),
    kind: failure.kind,
    version: failure.version,
    source: failure.source,
    dir: failure.pluginDir,
    status: 'failed',
    code: failure.code,
    reason: failure.message,
  }));
  return [...loaded, ...failed].sort((a, b) => a.id.localeCompare(b.id) || a.dir.localeCompare(b.dir));
}
