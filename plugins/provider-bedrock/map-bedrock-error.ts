import { ProviderError, SwitchyardError, type ProviderErrorCode } from '../../sdk/index.js';
import { parseRetryAfterMs, type HeadersLike } from '../../sdk/openai-compatible/index.js';

const CONTEXT_LENGTH = /input is too long|too many (input )?tokens|prompt is too long|context (window|length)|maximum context|exceeds? the (model'?s? )?(maximum|max)/i;
const CONTENT_POLICY = /content (policy|filter)|guardrail|blocked by|safety/i;
const OVERLOADED = /overloaded|too many requests|capacity/i;

/** AWS error names that mean the credentials were rejected or could not be found. */
const AUTHENTICATION = new Set([
  'UnrecognizedClientException', 'InvalidSignatureException', 'IncompleteSignature', 'InvalidClientTokenId', 'ExpiredToken',
  'ExpiredTokenException', 'MissingAuthenticationToken', 'MissingAuthenticationTokenException', 'SignatureDoesNotMatch',
  'CredentialsProviderError', 'TokenProviderError', 'InvalidAccessKeyId', 'AuthFailure',
]);

const BY_NAME: Readonly<Record<string, ProviderErrorCode>> = {
  AccessDeniedException: 'PROVIDER_PERMISSION_DENIED',
  ResourceNotFoundException: 'PROVIDER_NOT_FOUND',
  ThrottlingException: 'PROVIDER_RATE_LIMITED',
  TooManyRequestsException: 'PROVIDER_RATE_LIMITED',
  ServiceQuotaExceededException: 'PROVIDER_RATE_LIMITED',
  ServiceUnavailableException: 'PROVIDER_OVERLOADED',
  ModelNotReadyException: 'PROVIDER_OVERLOADED',
  ModelTimeoutException: 'PROVIDER_TIMEOUT',
  InternalServerException: 'PROVIDER_SERVER_ERROR',
  ModelErrorException: 'PROVIDER_SERVER_ERROR',
  ModelStreamErrorException: 'PROVIDER_SERVER_ERROR',
  ConflictException: 'PROVIDER_BAD_REQUEST',
};

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const readString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Maps what the AWS SDK throws (a modelled exception such as `ThrottlingException`, an unmodelled
 * HTTP error, an event-stream exception frame, a credentials or region problem, a socket error)
 * to a catalogue-coded ProviderError. The AWS error name is kept as `upstreamCode`.
 */
export function mapBedrockError(error: unknown, provider: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  const record = isRecord(error) ? error : {};
  const name = readString(record['name']);
  const message = readString(record['message']);
  const metadata = isRecord(record['$metadata']) ? record['$metadata'] : {};
  const status = typeof metadata['httpStatusCode'] === 'number' ? metadata['httpStatusCode'] : undefined;
  const originalStatus = typeof record['originalStatusCode'] === 'number' ? record['originalStatusCode'] : undefined;
  const response = isRecord(record['$response']) ? record['$response'] : {};
  const code = classify(name, status ?? originalStatus, message ?? '', error);
  const modelled = name !== undefined && name !== 'Unknown' && name !== 'UnknownError' && name !== 'Error';
  return new ProviderError(code, {
    message: describe(code, provider, message, status, error),
    provider,
    ...(status !== undefined ? { upstreamStatus: status } : {}),
    ...(modelled ? { upstreamCode: name } : {}),
    retryAfterMs: isRecord(response['headers']) ? parseRetryAfterMs(response['headers'] as HeadersLike) : undefined,
    cause: error,
  });
}

function classify(name: string | undefined, status: number | undefined, message: string, error: unknown): ProviderErrorCode {
  if (name !== undefined && AUTHENTICATION.has(name)) return 'PROVIDER_AUTHENTICATION';
  if (message === 'Region is missing' || /^Region is missing/.test(message)) return 'PROVIDER_NOT_CONFIGURED';
  const unmodelled = name === undefined || BY_NAME[name] === undefined;
  if (name === 'ValidationException' || (unmodelled && (status === 400 || status === 413 || status === 422))) {
    if (CONTEXT_LENGTH.test(message)) return 'PROVIDER_CONTEXT_LENGTH_EXCEEDED';
    if (CONTENT_POLICY.test(message)) return 'PROVIDER_CONTENT_POLICY';
    return 'PROVIDER_BAD_REQUEST';
  }
  if (name === 'ModelStreamErrorException' || name === 'ModelErrorException') {
    // These wrap the model's own HTTP answer; an overloaded or rate-limited model says so there.
    if (status === 429 || OVERLOADED.test(message)) return status === 429 ? 'PROVIDER_RATE_LIMITED' : 'PROVIDER_OVERLOADED';
  }
  if (name !== undefined && BY_NAME[name] !== undefined) return BY_NAME[name];
  if (status !== undefined) {
    if (status === 401) return 'PROVIDER_AUTHENTICATION';
    if (status === 403) return /signature|security token|credential/i.test(message) ? 'PROVIDER_AUTHENTICATION' : 'PROVIDER_PERMISSION_DENIED';
    if (status === 404) return 'PROVIDER_NOT_FOUND';
    if (status === 408) return 'PROVIDER_TIMEOUT';
    if (status === 429) return 'PROVIDER_RATE_LIMITED';
    if (status === 503 || status === 529) return 'PROVIDER_OVERLOADED';
    if (status >= 400 && status < 500) return 'PROVIDER_BAD_REQUEST';
    return 'PROVIDER_SERVER_ERROR';
  }
  if (someInChain(error, (link) => link['name'] === 'TimeoutError' || TIMEOUT_CODES.has(String(link['code'])))) return 'PROVIDER_TIMEOUT';
  if (someInChain(error, (link) => CONNECTION_CODES.has(String(link['code'])))) return 'PROVIDER_CONNECTION_FAILED';
  if (someInChain(error, (link) => link instanceof SyntaxError || /deserializ|checksum|event stream|prelude|message length/i.test(String(link['message'])))) return 'PROVIDER_RESPONSE_INVALID';
  return 'PROVIDER_SERVER_ERROR';
}

function someInChain(error: unknown, predicate: (link: Record<string, unknown>) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && isRecord(current); depth++) {
    if (predicate(current)) return true;
    current = current['cause'];
  }
  return false;
}

function describe(code: ProviderErrorCode, provider: string, message: string | undefined, status: number | undefined, error: unknown): string {
  if (code === 'PROVIDER_NOT_CONFIGURED') return `Provider '${provider}' has no AWS region: set aws_region_name in litellm_params, or AWS_REGION.`;
  if (code === 'PROVIDER_AUTHENTICATION' && isRecord(error) && error['name'] === 'CredentialsProviderError') {
    return `No AWS credentials for ${provider}: set aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), an AWS profile, or an api_key (Bedrock API key). ${message ?? ''}`.trim();
  }
  if (message !== undefined && message !== 'UnknownError' && message !== 'Unknown') return message;
  if (status !== undefined) return `${provider} answered HTTP ${status} without an error message.`;
  switch (code) {
    case 'PROVIDER_TIMEOUT':
      return `The request to ${provider} timed out.`;
    case 'PROVIDER_CONNECTION_FAILED':
      return `Could not connect to ${provider}.`;
    case 'PROVIDER_RESPONSE_INVALID':
      return `${provider} sent a response that could not be read.`;
    default:
      return `${provider} request failed.`;
  }
}
