import { ProviderError, type StreamPart } from '../../sdk/index.js';
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

const IDLE = Symbol('idle');
const ABORTED = Symbol('aborted');
type Next = IteratorResult<unknown> | typeof IDLE | typeof ABORTED;

/**
 * Pulls ConverseStream events into typed stream parts. An exception frame (throttling, a model
 * stream error, …), a broken connection or a silent upstream becomes one `error` part with a
 * mapped ProviderError, then the stream closes; the caller's own abort errors the stream instead.
 */
export function toConverseStreamParts(events: AsyncIterable<unknown>, options: ConverseStreamPartsOptions): ReadableStream<StreamPart> {
  const iterator = events[Symbol.asyncIterator]();
  const release = (): void => {
    options.abortUpstream();
    // A pending next() rejects once the connection is gone; nobody waits for it any more.
    iterator.return?.().then(undefined, () => undefined);
  };
  return new ReadableStream<StreamPart>({
    async pull(controller) {
      for (;;) {
        let next: Next;
        try {
          next = await nextEvent(iterator, options);
        } catch (error) {
          release();
          if (options.signal?.aborted === true) return controller.error(options.signal.reason ?? error);
          controller.enqueue({ type: 'error', error: mapBedrockError(error, options.provider) });
          return controller.close();
        }
        if (next === ABORTED) {
          release();
          return controller.error(options.signal?.reason);
        }
        if (next === IDLE) {
          release();
          const message = `${options.provider} sent nothing for ${options.idleTimeoutMs} ms.`;
          controller.enqueue({ type: 'error', error: new ProviderError('PROVIDER_TIMEOUT', { message, provider: options.provider }) });
          return controller.close();
        }
        if (next.done === true) {
          if (options.signal?.aborted === true) return controller.error(options.signal.reason);
          for (const part of options.translator.end()) controller.enqueue(part);
          return controller.close();
        }
        const parts = options.translator.push(next.value);
        for (const part of parts) controller.enqueue(part);
        if (parts.length > 0) return;
      }
    },
    cancel() {
      release();
    },
  });
}

async function nextEvent(iterator: AsyncIterator<unknown>, options: ConverseStreamPartsOptions): Promise<Next> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted === true) return ABORTED;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const pending = iterator.next();
  const waits: Promise<Next>[] = [pending];
  if (idleTimeoutMs !== undefined) waits.push(new Promise((resolve) => (timer = setTimeout(() => resolve(IDLE), idleTimeoutMs))));
  if (signal !== undefined) {
    waits.push(new Promise((resolve) => {
      onAbort = () => resolve(ABORTED);
      signal.addEventListener('abort', onAbort, { once: true });
    }));
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
