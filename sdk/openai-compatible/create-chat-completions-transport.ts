import { httpRequestFromFetch, type HttpRequestFunction, type HttpResponseBody, type HttpResponseHeaders } from '../http-request.js';
import { isRecord } from './json-guards.js';
import type { OpenAICompatibleClient, OpenAICompatibleRequestOptions } from './openai-compatible-client.js';

/** Where and how to reach one OpenAI-compatible `/chat/completions` endpoint. */
export interface ChatCompletionsTransportOptions {
  /** The HTTP call; plugins pass `PluginContext.httpRequest` (pooled undici, no WHATWG objects). */
  readonly httpRequest?: HttpRequestFunction;
  /** A WHATWG fetch, used when `httpRequest` is not given. One of the two is required. */
  readonly fetch?: typeof fetch;
  /** Base URL without the `/chat/completions` suffix, e.g. `https://api.openai.com/v1`. */
  readonly baseURL: string;
  /** Sent as `Authorization: Bearer …`; no header when absent. */
  readonly apiKey?: string;
  readonly organization?: string;
  readonly project?: string;
  /** Headers sent on every request (a caller's per-request headers win). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An HTTP error answer, shaped like the `openai` SDK's APIError as far as `mapOpenAIError`
 * reads it: `status`, `headers` and the body's `error` object (or the whole body when it has
 * none, as Mistral's 422s do).
 */
export class UpstreamHttpError extends Error {
  override readonly name = 'UpstreamHttpError';
  constructor(
    readonly status: number,
    readonly headers: HttpResponseHeaders,
    readonly error: Record<string, unknown>,
  ) {
    super(typeof error['message'] === 'string' ? error['message'] : `HTTP ${status}`);
  }
}

/** An `event: error` inside an SSE stream (Groq), carrying the event's error object. */
export class StreamEventError extends Error {
  override readonly name = 'StreamEventError';
  constructor(readonly error: Record<string, unknown>) {
    super(typeof error['message'] === 'string' ? error['message'] : 'stream error event');
  }
}

function errorBody(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) return isRecord(parsed['error']) ? parsed['error'] : parsed;
  } catch {
    // Not JSON (a proxy's HTML page): keep no upstream text, mapOpenAIError says what happened.
  }
  return {};
}

/** Parses an SSE body into its JSON `data:` payloads, ending at `[DONE]`; cancels the body if the consumer stops early. */
async function* readServerSentEvents(body: HttpResponseBody): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffered = '';
  let event = '';
  let data: string[] = [];
  let complete = false;
  try {
    const chunks = body[Symbol.asyncIterator]();
    for (;;) {
      const { done, value } = await chunks.next();
      // The decoder keeps a multi-byte character split across chunks until its last byte arrives.
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.search(/\r\n|\r|\n/)) !== -1) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + (buffered.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) {
            const payload = data.join('\n');
            data = [];
            if (payload === '[DONE]') return;
            const parsed: unknown = JSON.parse(payload);
            if (event === 'error') throw new StreamEventError(isRecord(parsed) && isRecord(parsed['error']) ? parsed['error'] : isRecord(parsed) ? parsed : {});
            yield parsed;
          }
          event = '';
        } else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        // Comments (": OPENROUTER PROCESSING"), ids and retry fields carry nothing for us.
      }
      if (done) break;
    }
    complete = true;
    // Bytes after the last complete line mean the connection dropped inside an event: report a
    // broken response instead of letting the stream look finished.
    if (buffered.trim() !== '') throw new SyntaxError('the event stream was cut off in the middle of an event');
    if (data.length > 0 && data.join('\n') !== '[DONE]') yield JSON.parse(data.join('\n'));
  } finally {
    if (!complete) body.cancel();
  }
}

/**
 * A lean client for `POST /chat/completions` over the gateway's lean HTTP call (or a fetch): JSON for plain calls, an async
 * iterable of parsed chunks for streams. It speaks the same wire format as the `openai` SDK and
 * its errors map the same way, at a fraction of the CPU: the SDK's request building, header
 * merging and eager debug formatting cost ~70 µs per call, more than the gateway's own work.
 */
export function createChatCompletionsTransport(options: ChatCompletionsTransportOptions): OpenAICompatibleClient['chat'] {
  const httpRequest = options.httpRequest ?? (options.fetch ? httpRequestFromFetch(options.fetch) : undefined);
  if (httpRequest === undefined) throw new TypeError('createChatCompletionsTransport needs httpRequest or fetch');
  const url = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const baseHeaders: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...options.headers };
  if (options.apiKey) baseHeaders['authorization'] = `Bearer ${options.apiKey}`;
  if (options.organization) baseHeaders['openai-organization'] = options.organization;
  if (options.project) baseHeaders['openai-project'] = options.project;
  return {
    completions: {
      async create(body: { readonly model: string; readonly messages: readonly unknown[]; readonly stream?: boolean }, requestOptions?: OpenAICompatibleRequestOptions): Promise<unknown> {
        const headers = body.stream ? { ...baseHeaders, accept: 'text/event-stream', ...requestOptions?.headers } : requestOptions?.headers ? { ...baseHeaders, ...requestOptions.headers } : baseHeaders;
        const response = await httpRequest(url, { method: 'POST', headers, body: JSON.stringify(body), signal: requestOptions?.signal });
        if (response.status < 200 || response.status > 299) throw new UpstreamHttpError(response.status, response.headers, errorBody(await response.body.text()));
        if (!body.stream) return JSON.parse(await response.body.text());
        return readServerSentEvents(response.body);
      },
    },
  };
}
