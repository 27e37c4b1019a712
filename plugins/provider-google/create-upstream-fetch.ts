import { UpstreamHttpError } from './map-google-error.js';

/** A per-call fetch for the SDK, and whether the call got as far as sending its request. */
export interface UpstreamFetch {
  readonly fetch: typeof fetch;
  /** False while credentials are still being obtained: a failure then is an auth failure. */
  readonly requestSent: boolean;
}

/**
 * Wraps the gateway's pooled fetch for one SDK call. A non-2xx answer is turned into an
 * {@link UpstreamHttpError} with its status, headers and body before the SDK reduces it to a
 * message string, so errors keep `Retry-After` and the structured `google.rpc.Status`.
 */
export function createUpstreamFetch(base: typeof fetch): UpstreamFetch {
  let requestSent = false;
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requestSent = true;
    const response = await base(input, init);
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    throw new UpstreamHttpError(response.status, response.headers, body);
  };
  return {
    fetch: wrapped as typeof fetch,
    get requestSent() {
      return requestSent;
    },
  };
}
