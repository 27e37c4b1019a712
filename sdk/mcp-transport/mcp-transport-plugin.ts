import type { PluginContext } from '../plugin-context.js';
import type { McpTransport, McpTransportConfig } from './mcp-transport.js';

/** What an MCP transport plugin's setup returns. */
export interface McpTransportFactory {
  createTransport(config: McpTransportConfig): McpTransport;
  dispose?(): Promise<void>;
}

/** An MCP transport plugin module's default export. */
export interface McpTransportPlugin {
  readonly kind: 'mcp-transport';
  setup(context: PluginContext): McpTransportFactory | Promise<McpTransportFactory>;
}
