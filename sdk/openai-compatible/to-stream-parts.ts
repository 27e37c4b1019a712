import { ProviderError } from '../errors/provider-error.js';
import type { StreamPart } from '../provider/stream-part.js';
import { isCallerAbort, mapOpenAIError } from './map-openai-error.js';
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

const IDLE = Symbol('idle');
const ABORTED = Symbol('aborted');

/**
 * Turns parsed OpenAI-style chunks into the sdk's typed stream parts: `response-metadata`
 * first, then text, reasoning, refusal and tool-call parts per choice, `usage`, and one
 * `finish` per choice. An upstream failure after the stream began (a thrown error, Groq's
 * `event: error`, OpenRouter's chunk with a top-level `error`) becomes one `error` part
 * carrying a ProviderError, and the stream closes.
 */
export function toStreamParts(chunks: AsyncIterable<unknown>, options: ToStreamPartsOptions): ReadableStream<StreamPart> {
  const iterator = chunks[Symbol.asyncIterator]();
  const translator = createStreamChunkTranslator({ provider: options.provider, extractThinkTags: options.extractThinkTags === true });
  const upstream = (chunks as { controller?: { abort?: () => void } }).controller;
  const abortUpstream = options.abortUpstream ?? (() => upstream?.abort?.());
  const release = (): void => {
    abortUpstream();
    // The iterator may still be waiting for a chunk; its rejection is expected and not ours to report.
    iterator.return?.().then(undefined, () => undefined);
  };

  return new ReadableStream<StreamPart>({
    async pull(controller) {
      for (;;) {
        let next: IteratorResult<unknown> | typeof IDLE | typeof ABORTED;
        try {
          next = await nextChunk(iterator, options);
        } catch (error) {
          if (isCallerAbort(options.signal)) return controller.error(error);
          controller.enqueue({ type: 'error', error: mapOpenAIError(error, options) });
          controller.close();
          return release();
        }
        if (next === ABORTED || (next !== IDLE && next.done === true && isCallerAbort(options.signal))) {
          // The SDK ends its iterator quietly on abort; the consumer must still learn the stream was cut.
          controller.error(options.signal?.reason);
          return release();
        }
        if (next === IDLE) {
          const message = `${options.provider} sent nothing for ${options.idleTimeoutMs} ms.`;
          controller.enqueue({ type: 'error', error: new ProviderError('PROVIDER_TIMEOUT', { message, provider: options.provider }) });
          controller.close();
          return release();
        }
        const parts = next.done === true ? translator.end() : translator.push(next.value);
        for (const part of parts) controller.enqueue(part);
        if (next.done === true || translator.failed) {
          controller.close();
          if (translator.failed) release();
          return;
        }
        if (parts.length > 0) return;
      }
    },
    cancel() {
      release();
    },
  });
}

async function nextChunk(iterator: AsyncIterator<unknown>, options: ToStreamPartsOptions): Promise<IteratorResult<unknown> | typeof IDLE | typeof ABORTED> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted === true) return ABORTED;
  if (idleTimeoutMs === undefined && signal === undefined) return iterator.next();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const pending = iterator.next();
  const waits: Promise<IteratorResult<unknown> | typeof IDLE | typeof ABORTED>[] = [pending];
  if (idleTimeoutMs !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(() => resolve(IDLE), idleTimeoutMs))));
  if (signal !== undefined) {
    waits.push(new Promise((resolve) => {
      onAbort = () => resolve(ABORTED);
      signal.addEventListener('abort', onAbort, { once: true });
    }));
  }
  try {
    const winner = await Promise.race(waits);
    // A losing `next()` rejects once the upstream is released; that rejection is expected.
    if (winner === IDLE || winner === ABORTED) pending.then(undefined, () => undefined);
    return winner;
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
