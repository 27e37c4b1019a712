import type { Logger, ProviderFactory, ProviderManifestEntry } from '../../sdk/index.js';
import type { LoadedPlugin } from '../plugin-loader/loaded-plugin.js';
import { PluginRegistry } from './plugin-registry.js';

/** A provider name and the plugin that serves it. */
export interface ProviderRegistration {
  readonly plugin: LoadedPlugin<ProviderFactory>;
  readonly entry: ProviderManifestEntry;
}

/** A provider name claimed by a second plugin; the first claim wins. */
export interface ProviderNameConflict {
  readonly name: string;
  /** The plugin whose claim was ignored. */
  readonly pluginId: string;
  /** The plugin that serves the name. */
  readonly claimedBy: string;
}

/**
 * Provider plugins, plus an index of the provider names they declare in
 * `manifest.provider.providers[]`. A name claimed twice stays with the first plugin; the second
 * claim is logged as a warning and listed by {@link ProviderRegistry.nameConflicts}.
 */
export class ProviderRegistry extends PluginRegistry<ProviderFactory> {
  readonly #byName = new Map<string, ProviderRegistration>();
  readonly #conflicts: ProviderNameConflict[] = [];

  constructor(options: { readonly logger: Logger; readonly disposeTimeoutMs?: number }) {
    super({ ...options, kind: 'provider' });
  }

  /** The plugin and manifest entry serving this provider name (`openai`, `groq`, ...). */
  findProvider(name: string): ProviderRegistration | undefined {
    return this.#byName.get(name);
  }

  /** Every served provider name, in registration order. */
  providerNames(): string[] {
    return [...this.#byName.keys()];
  }

  /** Every provider name with its plugin and entry, in registration order. */
  providers(): ProviderRegistration[] {
    return [...this.#byName.values()];
  }

  /** Provider names that a later plugin also claimed. */
  nameConflicts(): readonly ProviderNameConflict[] {
    return this.#conflicts;
  }

  protected override onRegister(plugin: LoadedPlugin<ProviderFactory>): void {
    for (const entry of plugin.manifest.provider?.providers ?? []) {
      const owner = this.#byName.get(entry.name);
      if (owner === undefined) {
        this.#byName.set(entry.name, { plugin, entry });
        continue;
      }
      const conflict = { name: entry.name, pluginId: plugin.manifest.id, claimedBy: owner.plugin.manifest.id };
      this.#conflicts.push(conflict);
      this.logger.warn('provider name already served by another plugin; keeping the first', conflict);
    }
  }

  protected override onRemove(plugin: LoadedPlugin<ProviderFactory>): void {
    for (const [name, registration] of this.#byName) if (registration.plugin === plugin) this.#byName.delete(name);
  }
}
