import type { GenerateContentResponse } from '@google/genai';
import { toPartStream, type StreamPart } from '../../sdk/index.js';
import { createGeminiStreamTranslator } from './gemini-stream-translator.js';
import { mapGoogleError } from './map-google-error.js';

/** Options of {@link toGeminiStreamParts}. */
export interface ToGeminiStreamPartsOptions {
  readonly provider: string;
  readonly modelId: string;
  /** The caller's signal: when it fires the stream errors with the abort reason, unmapped. */
  readonly signal?: AbortSignal;
  /** Longest wait for the next chunk before the stream ends with a PROVIDER_TIMEOUT error part. */
  readonly idleTimeoutMs?: number;
  /**
   * Cuts the upstream connection. Needed because the SDK's generator only releases its reader
   * lock when returned early; the socket stays open until the request's signal fires.
   */
  readonly abortUpstream: () => void;
}

/**
 * Turns the SDK's parsed `GenerateContentResponse` chunks into typed stream parts; an upstream
 * failure after the stream began becomes one `error` part, and the caller's own abort errors the
 * stream with its reason.
 */
export function toGeminiStreamParts(chunks: AsyncIterable<GenerateContentResponse>, options: ToGeminiStreamPartsOptions): ReadableStream<StreamPart> {
  return toPartStream(chunks, createGeminiStreamTranslator({ modelId: options.modelId }), {
    provider: options.provider,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    mapError: (error) => mapGoogleError(error, { provider: options.provider }),
    release: options.abortUpstream,
  });
}
