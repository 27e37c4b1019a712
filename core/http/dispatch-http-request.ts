import type { Dispatcher } from 'undici';
import type { Duplex } from 'node:stream';
import type { HttpRequestFunction, HttpResponse, HttpResponseBody, HttpResponseHeaders } from '../../sdk/http-request.js';
import { createContentDecoders } from './decode-content-encoding.js';
import { isRedirect, MAX_REDIRECTS, nextRedirectHop, redirectFailure, type RedirectableHop } from './redirect-rules.js';
import { abortReason, BODY_HIGH_WATER_MARK, isNullBodyStatus, UpstreamDispatchHandler } from './upstream-dispatch-handler.js';

/**
 * The lean upstream call behind `PluginContext.httpRequest`: one `Dispatcher.dispatch` on the
 * pooled connections, answered with a plain object and a pull-based body (no WHATWG `Response`,
 * no `ReadableStream`). Semantics match `createFastFetch` where callers look: see
 * {@link HttpRequestFunction}.
 */
export function createHttpRequest(dispatcher: Dispatcher): HttpRequestFunction {
  // A provider calls the same few URLs over and over: parse each once.
  const targets = new Map<string, Target>();
  const targetOf = (url: string): Target => {
    let target = targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw redirectFailure(`unsupported URL scheme "${parsed.protocol}"`);
      target = { url: parsed, origin: parsed.origin, path: parsed.pathname + parsed.search };
      if (targets.size >= MAX_CACHED_TARGETS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };
  return async (url, init) => {
    const signal = init.signal ?? null;
    const target = targetOf(url);
    let hop: RedirectableHop<string | Uint8Array> = { url: target.url, method: init.method, headers: toHeaderList(init.headers), body: init.body ?? null };
    for (let count = 0; ; count++) {
      const response = await dispatchOnce(dispatcher, hop, signal, count === 0 ? target : undefined);
      const location = response.headers.get('location');
      if (!isRedirect(response.status, location)) return response;
      response.body.cancel();
      if (count >= MAX_REDIRECTS) throw redirectFailure('redirect count exceeded');
      hop = nextRedirectHop(hop, response.status, location!, true);
    }
  };
}

function toHeaderList(headers: Readonly<Record<string, string>>): string[] {
  const list: string[] = [];
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) list.push(name.toLowerCase(), value);
  }
  return list;
}

/** A parsed request URL and the parts undici's dispatch takes. */
interface Target {
  readonly url: URL;
  readonly origin: string;
  readonly path: string;
}

const MAX_CACHED_TARGETS = 256;

function dispatchOnce(dispatcher: Dispatcher, hop: RedirectableHop<string | Uint8Array>, signal: AbortSignal | null, target: Target | undefined): Promise<HttpResponse> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const origin = target?.origin ?? hop.url.origin;
  const path = target?.path ?? hop.url.pathname + hop.url.search;
  return new Promise<HttpResponse>((resolve, reject) => {
    const handler = new LeanResponseHandler(hop.method, signal, resolve, reject);
    dispatcher.dispatch({ origin, path, method: hop.method as Dispatcher.HttpMethod, headers: hop.headers, body: hop.body }, handler);
  });
}

/** Response headers as undici hands them over (lower-cased names). */
class RecordHeaders implements HttpResponseHeaders {
  constructor(private readonly record: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.record[name] ?? this.record[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }
}

/** The body of one response: a queue of chunks filled by the dispatch handler, read by `text()` or `for await`. */
class LeanBody implements HttpResponseBody {
  #chunks: Uint8Array[] = [];
  #queuedBytes = 0;
  #ended = false;
  #error: unknown = undefined;
  #failed = false;
  #cancelled = false;
  #consumed = false;
  /** Resolves the reader waiting for the next chunk (iteration) or for the end (`text()`). */
  #wake: (() => void) | null = null;
  #collectAll = false;
  #paused = false;

  constructor(private readonly control: { pause(): void; resume(): void; cancel(reason: unknown): void }) {}

  push(chunk: Uint8Array): void {
    if (this.#cancelled) return;
    this.#chunks.push(chunk);
    this.#queuedBytes += chunk.byteLength;
    if (!this.#collectAll && !this.#paused && this.#queuedBytes >= BODY_HIGH_WATER_MARK) {
      this.#paused = true;
      this.control.pause();
    }
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  fail(error: unknown): void {
    if (this.#ended || this.#failed) return;
    this.#failed = true;
    this.#error = error;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    if (wake === null) return;
    if (this.#collectAll && !this.#ended && !this.#failed) return;
    this.#wake = null;
    wake();
  }

  #resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.control.resume();
  }

  #claim(): void {
    if (this.#consumed) throw new TypeError('Body is unusable: Body has already been read');
    this.#consumed = true;
  }

  async text(): Promise<string> {
    this.#claim();
    this.#collectAll = true;
    this.#resume();
    if (!this.#ended && !this.#failed) await new Promise<void>((resolve) => (this.#wake = resolve));
    if (this.#failed) throw this.#error;
    const chunks = this.#chunks;
    this.#chunks = [];
    if (chunks.length === 1) return Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength).toString('utf8');
    return Buffer.concat(chunks).toString('utf8');
  }

  cancel(reason?: unknown): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#chunks = [];
    if (!this.#ended && !this.#failed) this.control.cancel(reason);
    this.#ended = true;
    this.#notify();
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    this.#claim();
    return {
      next: async (): Promise<IteratorResult<Uint8Array>> => {
        for (;;) {
          const chunk = this.#chunks.shift();
          if (chunk !== undefined) {
            this.#queuedBytes -= chunk.byteLength;
            if (this.#queuedBytes < BODY_HIGH_WATER_MARK) this.#resume();
            return { done: false, value: chunk };
          }
          if (this.#failed) throw this.#error;
          if (this.#ended) return { done: true, value: undefined };
          await new Promise<void>((resolve) => (this.#wake = resolve));
        }
      },
      return: async (): Promise<IteratorResult<Uint8Array>> => {
        this.cancel();
        return { done: true, value: undefined };
      },
    };
  }
}

class LeanResponseHandler extends UpstreamDispatchHandler<HttpResponse> {
  #body: LeanBody | null = null;
  #decoders: Duplex[] | null = null;

  constructor(
    private readonly method: string,
    signal: AbortSignal | null,
    resolve: (response: HttpResponse) => void,
    reject: (error: unknown) => void,
  ) {
    super(signal, resolve, reject);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200 || this.finished) return;
    const body = new LeanBody({
      pause: () => this.controller?.pause(),
      resume: () => this.controller?.resume(),
      cancel: (reason) => this.cancel(reason),
    });
    this.#body = body;
    const encoding = headers['content-encoding'];
    if (typeof encoding === 'string' && encoding !== '' && encoding !== 'identity') this.#decoders = this.#pipeDecoders(encoding, body);
    this.settle({ status: statusCode, headers: new RecordHeaders(headers), body });
    if (this.method === 'HEAD' || isNullBodyStatus(statusCode)) {
      this.finish();
      body.end();
    }
  }

  #pipeDecoders(encoding: string, body: LeanBody): Duplex[] | null {
    const decoders = createContentDecoders(encoding);
    if (decoders === null) return null;
    for (let i = 0; i < decoders.length - 1; i++) decoders[i]!.pipe(decoders[i + 1]!);
    const last = decoders[decoders.length - 1]!;
    last.on('data', (chunk: Buffer) => body.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    last.on('end', () => body.end());
    for (const decoder of decoders) decoder.on('error', (error) => body.fail(new TypeError('terminated', { cause: error })));
    return decoders;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.finished || this.#body === null) return;
    // A plain Uint8Array view, as fetch yields (no copy).
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.#decoders !== null) this.#decoders[0]!.write(bytes);
    else this.#body.push(bytes);
  }

  onResponseEnd(): void {
    if (this.finished) return;
    this.finish();
    if (this.#decoders !== null) this.#decoders[0]!.end();
    else this.#body?.end();
  }

  protected failBody(error: unknown): void {
    this.#body?.fail(error);
  }
}
