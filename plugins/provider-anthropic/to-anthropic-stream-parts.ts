import { toPartStream, type StreamPart } from '../../sdk/index.js';
import { createAnthropicStreamTranslator } from './anthropic-stream-translator.js';
import { mapAnthropicError } from './map-anthropic-error.js';

/** Options of {@link toAnthropicStreamParts}. */
export interface ToAnthropicStreamPartsOptions {
  readonly provider: string;
  /** The caller's signal: when it fires the stream errors with the abort reason, unmapped. */
  readonly signal?: AbortSignal;
  /** Longest wait for the next event before the stream ends with a PROVIDER_TIMEOUT error part. */
  readonly idleTimeoutMs?: number;
  /** The response-format tool whose input streams as text. */
  readonly responseTool?: string;
}

/**
 * Turns the SDK's parsed Messages API events into typed stream parts. An upstream failure after
 * the stream began (a thrown error, Anthropic's `event: error` such as `overloaded_error`, a stall
 * longer than the idle timeout) becomes one `error` part carrying a ProviderError, and the stream
 * closes; the caller's own abort errors the stream with its reason instead.
 */
export function toAnthropicStreamParts(events: AsyncIterable<unknown>, options: ToAnthropicStreamPartsOptions): ReadableStream<StreamPart> {
  const upstream = (events as { controller?: { abort?: () => void } }).controller;
  return toPartStream(events, createAnthropicStreamTranslator(options), {
    provider: options.provider,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    mapError: (error) => mapAnthropicError(error, options),
    release: () => upstream?.abort?.(),
  });
}
