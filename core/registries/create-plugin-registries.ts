import type { Logger } from '../../sdk/index.js';
import type { LoadedPlugin, PluginFactory, PluginKind } from '../plugin-loader/loaded-plugin.js';
import { McpTransportRegistry } from './mcp-transport-registry.js';
import type { PluginRegistry } from './plugin-registry.js';
import { ProviderRegistry } from './provider-registry.js';
import { SandboxRegistry } from './sandbox-registry.js';

/** The three registries, plus registration and shutdown across them in load order. */
export interface PluginRegistries {
  readonly providers: ProviderRegistry;
  readonly sandboxes: SandboxRegistry;
  readonly mcpTransports: McpTransportRegistry;
  /** Registers a loaded plugin in the registry of its kind. */
  register(plugin: LoadedPlugin): void;
  /** Registers loaded plugins in order (pass `loadPlugins(...).plugins`, which is dependency order). */
  registerAll(plugins: readonly LoadedPlugin[]): void;
  /** Disposes every plugin, across kinds, in reverse registration order (dependents first). */
  disposeAll(): Promise<void>;
}

/** Creates the provider, sandbox and MCP transport registries. */
export function createPluginRegistries(options: { readonly logger: Logger; readonly disposeTimeoutMs?: number }): PluginRegistries {
  const providers = new ProviderRegistry(options);
  const sandboxes = new SandboxRegistry(options);
  const mcpTransports = new McpTransportRegistry(options);
  const byKind: Record<PluginKind, PluginRegistry<PluginFactory>> = { provider: providers, sandbox: sandboxes, 'mcp-transport': mcpTransports };
  const order: { registry: PluginRegistry<PluginFactory>; id: string }[] = [];
  const register = (plugin: LoadedPlugin): void => {
    // The loader has checked that the factory matches the manifest kind; the registry re-checks the kind.
    const registry = byKind[plugin.manifest.kind];
    registry.register(plugin);
    order.push({ registry, id: plugin.manifest.id });
  };
  return {
    providers,
    sandboxes,
    mcpTransports,
    register,
    registerAll: (plugins) => plugins.forEach(register),
    async disposeAll() {
      for (const { registry, id } of order.splice(0).reverse()) await registry.dispose(id);
      // Plugins registered straight on a registry are not in `order`.
      await Promise.all([providers.disposeAll(), sandboxes.disposeAll(), mcpTransports.disposeAll()]);
    },
  };
}
