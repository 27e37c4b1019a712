import type { McpTransportFactory, PluginManifest, ProviderFactory, SandboxFactory } from '../../sdk/index.js';
import type { PluginSourceKind } from './plugin-source.js';

/** What any plugin's `setup` returns. */
export type PluginFactory = ProviderFactory | SandboxFactory | McpTransportFactory;

/** Plugin kinds, as written in a manifest's `kind`. */
export type PluginKind = PluginManifest['kind'];

/** A plugin that passed every loading step: its manifest, folder, source and the factory its `setup` returned. */
export interface LoadedPlugin<F = PluginFactory> {
  readonly manifest: PluginManifest;
  readonly dir: string;
  readonly source: PluginSourceKind;
  readonly factory: F;
}
