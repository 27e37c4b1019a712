import type { StreamPart } from '../provider/stream-part.js';
import { toPartStream } from '../provider/to-part-stream.js';
import { mapOpenAIError } from './map-openai-error.js';
import { createStreamChunkTranslator } from './stream-chunk-translator.js';

/** Options of {@link toStreamParts}. */
export interface ToStreamPartsOptions {
  /** Provider name, for errors. */
  readonly provider: string;
  /** The caller's signal: when it fires the stream errors with the abort reason, unmapped. */
  readonly signal?: AbortSignal;
  /** Move a leading `<think>…</think>` block in `content` to reasoning deltas. */
  readonly extractThinkTags?: boolean;
  /** Longest wait for the next chunk before the stream ends with a PROVIDER_TIMEOUT error part. */
  readonly idleTimeoutMs?: number;
  /**
   * Releases the upstream connection when the consumer cancels or the stream fails. Defaults to
   * `chunks.controller.abort()` when the iterable has one (the `openai` SDK's Stream does).
   */
  readonly abortUpstream?: () => void;
}

/**
 * Turns parsed OpenAI-style chunks into the sdk's typed stream parts: `response-metadata`
 * first, then text, reasoning, refusal and tool-call parts per choice, `usage`, and one
 * `finish` per choice. An upstream failure after the stream began (a thrown error, Groq's
 * `event: error`, OpenRouter's chunk with a top-level `error`) becomes one `error` part
 * carrying a ProviderError, and the stream closes.
 */
export function toStreamParts(chunks: AsyncIterable<unknown>, options: ToStreamPartsOptions): ReadableStream<StreamPart> {
  const translator = createStreamChunkTranslator({ provider: options.provider, extractThinkTags: options.extractThinkTags === true });
  const upstream = (chunks as { controller?: { abort?: () => void } }).controller;
  return toPartStream(chunks, { push: (chunk) => translator.push(chunk), end: () => translator.end(), get done() { return translator.failed; } }, {
    provider: options.provider,
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    mapError: (error) => mapOpenAIError(error, options),
    release: options.abortUpstream ?? (() => upstream?.abort?.()),
  });
}
