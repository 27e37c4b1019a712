import { PluginError, type Logger } from '../../sdk/index.js';
import { disposePlugin, type Disposable } from '../plugin-loader/dispose-plugin.js';
import type { LoadedPlugin, PluginKind } from '../plugin-loader/loaded-plugin.js';

/** Options of a {@link PluginRegistry}. */
export interface PluginRegistryOptions {
  readonly kind: PluginKind;
  readonly logger: Logger;
  /** Bound on each plugin's `dispose()`; default 5000 ms. */
  readonly disposeTimeoutMs?: number;
}

/**
 * Owns the loaded plugins of one kind: keeps them in registration order, hands them out by id,
 * and disposes them in reverse order on shutdown (each `dispose()` bounded by a timeout; errors
 * are logged, never thrown).
 */
export class PluginRegistry<F extends Disposable> {
  readonly kind: PluginKind;
  protected readonly logger: Logger;
  readonly #disposeTimeoutMs: number | undefined;
  readonly #plugins = new Map<string, LoadedPlugin<F>>();

  constructor(options: PluginRegistryOptions) {
    this.kind = options.kind;
    this.logger = options.logger;
    this.#disposeTimeoutMs = options.disposeTimeoutMs;
  }

  /** Adds a loaded plugin; throws `PLUGIN_KIND_MISMATCH` for another kind and `PLUGIN_ID_DUPLICATE` for a known id. */
  register(plugin: LoadedPlugin<F>): void {
    const { id, kind } = plugin.manifest;
    if (kind !== this.kind) {
      throw new PluginError('PLUGIN_KIND_MISMATCH', { message: `${id} is a ${kind} plugin, not ${this.kind}`, pluginDir: plugin.dir, pluginId: id });
    }
    if (this.#plugins.has(id)) {
      throw new PluginError('PLUGIN_ID_DUPLICATE', { message: `${id} is already registered`, pluginDir: plugin.dir, pluginId: id });
    }
    this.#plugins.set(id, plugin);
    this.onRegister(plugin);
  }

  /** Registered plugins, in registration order. */
  list(): LoadedPlugin<F>[] {
    return [...this.#plugins.values()];
  }

  /** The plugin with this id, if registered. */
  get(id: string): LoadedPlugin<F> | undefined {
    return this.#plugins.get(id);
  }

  /** True when a plugin with this id is registered. */
  has(id: string): boolean {
    return this.#plugins.has(id);
  }

  /** How many plugins are registered. */
  get size(): number {
    return this.#plugins.size;
  }

  /** Unregisters one plugin and disposes its factory (bounded; never throws). */
  async dispose(id: string): Promise<void> {
    const plugin = this.#plugins.get(id);
    if (plugin === undefined) return;
    this.#plugins.delete(id);
    this.onRemove(plugin);
    await disposePlugin(plugin, { logger: this.logger, timeoutMs: this.#disposeTimeoutMs });
  }

  /** Disposes every plugin in reverse registration order and empties the registry. */
  async disposeAll(): Promise<void> {
    for (const id of [...this.#plugins.keys()].reverse()) await this.dispose(id);
  }

  /** Hook for subclasses that index plugins. */
  protected onRegister(_plugin: LoadedPlugin<F>): void {}

  /** Hook for subclasses that index plugins. */
  protected onRemove(_plugin: LoadedPlugin<F>): void {}
}
