import type { ReadableStreamReadResult } from 'node:stream/web';
import { ProviderError, type StreamPart } from '../../sdk/index.js';

/** A stream whose opening parts have been read: `parts` are replayed before `reader` continues. */
export interface OpenedStream {
  readonly reader: ReadableStreamDefaultReader<StreamPart>;
  readonly parts: StreamPart[];
}

/** Resolves with the next read, or rejects with the signal's reason as soon as it aborts. */
function readOrAbort(reader: ReadableStreamDefaultReader<StreamPart>, signal: AbortSignal): Promise<ReadableStreamReadResult<StreamPart>> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const read = reader.read();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // The losing read settles once the reader is cancelled; that outcome is expected and not ours.
  read.catch(() => undefined);
  return Promise.race([read, aborted]).finally(() => signal.removeEventListener('abort', onAbort!));
}

/**
 * Reads a provider stream up to its first part that carries content (anything but
 * `response-metadata`), so nothing reaches the client before the router knows the upstream
 * really answered: an `error` part, a failed read or the signal firing (the `stream_timeout`
 * deadline) here is an ordinary failed attempt that can be retried or fall back. So is a stream
 * that ends before any content: even an empty answer carries a `finish` part, so an empty stream
 * is a truncated one. On failure the stream is cancelled and the error thrown.
 */
export async function readFirstParts(stream: ReadableStream<StreamPart>, signal: AbortSignal, provider: string): Promise<OpenedStream> {
  const reader = stream.getReader();
  const parts: StreamPart[] = [];
  try {
    for (;;) {
      const next = await readOrAbort(reader, signal);
      if (next.done) throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} ended its stream before sending any content.`, provider });
      if (next.value.type === 'error') throw next.value.error;
      parts.push(next.value);
      if (next.value.type !== 'response-metadata') return { reader, parts };
    }
  } catch (error) {
    reader.cancel(error).catch(() => undefined);
    throw error;
  }
}
