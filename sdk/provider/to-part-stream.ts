import { ProviderError } from '../errors/provider-error.js';
import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { StreamPart } from './stream-part.js';

/** Turns a provider's parsed stream items into typed parts. */
export interface PartTranslator<T> {
  /** Parts for one item. */
  push(item: T): StreamPart[];
  /** Parts owed when the upstream stream ends (finishes for open choices, final usage). */
  end(): StreamPart[];
  /** True once nothing more counts (an error event, a final event): the stream closes early. */
  readonly done?: boolean;
}

/** Options of {@link toPartStream}. */
export interface ToPartStreamOptions {
  /** Provider name, for errors. */
  readonly provider: string;
  /** The caller's signal: when it fires the stream errors with the abort reason, unmapped. */
  readonly signal?: AbortSignal;
  /** Longest wait for the next item before the stream ends with a PROVIDER_TIMEOUT error part. */
  readonly idleTimeoutMs?: number;
  /** Maps an upstream failure after the stream began to a catalogue-coded error. */
  mapError(error: unknown): SwitchyardError;
  /** Cuts the upstream connection (called when the consumer cancels or the stream ends early). */
  release?(): void;
}

const IDLE = Symbol('idle');
const ABORTED = Symbol('aborted');
type Next<T> = IteratorResult<T> | typeof IDLE | typeof ABORTED;

/**
 * The pump every provider plugin needs between its SDK's stream and the gateway: pulls items on
 * demand (so back-pressure reaches the upstream socket), translates them, bounds each wait by the
 * idle timeout, ends with an `error` part when the upstream fails after the stream began, and
 * passes the caller's own abort on unmapped. Cancelling the stream releases the upstream.
 */
export function toPartStream<T>(items: AsyncIterable<T>, translator: PartTranslator<T>, options: ToPartStreamOptions): ReadableStream<StreamPart> {
  const iterator = items[Symbol.asyncIterator]();
  const release = (): void => {
    options.release?.();
    // The iterator may still be waiting for an item; its rejection is expected and not ours to report.
    iterator.return?.().then(undefined, () => undefined);
  };
  const aborted = (): boolean => options.signal?.aborted === true;

  return new ReadableStream<StreamPart>({
    async pull(controller) {
      for (;;) {
        let next: Next<T>;
        try {
          next = await nextItem(iterator, options);
        } catch (error) {
          release();
          if (aborted()) return controller.error(options.signal?.reason ?? error);
          controller.enqueue({ type: 'error', error: options.mapError(error) });
          return controller.close();
        }
        if (next === ABORTED || (next !== IDLE && next.done === true && aborted())) {
          // SDKs end their iterators quietly on abort; the consumer must still learn the stream was cut.
          release();
          return controller.error(options.signal?.reason);
        }
        if (next === IDLE) {
          release();
          const message = `${options.provider} sent nothing for ${options.idleTimeoutMs} ms.`;
          controller.enqueue({ type: 'error', error: new ProviderError('PROVIDER_TIMEOUT', { message, provider: options.provider }) });
          return controller.close();
        }
        const parts = next.done === true ? translator.end() : translator.push(next.value);
        for (const part of parts) controller.enqueue(part);
        if (next.done === true) return controller.close();
        if (translator.done === true) {
          release();
          return controller.close();
        }
        if (parts.length > 0) return;
      }
    },
    cancel() {
      release();
    },
  });
}

async function nextItem<T>(iterator: AsyncIterator<T>, options: ToPartStreamOptions): Promise<Next<T>> {
  const { signal, idleTimeoutMs } = options;
  if (signal?.aborted === true) return ABORTED;
  if (idleTimeoutMs === undefined && signal === undefined) return iterator.next();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const pending = iterator.next();
  const waits: Promise<Next<T>>[] = [pending];
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
