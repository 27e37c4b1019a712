import { ProviderError, type ProviderErrorCode } from '../errors/provider-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { isRecord, readNumber, readString } from './json-guards.js';
import { parseRetryAfterMs, type HeadersLike } from './parse-retry-after.js';

/** Who failed, and the caller's signal (an abort it caused is not a provider failure). */
export interface MapOpenAIErrorContext {
  readonly provider: string;
  readonly signal?: AbortSignal;
}

const CONTEXT_LENGTH = /context[_ ]length|maximum context|context window|too many tokens|prompt is too long|input is too long|reduce the length of the messages/i;
const CONTENT_POLICY = /content[_ ]?(policy|filter|management)|safety system|invalid_prompt|usage polic/i;
const OVERLOADED = /overloaded/i;
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** True when the caller's own signal fired: the error must reach the caller unchanged. */
export function isCallerAbort(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Throws the error as-is when the caller aborted, else as a mapped {@link ProviderError}. */
export function rethrowAsProviderError(error: unknown, context: MapOpenAIErrorContext): never {
  if (isCallerAbort(context.signal)) throw error;
  throw mapOpenAIError(error, context);
}

/**
 * Maps anything an OpenAI-style client throws (the `openai` SDK's APIError family, fetch and
 * socket errors, JSON syntax errors, or a plain `{ error }` object from a stream chunk) to a
 * catalogue-coded error. Switchyard errors pass through unchanged. Reads the error structurally,
 * so it works without importing the `openai` package.
 */
export function mapOpenAIError(error: unknown, context: MapOpenAIErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const record: Record<string, unknown> = isRecord(error) ? error : {};
  // The SDK keeps the body's `error` object on `.error`; stream errors carry it the same way.
  const body: Record<string, unknown> = isRecord(record['error']) ? record['error'] : {};
  const status = readNumber(record['status']) ?? readNumber(body['status_code']) ?? readNumber(body['status']) ?? readNumber(body['code']);
  const upstreamMessage = readString(body['message']) ?? (isRecord(body['message']) ? JSON.stringify(body['message']) : undefined);
  const upstreamCode = readString(body['code']) ?? readString(body['type']) ?? (readNumber(body['code']) === undefined ? undefined : String(body['code']));
  const text = [upstreamMessage, readString(body['code']), readString(body['type'])].filter((part) => part !== undefined).join(' ');
  const code = classify(status, text, error, Object.keys(body).length > 0);
  const headers = isRecord(record['headers']) ? (record['headers'] as HeadersLike) : undefined;
  return new ProviderError(code, {
    message: upstreamMessage ?? describe(code, context.provider, status, error),
    provider: context.provider,
    upstreamStatus: status,
    upstreamCode,
    retryAfterMs: parseRetryAfterMs(headers),
    param: readString(body['param']),
    cause: error,
  });
}

function classify(status: number | undefined, text: string, error: unknown, hasBody: boolean): ProviderErrorCode {
  if (status === undefined) {
    if (someInChain(error, isTimeout)) return 'PROVIDER_TIMEOUT';
    if (someInChain(error, isConnectionFailure)) return 'PROVIDER_CONNECTION_FAILED';
    if (someInChain(error, (e) => e instanceof SyntaxError)) return 'PROVIDER_RESPONSE_INVALID';
    if (!hasBody) return 'PROVIDER_SERVER_ERROR';
    if (/rate[_ ]limit/i.test(text)) return 'PROVIDER_RATE_LIMITED';
  }
  if (status === undefined || status === 400 || status === 413 || status === 422) {
    if (CONTEXT_LENGTH.test(text)) return 'PROVIDER_CONTEXT_LENGTH_EXCEEDED';
    if (CONTENT_POLICY.test(text)) return 'PROVIDER_CONTENT_POLICY';
    if (status === undefined) return OVERLOADED.test(text) ? 'PROVIDER_OVERLOADED' : 'PROVIDER_SERVER_ERROR';
    return 'PROVIDER_BAD_REQUEST';
  }
  if (status === 401) return 'PROVIDER_AUTHENTICATION';
  if (status === 403) return 'PROVIDER_PERMISSION_DENIED';
  if (status === 404) return 'PROVIDER_NOT_FOUND';
  if (status === 408) return 'PROVIDER_TIMEOUT';
  if (status === 429) return 'PROVIDER_RATE_LIMITED';
  if (status === 503 || status === 529 || (status >= 500 && OVERLOADED.test(text))) return 'PROVIDER_OVERLOADED';
  if (status >= 400 && status < 500) return 'PROVIDER_BAD_REQUEST';
  return 'PROVIDER_SERVER_ERROR';
}

function someInChain(error: unknown, predicate: (error: Record<string, unknown>) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && isRecord(current); depth++) {
    if (predicate(current)) return true;
    current = current['cause'];
  }
  return false;
}

function isTimeout(error: Record<string, unknown>): boolean {
  const code = readString(error['code']);
  return error['name'] === 'TimeoutError' || error.constructor?.name === 'APIConnectionTimeoutError' || (code !== undefined && TIMEOUT_CODES.has(code));
}

function isConnectionFailure(error: Record<string, unknown>): boolean {
  const code = readString(error['code']);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  // undici reports refused or dropped connections as `TypeError: fetch failed` / `terminated`.
  return error['name'] === 'TypeError' && (error['message'] === 'fetch failed' || error['message'] === 'terminated');
}

function describe(code: ProviderErrorCode, provider: string, status: number | undefined, error: unknown): string {
  // Without a JSON error body the SDK's message may hold a proxy's HTML page: say only what happened.
  if (status !== undefined) return `${provider} answered HTTP ${status} without an error message.`;
  switch (code) {
    case 'PROVIDER_TIMEOUT':
      return `The request to ${provider} timed out.`;
    case 'PROVIDER_CONNECTION_FAILED':
      return `Could not connect to ${provider}${connectionCode(error)}.`;
    case 'PROVIDER_RESPONSE_INVALID':
      return `${provider} sent a response that is not valid JSON.`;
    default:
      return error instanceof Error && error.message !== '' ? error.message : `${provider} request failed.`;
  }
}

function connectionCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && isRecord(current); depth++) {
    const code = readString(current['code']);
    if (code !== undefined && CONNECTION_CODES.has(code)) return ` (${code})`;
    current = current['cause'];
  }
  return '';
}
