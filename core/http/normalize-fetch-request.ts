import type { Dispatcher } from 'undici';

type HeadersInit = NonNullable<RequestInit['headers']>;
type RequestRedirect = NonNullable<RequestInit['redirect']>;

/** A request body in a shape undici's `dispatch` sends as is. */
export type DispatchBody = NonNullable<Dispatcher.DispatchOptions['body']> | Blob | AsyncIterable<Uint8Array>;

/** A `fetch(input, init)` call reduced to what one undici dispatch needs. */
export interface FetchRequestParts {
  url: URL;
  /** Upper-cased for the standard methods, like fetch. */
  method: string;
  /** Flat `[name, value, name, value, ...]` list with lower-cased names. */
  headers: string[];
  body: DispatchBody | null;
  /** False for streams and iterables: such a body cannot be sent again on a 307/308 redirect. */
  replayableBody: boolean;
  signal: AbortSignal | null;
  redirect: RequestRedirect;
}

const STANDARD_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Reads a `fetch` input and init the way `new Request(input, init)` would, without building a
 * `Request` (that costs as much as the whole undici round trip).
 *
 * @throws TypeError for what fetch rejects up front: bad URLs, credentials in the URL, a body on
 * GET/HEAD, a locked or used stream body.
 */
export function normalizeFetchRequest(input: string | URL | Request, init: RequestInit | undefined): FetchRequestParts {
  let href: string;
  let method = 'GET';
  let headersInit: HeadersInit | undefined;
  let body: unknown = null;
  let signal: AbortSignal | null = null;
  let redirect: RequestRedirect = 'follow';

  if (typeof input === 'string') {
    href = input;
  } else if (input instanceof URL) {
    href = input.href;
  } else if (typeof input === 'object' && input !== null && typeof (input as Request).url === 'string') {
    href = input.url;
    method = input.method;
    headersInit = input.headers;
    body = input.body;
    signal = input.signal ?? null;
    redirect = input.redirect ?? 'follow';
  } else {
    href = String(input);
  }

  if (init !== undefined && init !== null) {
    if (init.method !== undefined) method = init.method;
    if (init.headers !== undefined) headersInit = init.headers;
    if (init.body !== undefined) body = init.body;
    if (init.signal !== undefined) signal = init.signal;
    if (init.redirect !== undefined) redirect = init.redirect;
  }

  const url = new URL(href);
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${href}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('fetch failed', { cause: new Error(`unsupported URL scheme "${url.protocol}"`) });
  }

  const upper = method.toUpperCase();
  if (STANDARD_METHODS.has(upper)) method = upper;
  if (body !== null && body !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw new TypeError('Request with GET/HEAD method cannot have body.');
  }

  const headers = toHeaderList(headersInit);
  const converted = toDispatchBody(body);
  if (converted.contentType !== null && !hasHeader(headers, 'content-type')) {
    headers.push('content-type', converted.contentType);
  }
  if (!hasHeader(headers, 'accept')) headers.push('accept', '*/*');
  if (!hasHeader(headers, 'user-agent')) headers.push('user-agent', 'node');

  return { url, method, headers, body: converted.body, replayableBody: converted.replayable, signal, redirect };
}

/** Whether a flat, lower-cased header list holds `name`. */
export function hasHeader(headers: readonly string[], name: string): boolean {
  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i] === name) return true;
  }
  return false;
}

function toHeaderList(init: HeadersInit | undefined): string[] {
  const list: string[] = [];
  if (init === undefined || init === null) return list;
  if (init instanceof Headers) {
    // Headers already lower-cases, validates and trims.
    for (const [name, value] of init) list.push(name, value);
    return list;
  }
  if (Array.isArray(init)) {
    for (const pair of init) {
      if (pair.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2');
      list.push(String(pair[0]).toLowerCase(), String(pair[1]).trim());
    }
    return list;
  }
  const iterable = init as unknown as Partial<Iterable<[string, string]>>;
  if (typeof iterable[Symbol.iterator] === 'function') {
    for (const [name, value] of iterable as Iterable<[string, string]>) list.push(String(name).toLowerCase(), String(value).trim());
    return list;
  }
  const record = init as Record<string, string | readonly string[] | undefined>;
  for (const name of Object.keys(record)) {
    const value = record[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (typeof value === 'string') list.push(lower, value.trim());
    else if (Array.isArray(value)) for (const item of value) list.push(lower, String(item).trim());
    else list.push(lower, String(value).trim());
  }
  return list;
}

interface ConvertedBody {
  body: DispatchBody | null;
  contentType: string | null;
  replayable: boolean;
}

function toDispatchBody(body: unknown): ConvertedBody {
  if (body === null || body === undefined) return { body: null, contentType: null, replayable: true };
  if (typeof body === 'string') return { body, contentType: 'text/plain;charset=UTF-8', replayable: true };
  if (ArrayBuffer.isView(body) || body instanceof ArrayBuffer) {
    return { body: body as Uint8Array, contentType: null, replayable: true };
  }
  if (body instanceof URLSearchParams) {
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8', replayable: true };
  }
  // undici writes a Blob and adds its type as content-type; FormData is encoded per hop in dispatchFetch.
  if (body instanceof Blob || body instanceof FormData) {
    return { body: body as DispatchBody, contentType: null, replayable: true };
  }
  if (body instanceof ReadableStream) {
    if (body.locked) throw new TypeError('Response body object should not be disturbed or locked');
    return { body: body as AsyncIterable<Uint8Array>, contentType: null, replayable: false };
  }
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    return { body: body as AsyncIterable<Uint8Array>, contentType: null, replayable: false };
  }
  return { body: String(body), contentType: 'text/plain;charset=UTF-8', replayable: true };
}
