import type { Logger, SandboxFactory } from '../../sdk/index.js';
import type { LoadedPlugin } from '../plugin-loader/loaded-plugin.js';
import { PluginRegistry } from './plugin-registry.js';

/** Sandbox plugins, by id, disposed in reverse registration order. */
export class SandboxRegistry extends PluginRegistry<SandboxFactory> {
  constructor(options: { readonly logger: Logger; readonly disposeTimeoutMs?: number }) {
    super({ ...options, kind: 'sandbox' });
  }

  /** The first registered sandbox whose manifest lists this language. */
  findByLanguage(language: string): LoadedPlugin<SandboxFactory> | undefined {
    return this.list().find((plugin) => plugin.manifest.sandbox?.languages.includes(language) === true);
  }
}
