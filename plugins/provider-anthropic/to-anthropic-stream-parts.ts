import { ProviderError, type StreamPart } from '../../sdk/index.js';
import { isCallerAbort } from '../../sdk/openai-compatible/index.js';
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

const IDLE = Symbol('idle');
const ABORTED = Symbol('aborted');

/**
 * Turns the SDK's parsed Messages API events into typed stream parts. An upstream failure after
 * the stream began (a thrown error, Anthropic's `event: error` such as `overloaded_error`, a stall
 * longer than the idle timeout) becomes one `error` part carrying a ProviderError, and the stream
 * closes; the caller's own abort errors the stream with its reason instead.
 */
export function toAnthropicStreamParts(events: AsyncIterable<unknown>, options: ToAnthropicStreamPartsOptions): ReadableStream<StreamPart> {
  const iterator = events[Symbol.asyncIterator]();
  const translator = createAnthropicStreamTranslator(options);
  const upstream = (events as { controller?: { abort?: () => void } }).controller;
  const release = (): void => {
    upstream?.abort?.();
    // The iterator may still be waiting for an event; its rejection is expected and not ours to report.
    iterator.return?.().then(undefined, () => undefined);
  };

  return new ReadableStream<StreamPart>({
    async pull(controller) {
      for (;;) {
        let next: IteratorResult<unknown> | typeof IDLE | typeof ABORTED;
        try {
          next = await nextEvent(iterator, options);
        } catch (error) {
          if (isCallerAbort(options.signal)) return controller.error(error);
          controller.enqueue({ type: 'error', error: mapAnthropicError(error, options) });
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
        if (next.done === true || translator.done) {
          controller.close();
          if (next.done !== true) release();
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

async function nextEvent(iterator: AsyncIterator<unknown>, options: ToAnthropicStreamPartsOptions): Promise<IteratorResult<unknown> | typeof IDLE | typeof ABORTED> {
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
