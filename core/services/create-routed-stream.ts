import type { ReadableStreamReadResult } from 'node:stream/web';
import { ProviderError, SwitchyardError, type StreamPart } from '../../sdk/index.js';
import { clampTimerMs } from '../routing/attempt-controller.js';
import type { AttemptLease } from '../routing/route-types.js';
import type { OpenedStream } from './read-first-parts.js';

/**
 * The stream handed to the proxy once the first part arrived: replays the parts read so far,
 * then relays the provider's parts. Between parts the idle timeout applies (one timer,
 * refreshed per read, so no allocation per chunk); when it fires the upstream is aborted and
 * the stream ends with a PROVIDER_TIMEOUT error part. A stream that ends without any `finish`
 * part was cut short and ends with a PROVIDER_RESPONSE_INVALID error part instead of looking
 * complete. The attempt's lease is finished exactly
 * once: at the end (with usage), on an error part (counted against the deployment), or when
 * the consumer cancels (the client went away).
 */
export function createRoutedStream(opened: OpenedStream, lease: AttemptLease, provider: string): ReadableStream<StreamPart> {
  const { reader } = opened;
  const buffered = opened.parts;
  let tokens: number | undefined;
  let finished = false;
  let reading = false;
  let idle: SwitchyardError | undefined;
  const timer = setTimeout(() => {
    if (!reading) return;
    idle = new ProviderError('PROVIDER_TIMEOUT', { message: `${provider} sent nothing for ${lease.idleTimeoutMs / 1000} s in the middle of a stream.`, provider });
    lease.abort(idle);
    reader.cancel(idle).catch(() => undefined);
  }, clampTimerMs(lease.idleTimeoutMs));
  timer.unref();
  const finish = (error?: unknown): void => {
    clearTimeout(timer);
    lease.finish(error === undefined ? { tokens } : { error, tokens });
  };

  return new ReadableStream<StreamPart>({
    async pull(controller) {
      const replay = buffered.shift();
      if (replay) {
        if (replay.type === 'usage') tokens = replay.usage.totalTokens;
        else if (replay.type === 'finish') finished = true;
        return controller.enqueue(replay);
      }
      let next: ReadableStreamReadResult<StreamPart>;
      reading = true;
      timer.refresh();
      try {
        next = await reader.read();
      } catch (raw) {
        if (lease.signal.aborted && idle === undefined) {
          // After the hand-over only the client (or the idle timer) aborts: the client went away.
          finish();
          return controller.error(raw);
        }
        next = { done: false, value: { type: 'error', error: idle ?? toStreamError(raw, provider) } };
      } finally {
        reading = false;
      }
      if (idle !== undefined && (next.done || next.value.type !== 'error')) next = { done: false, value: { type: 'error', error: idle } };
      else if (next.done && !finished) next = { done: false, value: { type: 'error', error: new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `The stream from ${provider} ended before it finished.`, provider }) } };
      if (next.done) {
        finish();
        return controller.close();
      }
      const part = next.value;
      if (part.type === 'usage') tokens = part.usage.totalTokens;
      else if (part.type === 'finish') finished = true;
      controller.enqueue(part);
      if (part.type === 'error') {
        finish(part.error);
        reader.cancel(part.error).catch(() => undefined);
        controller.close();
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason).catch(() => undefined);
    },
  });
}

function toStreamError(error: unknown, provider: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  return new ProviderError('PROVIDER_CONNECTION_FAILED', { message: `The stream from ${provider} failed: ${error instanceof Error ? error.message : String(error)}`, provider, cause: error });
}
