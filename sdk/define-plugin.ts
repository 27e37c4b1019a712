import type { McpTransportFactory, McpTransportPlugin } from './mcp-transport/mcp-transport-plugin.js';
import type { PluginContext } from './plugin-context.js';
import type { ProviderFactory, ProviderPlugin } from './provider/provider-plugin.js';
import type { SandboxFactory, SandboxPlugin } from './sandbox/sandbox-plugin.js';

/** Any plugin module's default export. */
export type SwitchyardPlugin = ProviderPlugin | SandboxPlugin | McpTransportPlugin;

/** Declares a provider plugin: `export default defineProviderPlugin({ setup(context) { ... } })`. */
export function defineProviderPlugin(definition: { setup(context: PluginContext): ProviderFactory | Promise<ProviderFactory> }): ProviderPlugin {
  return { kind: 'provider', setup: definition.setup };
}

/** Declares a sandbox plugin. */
export function defineSandboxPlugin(definition: { setup(context: PluginContext): SandboxFactory | Promise<SandboxFactory> }): SandboxPlugin {
  return { kind: 'sandbox', setup: definition.setup };
}

/** Declares an MCP transport plugin. */
export function defineMcpTransportPlugin(definition: { setup(context: PluginContext): McpTransportFactory | Promise<McpTransportFactory> }): McpTransportPlugin {
  return { kind: 'mcp-transport', setup: definition.setup };
}
