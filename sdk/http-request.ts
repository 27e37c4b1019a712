/**
 * The lean upstream HTTP call core hands plugins as `PluginContext.httpRequest`: the same pooled
 * undici connections as `PluginContext.fetch`, without building a WHATWG `Response` and
 * `ReadableStream` per call (on Node 20 those cost more CPU than the rest of a proxied request).
 * Use it on hot paths you own; hand `fetch` to SDK clients.
 */

/** Response headers, read by lower- or mixed-case name; repeated headers are joined with `, `. */
export interface HttpResponseHeaders {
  get(name: string): string | null;
}

/** A response body: read it whole with `text()`, or chunk by chunk with `for await`. */
export interface HttpResponseBody extends AsyncIterable<Uint8Array> {
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /** Stops reading and drops the connection; later reads end. Safe to call more than once. */
  cancel(reason?: unknown): void;
}

/** What an upstream answered: status and headers as soon as they arrive, the body streaming. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: HttpResponseHeaders;
  readonly body: HttpResponseBody;
}

/** One upstream request. */
export interface HttpRequestInit {
  readonly method: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Aborting rejects the call (or fails the body being read) with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Sends one request and resolves once the status line and headers arrived. Fails like `fetch`,
 * so one error mapper serves both: a network failure rejects with `TypeError('fetch failed',
 * { cause })`, a body cut off mid-way fails reading with `TypeError('terminated', { cause })`, and
 * an abort with the signal's reason. Redirects are followed as `fetch` follows them; gzip,
 * deflate and br bodies are decoded.
 */
export type HttpRequestFunction = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/** Wraps a WHATWG `fetch` as an {@link HttpRequestFunction} (for tests and hosts without the lean call). */
export function httpRequestFromFetch(fetchFunction: typeof fetch): HttpRequestFunction {
  return async (url, init) => {
    const response = await fetchFunction(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal !== undefined ? { signal: init.signal } : {}),
    });
    const stream = response.body;
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    const body: HttpResponseBody = {
      text: () => response.text(),
      cancel(reason) {
        if (reader !== undefined) void reader.cancel(reason).catch(() => undefined);
        else if (stream !== null && !stream.locked) void stream.cancel(reason).catch(() => undefined);
      },
      [Symbol.asyncIterator]() {
        reader ??= stream?.getReader();
        const current = reader;
        return {
          async next(): Promise<IteratorResult<Uint8Array>> {
            if (current === undefined) return { done: true, value: undefined };
            const { done, value } = await current.read();
            return done ? { done: true, value: undefined } : { done: false, value };
          },
          async return(): Promise<IteratorResult<Uint8Array>> {
            await current?.cancel().catch(() => undefined);
            return { done: true, value: undefined };
          },
        };
      },
    };
    return { status: response.status, headers: response.headers, body };
  };
}
