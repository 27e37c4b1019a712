/** A JSON-RPC message as the MCP SDK passes it. */
export type JsonRpcMessage = Record<string, unknown> & { readonly jsonrpc: '2.0' };

/**
 * Shaped like the MCP TypeScript SDK's `Transport`, so `Client.connect()` takes it directly.
 * Messages sent before `start()` resolves are not lost; `close()` fires `onclose` once;
 * `send` after close rejects with an MCP_TRANSPORT_CLOSED error.
 */
export interface McpTransport {
  start(): Promise<void>;
  send(message: JsonRpcMessage, options?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
  onmessage?: (message: JsonRpcMessage, extra?: Record<string, unknown>) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  sessionId?: string;
  setProtocolVersion?: (version: string) => void;
}

/** How to reach one MCP server. */
export interface McpTransportConfig {
  readonly url?: string;
  readonly command?: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly options?: Readonly<Record<string, unknown>>;
}
