import type { IncomingHttpHeaders } from 'node:http';
import type { RouteOverrides } from '../../core/routing/route-types.js';
import { InvalidRequestError } from '../../sdk/index.js';
import { MAX_REQUEST_RETRIES } from '../openai/parse-routing-fields.js';

/** Header spellings, Switchyard's first; LiteLLM's `x-litellm-*` are accepted so existing clients keep working. */
const HEADERS = {
  numRetries: ['x-switchyard-num-retries', 'x-litellm-num-retries'],
  timeoutMs: ['x-switchyard-timeout', 'x-litellm-timeout'],
  streamTimeoutMs: ['x-switchyard-stream-timeout', 'x-litellm-stream-timeout'],
} as const;

function header(headers: IncomingHttpHeaders, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = headers[name];
    if (typeof value === 'string' && value.trim() !== '') return { name, value: value.trim() };
  }
  return undefined;
}

function number(found: { name: string; value: string }, check: (n: number) => boolean, expected: string): number {
  const value = Number(found.value);
  if (!Number.isFinite(value) || !check(value)) {
    throw new InvalidRequestError({ message: `Invalid value for header '${found.name}': expected ${expected}, got ${JSON.stringify(found.value.slice(0, 40))}.`, param: found.name });
  }
  return value;
}

/**
 * Per-request routing overrides from headers: `x-switchyard-num-retries`, and
 * `x-switchyard-timeout` / `x-switchyard-stream-timeout` in seconds. Headers win over the same
 * fields in the body (they are usually set by infrastructure in front of the client).
 */
export function readRoutingHeaders(headers: IncomingHttpHeaders, body: RouteOverrides = {}): RouteOverrides {
  const retries = header(headers, HEADERS.numRetries);
  const timeout = header(headers, HEADERS.timeoutMs);
  const streamTimeout = header(headers, HEADERS.streamTimeoutMs);
  if (!retries && !timeout && !streamTimeout) return body;
  return {
    ...body,
    ...(retries ? { numRetries: number(retries, (n) => Number.isInteger(n) && n >= 0 && n <= MAX_REQUEST_RETRIES, `a whole number from 0 to ${MAX_REQUEST_RETRIES}`) } : {}),
    ...(timeout ? { timeoutMs: Math.round(number(timeout, (n) => n > 0, 'a positive number of seconds') * 1000) } : {}),
    ...(streamTimeout ? { streamTimeoutMs: Math.round(number(streamTimeout, (n) => n > 0, 'a positive number of seconds') * 1000) } : {}),
  };
}
