import { ProviderError, SwitchyardError, type ProviderErrorCode } from '../../sdk/index.js';
import { mapOpenAIError, parseRetryAfterMs, type HeadersLike } from '../../sdk/openai-compatible/index.js';

/**
 * A non-2xx HTTP answer, caught by the plugin's fetch wrapper before the SDK flattens it into an
 * `ApiError` (which keeps neither the headers nor the parsed body).
 */
export class UpstreamHttpError extends Error {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;

  constructor(status: number, headers: Headers, body: string) {
    super(`HTTP ${status}`);
    this.name = 'UpstreamHttpError';
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}

/** What {@link mapGoogleError} needs besides the error. */
export interface MapGoogleErrorContext {
  readonly provider: string;
  /** False while the request was never sent: a failure then came from obtaining credentials. */
  readonly requestSent?: boolean;
}

const CONTEXT_LENGTH = /input token count.*exceeds|exceeds the maximum number of tokens|context (window|length)|too many tokens|prompt is too long/i;
const CONTENT_POLICY = /prohibited content|blocked (due to|by) safety|safety (settings|filters?|polic)|content polic|responsible ai|harm category/i;
/** What the SDK's own request checks say; any other failure before the request is about credentials. */
const SDK_REQUEST_CHECK = /parameter is only supported in|invalid model parameter|model is required|must be a string/i;
const AUTH_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'ACCESS_TOKEN_EXPIRED', 'ACCESS_TOKEN_TYPE_UNSUPPORTED', 'CREDENTIALS_MISSING', 'SERVICE_DISABLED_FOR_KEY']);
const STATUS_CODES: Readonly<Record<string, ProviderErrorCode>> = {
  UNAUTHENTICATED: 'PROVIDER_AUTHENTICATION',
  PERMISSION_DENIED: 'PROVIDER_PERMISSION_DENIED',
  NOT_FOUND: 'PROVIDER_NOT_FOUND',
  RESOURCE_EXHAUSTED: 'PROVIDER_RATE_LIMITED',
  UNAVAILABLE: 'PROVIDER_OVERLOADED',
  DEADLINE_EXCEEDED: 'PROVIDER_TIMEOUT',
};

/** The `error` object of a Google API error body (`google.rpc.Status` in JSON). */
interface GoogleStatus {
  readonly code?: number;
  readonly message?: string;
  readonly status?: string;
  readonly details?: readonly Record<string, unknown>[];
}

/**
 * Maps anything a Gemini or Vertex AI call throws to a catalogue-coded error: HTTP errors by
 * their `google.rpc.Status` (an invalid API key is a 400 INVALID_ARGUMENT with reason
 * API_KEY_INVALID; a 429 carries `RetryInfo.retryDelay`), errors the SDK raises for an `error`
 * chunk inside a stream, credential failures, and network failures and timeouts. Switchyard
 * errors pass through unchanged.
 */
export function mapGoogleError(error: unknown, context: MapGoogleErrorContext): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const { provider } = context;
  if (error instanceof UpstreamHttpError) return fromStatus(readStatus(error.body), error.status, error.headers, provider, error);
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  // The SDK's ApiError: `status` plus a message holding the JSON error (after "got status: X. " in streams).
  if (record['name'] === 'ApiError' && typeof record['status'] === 'number') {
    const message = typeof record['message'] === 'string' ? record['message'] : '';
    const json = message.indexOf('{');
    return fromStatus(readStatus(json >= 0 ? message.slice(json) : ''), record['status'], undefined, provider, error);
  }
  if (context.requestSent === false && record['name'] !== 'AbortError' && record['name'] !== 'TimeoutError') {
    const reason = error instanceof Error ? error.message : String(error);
    // Before the request, only the SDK's own checks and google-auth-library (credentials) can fail.
    if (SDK_REQUEST_CHECK.test(reason)) return new ProviderError('PROVIDER_BAD_REQUEST', { message: `${provider} request rejected before sending: ${reason}`, provider, cause: error });
    return new ProviderError('PROVIDER_AUTHENTICATION', { message: `Could not obtain credentials for ${provider}: ${reason}`, provider, cause: error });
  }
  if (error instanceof Error && /^(Incomplete JSON segment|exception parsing stream chunk)/.test(error.message)) {
    return new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} sent a stream event that is not valid JSON.`, provider, cause: error });
  }
  return mapOpenAIError(error, { provider });
}

function fromStatus(status: GoogleStatus, httpStatus: number, headers: HeadersLike | undefined, provider: string, cause: unknown): ProviderError {
  const reason = errorInfoReason(status);
  const code = classify(httpStatus, status, reason);
  const message = status.message ?? `${provider} answered HTTP ${httpStatus} without an error message.`;
  const retryAfterMs = code === 'PROVIDER_RATE_LIMITED' || code === 'PROVIDER_OVERLOADED' ? (retryDelayMs(status) ?? parseRetryAfterMs(headers)) : undefined;
  return new ProviderError(code, {
    message,
    provider,
    upstreamStatus: httpStatus,
    ...((reason ?? status.status) !== undefined ? { upstreamCode: reason ?? status.status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    cause,
  });
}

function classify(httpStatus: number, status: GoogleStatus, reason: string | undefined): ProviderErrorCode {
  const text = status.message ?? '';
  if (reason !== undefined && AUTH_REASONS.has(reason)) return 'PROVIDER_AUTHENTICATION';
  if (httpStatus === 401) return 'PROVIDER_AUTHENTICATION';
  if (httpStatus === 403) return 'PROVIDER_PERMISSION_DENIED';
  if (httpStatus === 404) return 'PROVIDER_NOT_FOUND';
  if (httpStatus === 408 || httpStatus === 504) return 'PROVIDER_TIMEOUT';
  if (httpStatus === 429) return 'PROVIDER_RATE_LIMITED';
  if (httpStatus === 503) return 'PROVIDER_OVERLOADED';
  const byStatus = status.status === undefined ? undefined : STATUS_CODES[status.status];
  if (byStatus !== undefined) return byStatus;
  if (httpStatus >= 400 && httpStatus < 500) {
    if (CONTEXT_LENGTH.test(text)) return 'PROVIDER_CONTEXT_LENGTH_EXCEEDED';
    if (CONTENT_POLICY.test(text)) return 'PROVIDER_CONTENT_POLICY';
    return 'PROVIDER_BAD_REQUEST';
  }
  return /overloaded/i.test(text) ? 'PROVIDER_OVERLOADED' : 'PROVIDER_SERVER_ERROR';
}

function readStatus(body: string): GoogleStatus {
  try {
    const parsed: unknown = JSON.parse(body);
    // Some proxies and the streaming endpoint wrap the body in an array.
    const root = Array.isArray(parsed) ? parsed[0] : parsed;
    const inner = typeof root === 'object' && root !== null ? (root as Record<string, unknown>)['error'] : undefined;
    if (typeof inner === 'object' && inner !== null) return inner as GoogleStatus;
  } catch {
    // Not JSON (a proxy's HTML page): only the HTTP status is known.
  }
  return {};
}

function errorInfoReason(status: GoogleStatus): string | undefined {
  for (const detail of status.details ?? []) {
    if (String(detail['@type']).endsWith('google.rpc.ErrorInfo') && typeof detail['reason'] === 'string') return detail['reason'];
  }
  return undefined;
}

/** `RetryInfo.retryDelay` is a protobuf Duration in JSON: seconds with an `s` suffix ("34.4s"). */
function retryDelayMs(status: GoogleStatus): number | undefined {
  for (const detail of status.details ?? []) {
    if (!String(detail['@type']).endsWith('google.rpc.RetryInfo')) continue;
    const match = /^(\d+(?:\.\d+)?)s$/.exec(String(detail['retryDelay'] ?? '').trim());
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}
