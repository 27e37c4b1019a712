// Curated surface of the plugin registries.
export { PluginRegistry, type PluginRegistryOptions } from './plugin-registry.js';
export { ProviderRegistry, type ProviderRegistration, type ProviderNameConflict } from './provider-registry.js';
export { SandboxRegistry } from './sandbox-registry.js';
export { McpTransportRegistry } from './mcp-transport-registry.js';
export { createPluginRegistries, type PluginRegistries } from './create-plugin-registries.js';
export { describePlugins, type PluginDescription } from './describe-plugins.js';
