/** The fields of a request that a redirect may change. */
export interface RedirectableHop<Body> {
  url: URL;
  method: string;
  /** Flat `[name, value, ...]` list with lower-cased names. */
  headers: string[];
  body: Body | null;
}

/** Redirects followed before giving up, as fetch does. */
export const MAX_REDIRECTS = 20;
const REQUEST_BODY_HEADERS = new Set(['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length']);
const CROSS_ORIGIN_DROPPED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'host']);

/** Whether `status` with a `location` header asks the client to go elsewhere. */
export function isRedirect(status: number, location: string | null | undefined): boolean {
  return (status === 301 || status === 302 || status === 303 || status === 307 || status === 308) && location !== null && location !== undefined;
}

/** A redirect that cannot be followed, failing like fetch does. */
export function redirectFailure(message: string, cause?: unknown): TypeError {
  return new TypeError('fetch failed', { cause: cause ?? new Error(message) });
}

/** Returns a copy of a flat header list without the given lower-cased names. */
export function withoutHeaders(headers: readonly string[], names: ReadonlySet<string>): string[] {
  const kept: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    if (!names.has(headers[i]!)) kept.push(headers[i]!, headers[i + 1]!);
  }
  return kept;
}

/**
 * The next hop of a redirect by fetch's rules: 303 (and 301/302 after a POST) turn into a GET
 * without body, other codes resend method and body (which must be replayable); leaving the origin
 * drops credentials. Throws `TypeError('fetch failed')` for a bad or non-HTTP location.
 */
export function nextRedirectHop<Body>(hop: RedirectableHop<Body>, status: number, location: string, replayableBody: boolean): RedirectableHop<Body> {
  let next: URL;
  try {
    next = new URL(location, hop.url);
  } catch (error) {
    throw redirectFailure('invalid redirect location', error);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw redirectFailure(`redirect to unsupported URL scheme "${next.protocol}"`);
  let { method, headers, body } = hop;
  if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    method = 'GET';
    body = null;
    headers = withoutHeaders(headers, REQUEST_BODY_HEADERS);
  } else if (body !== null && !replayableBody) {
    throw redirectFailure('cannot follow a redirect with a streamed request body');
  }
  if (next.origin !== hop.url.origin) headers = withoutHeaders(headers, CROSS_ORIGIN_DROPPED_HEADERS);
  return { url: next, method, headers, body };
}
