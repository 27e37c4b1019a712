import type { Logger, McpTransportFactory } from '../../sdk/index.js';
import type { LoadedPlugin } from '../plugin-loader/loaded-plugin.js';
import { PluginRegistry } from './plugin-registry.js';

/** MCP transport plugins, by id, disposed in reverse registration order. */
export class McpTransportRegistry extends PluginRegistry<McpTransportFactory> {
  constructor(options: { readonly logger: Logger; readonly disposeTimeoutMs?: number }) {
    super({ ...options, kind: 'mcp-transport' });
  }

  /** The first registered transport whose manifest declares this type (`stdio`, `sse`, `streamable-http`). */
  findByType(type: string): LoadedPlugin<McpTransportFactory> | undefined {
    return this.list().find((plugin) => plugin.manifest.mcpTransport?.type === type);
  }
}
