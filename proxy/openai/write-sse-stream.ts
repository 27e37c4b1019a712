import type { ServerResponse } from 'node:http';
import type { StreamPart } from '../../sdk/index.js';
import type { ClientSignal } from '../../core/routing/client-signal.js';
import { SwitchyardError } from '../../sdk/index.js';
import type { ChatChunkEncoder } from './chat-chunk-encoder.js';
import { toOpenAIErrorBody } from './to-openai-error-body.js';

function write(response: ServerResponse, text: string): Promise<void> | undefined {
  if (text === '' || response.destroyed) return undefined;
  if (response.write(text)) return undefined;
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** How a stream ended, for the request log. */
export interface SseOutcome {
  /** The error code when the stream ended in an error event. */
  readonly errorCode?: string;
  /** True when the client went away before the end. */
  readonly clientGone: boolean;
}

/**
 * Writes typed parts as OpenAI SSE events, honouring back-pressure. An error part or a
 * failing upstream becomes a `data: {"error": …}` event, after which the stream closes
 * without `[DONE]` (as OpenAI does).
 */
export async function writeSseStream(response: ServerResponse, stream: ReadableStream<StreamPart>, encoder: ChatChunkEncoder, requestId: string, signal: ClientSignal): Promise<SseOutcome> {
  const reader = stream.getReader();
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  // A client gone before the first read would never fire the listener: cancel at once instead.
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  let failure: unknown;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === 'error') {
        failure = value.error;
        break;
      }
      const pending = write(response, encoder.encode(value));
      if (pending) await pending;
    }
  } catch (error) {
    failure = error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (signal.aborted || response.destroyed) {
    void reader.cancel().catch(() => undefined);
    return { clientGone: true, errorCode: 'REQUEST_CLIENT_DISCONNECTED' };
  }
  if (failure !== undefined) {
    void reader.cancel().catch(() => undefined);
    const { body } = toOpenAIErrorBody(failure, requestId);
    response.end(`data: ${JSON.stringify(body)}\n\n`);
    return { clientGone: false, errorCode: SwitchyardError.isInstance(failure) ? failure.code : 'GATEWAY_INTERNAL' };
  }
  response.end(encoder.end());
  return { clientGone: false };
}
