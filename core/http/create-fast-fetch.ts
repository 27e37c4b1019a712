import { Agent, type Dispatcher } from 'undici';
import type { HttpRequestFunction } from '../../sdk/http-request.js';
import { dispatchFetch } from './dispatch-fetch.js';
import { createHttpRequest } from './dispatch-http-request.js';
import { normalizeFetchRequest, type FetchRequestParts } from './normalize-fetch-request.js';
import { isRedirect as isRedirectAnswer, MAX_REDIRECTS, nextRedirectHop, redirectFailure } from './redirect-rules.js';

/** Options of {@link createFastFetch}. */
export interface FastFetchOptions {
  /** Send through this dispatcher instead of an own `Agent`; `close()` then leaves it open. */
  dispatcher?: Dispatcher;
  /** Most connections per origin; unlimited when unset (like fetch's global dispatcher). */
  connections?: number;
  /** How long an idle keep-alive connection is kept; undici's default (4 s) when unset. */
  keepAliveTimeoutMs?: number;
  /** TCP (and TLS) connect timeout; undici's default (10 s) when unset. */
  connectTimeoutMs?: number;
  /**
   * Longest wait for response headers; default 10 min, the longest request the official SDKs allow
   * (undici's 5 min default cuts off slow reasoning models). Callers bound requests with `signal`.
   */
  headersTimeoutMs?: number;
  /** Longest silence between response body chunks; default 10 min, as for `headersTimeoutMs`. */
  bodyTimeoutMs?: number;
}

/** A `fetch` bound to a connection pool, the lean call on the same pool, and the way to release it. */
export interface FastFetch {
  fetch: typeof fetch;
  /** The lean call without WHATWG `Response` objects, on the same connections; see `createHttpRequest`. */
  httpRequest: HttpRequestFunction;
  /** Waits for in-flight requests, then closes the pool's connections (not a caller's dispatcher). */
  close(): Promise<void>;
}

/** Default headers and body timeout of the pooled connections (see {@link FastFetchOptions}). */
export const DEFAULT_TIMEOUT_MS = 600_000;

/**
 * Creates a WHATWG-compatible `fetch` running on undici's pooled keep-alive connections rather than
 * on fetch itself (which costs several times the CPU per request). Hand it to SDK clients:
 * `new OpenAI({ fetch })`.
 *
 * Behaves like fetch where SDKs look: string/URL/Request input; headers as Headers, pairs or record;
 * string, bytes, URLSearchParams, Blob, FormData, ReadableStream and async-iterable bodies; a real
 * global `Response` (with `url`) whose body streams incrementally; `redirect` follow (up to 20),
 * manual or error; gzip/deflate/br decoding. An aborted `signal` rejects with its reason (an
 * `AbortError` DOMException) and errors a body being read; network failures reject with
 * `TypeError('fetch failed', { cause })` carrying undici's error, body failures error the body with
 * `TypeError('terminated', { cause })`. No cookies, cache, CORS or `accept-encoding` by default.
 */
export function createFastFetch(options: FastFetchOptions = {}): FastFetch {
  const ownAgent =
    options.dispatcher === undefined
      ? new Agent({
          connections: options.connections ?? null,
          ...(options.keepAliveTimeoutMs !== undefined && { keepAliveTimeout: options.keepAliveTimeoutMs }),
          ...(options.connectTimeoutMs !== undefined && { connect: { timeout: options.connectTimeoutMs } }),
          headersTimeout: options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS,
          bodyTimeout: options.bodyTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        })
      : null;
  const dispatcher: Dispatcher = options.dispatcher ?? ownAgent!;

  async function fastFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = normalizeFetchRequest(input, init);
    const response = await dispatchFetch(dispatcher, { ...request, redirected: false });
    if (request.redirect === 'manual' || !isRedirect(response)) return response;
    return followRedirects(dispatcher, request, response);
  }

  return {
    fetch: fastFetch as typeof fetch,
    httpRequest: createHttpRequest(dispatcher),
    close: async () => {
      await ownAgent?.close();
    },
  };
}

function isRedirect(response: Response): boolean {
  return isRedirectAnswer(response.status, response.headers.get('location'));
}

async function followRedirects(dispatcher: Dispatcher, request: FetchRequestParts, first: Response): Promise<Response> {
  let response = first;
  let hop = { url: request.url, method: request.method, headers: request.headers, body: request.body };
  for (let count = 1; ; count++) {
    // A redirect's own body is not wanted; cancelling drops its connection, which is fine for a rare path.
    await response.body?.cancel();
    if (request.redirect === 'error') throw redirectFailure(`unexpected redirect to ${response.headers.get('location')}`);
    if (count > MAX_REDIRECTS) throw redirectFailure('redirect count exceeded');
    hop = nextRedirectHop(hop, response.status, response.headers.get('location')!, request.replayableBody);
    response = await dispatchFetch(dispatcher, { ...hop, signal: request.signal, redirected: true });
    if (!isRedirect(response)) return response;
  }
}
