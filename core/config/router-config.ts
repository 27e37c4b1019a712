/** `router_settings.routing_strategy` values Switchyard implements. */
export const ROUTING_STRATEGIES = ['simple-shuffle', 'least-busy', 'latency-based-routing', 'usage-based-routing', 'cost-based-routing'] as const;

/** One of {@link ROUTING_STRATEGIES}. */
export type RoutingStrategyName = (typeof ROUTING_STRATEGIES)[number];

/**
 * LiteLLM's exception classes as they appear in `retry_policy` (`<Class>Retries`) and
 * `allowed_fails_policy` (`<Class>AllowedFails`) keys.
 */
export const POLICY_ERROR_CLASSES = [
  'BadRequestError', 'AuthenticationError', 'TimeoutError', 'RateLimitError', 'ContentPolicyViolationError', 'InternalServerError',
] as const;

/** One of {@link POLICY_ERROR_CLASSES}. */
export type PolicyErrorClass = (typeof POLICY_ERROR_CLASSES)[number];

/** Fallback lists keyed by the model group that failed (`*` matches every group). */
export type FallbackTable = Readonly<Record<string, readonly string[]>>;

/** The validated router settings (`router_settings`, overlapping `litellm_settings`, health keys of `general_settings`). */
export interface RouterConfig {
  readonly routingStrategy: RoutingStrategyName;
  /** `routing_strategy_args.lowest_latency_buffer`: deployments within this fraction of the fastest share load. */
  readonly latencyBuffer: number;
  /** `routing_strategy_args.ttl`: latency samples older than this are forgotten. */
  readonly latencyTtlMs: number;
  readonly numRetries: number;
  /** `retry_policy`: retries per error class; wins over every other retry count for that class. */
  readonly retryPolicy: Readonly<Partial<Record<PolicyErrorClass, number>>>;
  /** `retry_after`: the shortest wait before retrying a deployment that already failed. */
  readonly retryAfterMs: number;
  /** `retry_backoff_base`: the first backoff's upper bound; doubles with each retry (full jitter). */
  readonly retryBackoffBaseMs: number;
  /** `retry_backoff_max`: the longest backoff. */
  readonly retryBackoffMaxMs: number;
  /** `max_retry_after`: an upstream Retry-After longer than this is not waited for inside a request. */
  readonly maxRetryAfterMs: number;
  readonly allowedFails: number;
  /** `allowed_fails_policy`: allowed failures per error class, replacing `allowed_fails` (and the instant cooldown) for that class. */
  readonly allowedFailsPolicy: Readonly<Partial<Record<PolicyErrorClass, number>>>;
  readonly cooldownTimeMs: number;
  readonly disableCooldowns: boolean;
  /** `timeout`: whole call (non-streaming); default for the stream timeouts below. */
  readonly timeoutMs: number;
  /** `stream_timeout`: wait for the first streamed part. */
  readonly streamTimeoutMs?: number;
  /** `stream_idle_timeout`: longest gap between streamed parts once the stream has begun. */
  readonly streamIdleTimeoutMs?: number;
  readonly fallbacks: FallbackTable;
  readonly contextWindowFallbacks: FallbackTable;
  readonly contentPolicyFallbacks: FallbackTable;
  /** `default_fallbacks`: used for any group without its own `fallbacks` entry. */
  readonly defaultFallbacks: readonly string[];
  readonly maxFallbacks: number;
  readonly enablePreCallChecks: boolean;
  readonly defaultMaxParallelRequests?: number;
  /** `general_settings.background_health_checks`. */
  readonly backgroundHealthChecks: boolean;
  /** `general_settings.health_check_interval`. */
  readonly healthCheckIntervalMs: number;
}

/** Per-deployment routing keys of `litellm_params` (only the ones written). */
export interface DeploymentRoutingConfig {
  readonly weight?: number;
  readonly rpm?: number;
  readonly tpm?: number;
  readonly order?: number;
  readonly maxParallelRequests?: number;
  readonly numRetries?: number;
  readonly cooldownTimeMs?: number;
  readonly streamTimeoutMs?: number;
  readonly streamIdleTimeoutMs?: number;
  readonly inputCostPerToken?: number;
  readonly outputCostPerToken?: number;
}

/** Defaults, as documented under "Routing and reliability" in README.md. */
export const DEFAULT_ROUTER_CONFIG: RouterConfig = {
  routingStrategy: 'simple-shuffle',
  latencyBuffer: 0.1,
  latencyTtlMs: 3_600_000,
  numRetries: 2,
  retryPolicy: {},
  retryAfterMs: 0,
  retryBackoffBaseMs: 500,
  retryBackoffMaxMs: 8_000,
  maxRetryAfterMs: 30_000,
  allowedFails: 3,
  allowedFailsPolicy: {},
  cooldownTimeMs: 5_000,
  disableCooldowns: false,
  timeoutMs: 600_000,
  fallbacks: {},
  contextWindowFallbacks: {},
  contentPolicyFallbacks: {},
  defaultFallbacks: [],
  maxFallbacks: 5,
  enablePreCallChecks: false,
  backgroundHealthChecks: false,
  healthCheckIntervalMs: 300_000,
};
