import type { HttpRequestFunction } from './http-request.js';
import type { PluginManifest } from './manifest/plugin-manifest-schema.js';

/** Structured logger handed to plugins; fields are merged into each JSON log line. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/** What a plugin receives at setup; never the container. */
export interface PluginContext<Config = Record<string, unknown>> {
  readonly manifest: PluginManifest;
  /** The plugin's options from host config, validated against the manifest's `configSchema`. */
  readonly config: Config;
  readonly logger: Logger;
  /** A pooled, fast `fetch` (undici) for upstream HTTP; hand it to SDK clients. */
  readonly fetch: typeof fetch;
  /**
   * The lean call on the same pooled connections, for a plugin's own hot path: no WHATWG
   * `Response`/`ReadableStream` per call. Fails like `fetch` (see `HttpRequestFunction`).
   */
  readonly httpRequest: HttpRequestFunction;
  /** Fires when the gateway shuts down. */
  readonly signal: AbortSignal;
}
