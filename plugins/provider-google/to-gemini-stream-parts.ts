import type { GenerateContentResponse } from '@google/genai';
import { ProviderError, type StreamPart } from '../../sdk/index.js';
import { isCallerAbort } from '../../sdk/openai-compatible/index.js';
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

const IDLE = Symbol('idle');
const ABORTED = Symbol('aborted');

/**
 * Turns the SDK's stream of chunks into typed parts. An upstream failure after the stream began
 * (an `error` event, a dropped connection, an unreadable event) becomes one `error` part with a
 * ProviderError and the stream closes; the caller's own abort errors the stream unmapped.
 */
export function toGeminiStreamParts(chunks: AsyncIterable<GenerateContentResponse>, options: ToGeminiStreamPartsOptions): ReadableStream<StreamPart> {
  const iterator = chunks[Symbol.asyncIterator]();
  const translator = createGeminiStreamTranslator({ modelId: options.modelId });
  const release = (): void => {
    options.abortUpstream();
    // A pending next() rejects once the upstream is cut; that rejection is expected.
    iterator.return?.().then(undefined, () => undefined);
  };

  return new ReadableStream<StreamPart>({
    async pull(controller) {
      for (;;) {
        let next: IteratorResult<GenerateContentResponse> | typeof IDLE | typeof ABORTED;
        try {
          next = await nextChunk(iterator, options);
        } catch (error) {
          if (isCallerAbort(options.signal)) {
            controller.error(error);
            return release();
          }
          controller.enqueue({ type: 'error', error: mapGoogleError(error, { provider: options.provider }) });
          controller.close();
          return release();
        }
        if (next === ABORTED || (next !== IDLE && next.done === true && isCallerAbort(options.signal))) {
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
        if (next.done === true) return controller.close();
        if (parts.length > 0) return;
      }
    },
    cancel() {
      release();
    },
  });
}

async function nextChunk(iterator: AsyncIterator<GenerateContentResponse>, options: ToGeminiStreamPartsOptions): Promise<IteratorResult<GenerateContentResponse> | typeof IDLE | typeof ABORTED> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted === true) return ABORTED;
  if (idleTimeoutMs === undefined && signal === undefined) return iterator.next();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const pending = iterator.next();
  const waits: Promise<IteratorResult<GenerateContentResponse> | typeof IDLE | typeof ABORTED>[] = [pending];
  if (idleTimeoutMs !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(() => resolve(IDLE), idleTimeoutMs))));
  if (signal !== undefined) {
    waits.push(
      new Promise((resolve) => {
        onAbort = () => resolve(ABORTED);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    );
  }
  try {
    const winner = await Promise.race(waits);
    if (winner === IDLE || winner === ABORTED) pending.then(undefined, () => undefined);
    return winner;
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
