import { SwitchyardError } from '../../sdk/index.js';
import type { PolicyErrorClass } from '../config/router-config.js';

/** How the router groups failures; decided by error code only (providers map their upstream errors). */
export type ErrorClass =
  | 'rate_limit' | 'overloaded' | 'server' | 'timeout' | 'connection' | 'invalid_response'
  | 'authentication' | 'permission' | 'not_found'
  | 'bad_request' | 'context_window' | 'content_policy'
  | 'no_deployment'
  /** Not an upstream failure (bad input, a gateway bug): never retried, never falls back. */
  | 'fatal';

/** What the router does about one class of failure. */
export interface ErrorClassRule {
  /**
   * `backoff`: retry, the same deployment after a backoff or another one at once.
   * `failover`: the deployment is wrong for this request (key, access, model): never retried on it,
   * another deployment of the group is tried at once. `never`: the request itself is the problem.
   */
  readonly retry: 'backoff' | 'failover' | 'never';
  /** `instant`: cooldown at once; `count`: counts towards `allowed_fails`; `none`: not the deployment's fault. */
  readonly cooldown: 'instant' | 'count' | 'none';
  /** Which fallback list applies after the group gave up. */
  readonly fallback: 'generic' | 'context_window' | 'content_policy' | 'none';
  /** The LiteLLM exception class of `retry_policy` and `allowed_fails_policy`. */
  readonly policy?: PolicyErrorClass;
}

const rule = (retry: ErrorClassRule['retry'], cooldown: ErrorClassRule['cooldown'], fallback: ErrorClassRule['fallback'], policy?: PolicyErrorClass): ErrorClassRule => ({
  retry, cooldown, fallback, ...(policy ? { policy } : {}),
});

/** The rule of each class. */
export const ERROR_CLASS_RULES: Readonly<Record<ErrorClass, ErrorClassRule>> = {
  rate_limit: rule('backoff', 'instant', 'generic', 'RateLimitError'),
  overloaded: rule('backoff', 'count', 'generic', 'InternalServerError'),
  server: rule('backoff', 'count', 'generic', 'InternalServerError'),
  timeout: rule('backoff', 'count', 'generic', 'TimeoutError'),
  connection: rule('backoff', 'count', 'generic', 'InternalServerError'),
  invalid_response: rule('backoff', 'count', 'generic', 'InternalServerError'),
  authentication: rule('failover', 'instant', 'generic', 'AuthenticationError'),
  permission: rule('failover', 'none', 'generic', 'AuthenticationError'),
  not_found: rule('failover', 'instant', 'generic', 'BadRequestError'),
  bad_request: rule('never', 'none', 'generic', 'BadRequestError'),
  context_window: rule('never', 'none', 'context_window', 'BadRequestError'),
  content_policy: rule('never', 'none', 'content_policy', 'ContentPolicyViolationError'),
  no_deployment: rule('never', 'none', 'generic'),
  fatal: rule('never', 'none', 'none'),
};

const BY_CODE: Readonly<Record<string, ErrorClass>> = {
  PROVIDER_RATE_LIMITED: 'rate_limit',
  PROVIDER_OVERLOADED: 'overloaded',
  PROVIDER_SERVER_ERROR: 'server',
  PROVIDER_TIMEOUT: 'timeout',
  PROVIDER_CONNECTION_FAILED: 'connection',
  PROVIDER_RESPONSE_INVALID: 'invalid_response',
  PROVIDER_AUTHENTICATION: 'authentication',
  // A deployment without credentials is as unusable as one with a wrong key.
  PROVIDER_NOT_CONFIGURED: 'authentication',
  PROVIDER_PERMISSION_DENIED: 'permission',
  PROVIDER_NOT_FOUND: 'not_found',
  PROVIDER_BAD_REQUEST: 'bad_request',
  PROVIDER_CONTEXT_LENGTH_EXCEEDED: 'context_window',
  PROVIDER_CONTENT_POLICY: 'content_policy',
  ROUTER_NO_DEPLOYMENT_AVAILABLE: 'no_deployment',
};

/** The class of a failure; anything that is not a coded upstream or router error is `fatal`. */
export function classifyError(error: unknown): ErrorClass {
  return SwitchyardError.isInstance(error) ? (BY_CODE[error.code] ?? 'fatal') : 'fatal';
}

/** The error code recorded for an attempt. */
export function errorCodeOf(error: unknown): string {
  return SwitchyardError.isInstance(error) ? error.code : 'GATEWAY_INTERNAL';
}

/** The wait an upstream asked for (Retry-After), if it did. */
export function retryAfterOf(error: unknown): number | undefined {
  if (!SwitchyardError.isInstance(error)) return undefined;
  const value = error.details['retryAfterMs'];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
