import { toPartStream, type StreamPart } from '../../sdk/index.js';
import type { ConverseStreamTranslator } from './converse-stream-translator.js';
import { mapBedrockError } from './map-bedrock-error.js';

/** Options of {@link toConverseStreamParts}. */
export interface ConverseStreamPartsOptions {
  readonly provider: string;
  readonly translator: ConverseStreamTranslator;
  /** The caller's signal: when it fires the stream errors with its reason, unmapped. */
  readonly signal?: AbortSignal;
  /** Longest wait for the next event before the stream ends with a PROVIDER_TIMEOUT error part. */
  readonly idleTimeoutMs?: number;
  /** Closes the upstream connection (the consumer cancelled, or the stream failed). */
  readonly abortUpstream: () => void;
}

/**
 * Turns ConverseStream events into typed stream parts; an exception frame or a failure after the
 * stream began becomes one `error` part, and the caller's own abort errors the stream with its reason.
 */
export function toConverseStreamParts(events: AsyncIterable<unknown>, options: ConverseStreamPartsOptions): ReadableStream<StreamPart> {
  return toPartStream(events, options.translator, {
    provider: options.provider,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    mapError: (error) => mapBedrockError(error, options.provider),
    release: options.abortUpstream,
  });
}
