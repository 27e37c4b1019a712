import { isRecord, ProviderError, type ProviderErrorCode, readNumber, readRecord, readString, SwitchyardError } from '../../sdk/index.js';
import { mapOpenAIError, parseRetryAfterMs, type HeadersLike } from '../../sdk/openai-compatible/index.js';

const CONTEXT_LENGTH = /prompt is too long|context (window|length)|too many (input )?tokens|exceeds? .*context|input is too long/i;
const CONTENT_POLICY = /content (policy|filtering)|usage polic|output blocked/i;

/** Anthropic error `type` → catalogue code (Anthropic documents these types for its HTTP errors and stream `error` events). */
const BY_TYPE: Readonly<Record<string, ProviderErrorCode>> = {
  authentication_error: 'PROVIDER_AUTHENTICATION',
  permission_error: 'PROVIDER_PERMISSION_DENIED',
  billing_error: 'PROVIDER_PERMISSION_DENIED',
  not_found_error: 'PROVIDER_NOT_FOUND',
  request_too_large: 'PROVIDER_BAD_REQUEST',
  rate_limit_error: 'PROVIDER_RATE_LIMITED',
  api_error: 'PROVIDER_SERVER_ERROR',
  overloaded_error: 'PROVIDER_OVERLOADED',
  timeout_error: 'PROVIDER_TIMEOUT',
};

/**
 * Maps what the Anthropic SDK throws to a catalogue-coded error: its APIError family (HTTP
 * errors, and `event: error` inside a stream, which arrives without a status), read from the
 * `{ type: 'error', error: { type, message } }` body. Errors without an Anthropic body (timeouts,
 * refused connections, bad JSON) are classified like the OpenAI-compatible kit does.
 */
export function mapAnthropicError(error: unknown, context: { readonly provider: string }): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const record = isRecord(error) ? error : {};
  const body = readRecord(record['error']);
  const detail = readRecord(body['error']);
  const type = readString(detail['type']) ?? readString(record['type']);
  const status = readNumber(record['status']);
  if (type === undefined && (status === undefined || status === 0)) return mapOpenAIError(error, context);
  const message = readString(detail['message']);
  const code = classify(status, type, message ?? '');
  const headers = record['headers'];
  return new ProviderError(code, {
    message: message ?? (status !== undefined ? `${context.provider} answered HTTP ${status} without an error message.` : `${context.provider} reported ${type}.`),
    provider: context.provider,
    upstreamStatus: status,
    upstreamCode: type,
    retryAfterMs: typeof headers === 'object' && headers !== null ? parseRetryAfterMs(headers as HeadersLike) : undefined,
    cause: error,
  });
}

function classify(status: number | undefined, type: string | undefined, message: string): ProviderErrorCode {
  if (type === 'invalid_request_error' || (type === undefined && (status === 400 || status === 413 || status === 422))) {
    if (CONTEXT_LENGTH.test(message)) return 'PROVIDER_CONTEXT_LENGTH_EXCEEDED';
    if (CONTENT_POLICY.test(message)) return 'PROVIDER_CONTENT_POLICY';
    return 'PROVIDER_BAD_REQUEST';
  }
  const byType = type === undefined ? undefined : BY_TYPE[type];
  if (byType !== undefined) return byType;
  switch (status) {
    case undefined:
      return 'PROVIDER_SERVER_ERROR';
    case 401:
      return 'PROVIDER_AUTHENTICATION';
    case 402:
    case 403:
      return 'PROVIDER_PERMISSION_DENIED';
    case 404:
      return 'PROVIDER_NOT_FOUND';
    case 408:
    case 504:
      return 'PROVIDER_TIMEOUT';
    case 429:
      return 'PROVIDER_RATE_LIMITED';
    case 503:
    case 529:
      return 'PROVIDER_OVERLOADED';
    default:
      return status >= 500 ? 'PROVIDER_SERVER_ERROR' : 'PROVIDER_BAD_REQUEST';
  }
}
