import { childPath, describeValue, isConfigMap, type ConfigReader } from './config-reader.js';
import { lookupLitellmKey } from './litellm-keys.js';
import { readFallbackTable, readModelNameList, type FallbackNames } from './read-fallbacks.js';
import { readBoolean, readCount, readSeconds, readAmount } from './read-routing-values.js';
import { DEFAULT_ROUTER_CONFIG, POLICY_ERROR_CLASSES, ROUTING_STRATEGIES, type PolicyErrorClass, type RouterConfig, type RoutingStrategyName } from './router-config.js';
import { suggestKey } from './suggest-key.js';

type Draft = { -readonly [K in keyof RouterConfig]: RouterConfig[K] };
type KeyReader = (reader: ConfigReader, raw: unknown, path: string, draft: Draft, names: FallbackNames) => void;

/** LiteLLM spellings of strategies that Switchyard serves with one of its own. */
const STRATEGY_ALIASES: Readonly<Record<string, RoutingStrategyName>> = { 'usage-based-routing-v2': 'usage-based-routing' };

const set = <K extends keyof Draft>(key: K, value: Draft[K] | undefined, draft: Draft): void => {
  if (value !== undefined) draft[key] = value;
};

function readStrategy(reader: ConfigReader, raw: unknown, path: string): RoutingStrategyName | undefined {
  const value = reader.string(raw, path, { expected: `one of ${ROUTING_STRATEGIES.join(', ')}` });
  if (value === undefined) return undefined;
  if ((ROUTING_STRATEGIES as readonly string[]).includes(value)) return value as RoutingStrategyName;
  if (STRATEGY_ALIASES[value]) return STRATEGY_ALIASES[value];
  const hint = suggestKey(value, ROUTING_STRATEGIES);
  reader.fail(path, hint ? `unknown routing strategy '${value}'; did you mean '${hint}'?` : `unknown routing strategy '${value}'; expected one of ${ROUTING_STRATEGIES.join(', ')}`);
  return undefined;
}

function readStrategyArgs(reader: ConfigReader, raw: unknown, path: string, draft: Draft): void {
  const map = reader.map(raw, path, 'a mapping of strategy arguments');
  for (const [key, value] of Object.entries(map ?? {})) {
    const at = childPath(path, key);
    if (key === 'lowest_latency_buffer') set('latencyBuffer', readAmount(reader, value, at), draft);
    else if (key === 'ttl') set('latencyTtlMs', readSeconds(reader, value, at), draft);
    else reader.warnUnsupported(at, key);
  }
}

/** `retry_policy` / `allowed_fails_policy`: `<LiteLLM exception class><suffix>` → count. */
function readPolicy(reader: ConfigReader, raw: unknown, path: string, suffix: 'Retries' | 'AllowedFails'): Partial<Record<PolicyErrorClass, number>> | undefined {
  const map = reader.map(raw, path, `a mapping such as {RateLimitError${suffix}: 3}`);
  if (!map) return undefined;
  const keys = POLICY_ERROR_CLASSES.map((name) => `${name}${suffix}`);
  const out: Partial<Record<PolicyErrorClass, number>> = {};
  for (const [key, value] of Object.entries(map)) {
    const at = childPath(path, key);
    if (!keys.includes(key)) {
      // `RateLimitRetries` for `RateLimitErrorRetries` is too far for spelling distance; it is the usual slip.
      const withError = key.endsWith(suffix) ? `${key.slice(0, -suffix.length)}Error${suffix}` : undefined;
      const hint = withError !== undefined && keys.includes(withError) ? withError : suggestKey(key, keys);
      reader.fail(at, hint ? `unknown key '${key}'; did you mean '${hint}'?` : `unknown key '${key}'; expected one of: ${keys.join(', ')}`);
      continue;
    }
    const count = readCount(reader, value, at);
    if (count !== undefined) out[key.slice(0, -suffix.length) as PolicyErrorClass] = count;
  }
  return out;
}

/** Readers of the supported `router_settings` keys. */
const ROUTER_KEYS: Readonly<Record<string, KeyReader>> = {
  routing_strategy: (r, raw, at, d) => set('routingStrategy', readStrategy(r, raw, at), d),
  routing_strategy_args: (r, raw, at, d) => readStrategyArgs(r, raw, at, d),
  num_retries: (r, raw, at, d) => set('numRetries', readCount(r, raw, at), d),
  retry_policy: (r, raw, at, d) => set('retryPolicy', readPolicy(r, raw, at, 'Retries'), d),
  retry_after: (r, raw, at, d) => set('retryAfterMs', readSeconds(r, raw, at, true), d),
  retry_backoff_base: (r, raw, at, d) => set('retryBackoffBaseMs', readSeconds(r, raw, at, true), d),
  retry_backoff_max: (r, raw, at, d) => set('retryBackoffMaxMs', readSeconds(r, raw, at, true), d),
  max_retry_after: (r, raw, at, d) => set('maxRetryAfterMs', readSeconds(r, raw, at, true), d),
  allowed_fails: (r, raw, at, d) => set('allowedFails', readCount(r, raw, at), d),
  allowed_fails_policy: (r, raw, at, d) => set('allowedFailsPolicy', readPolicy(r, raw, at, 'AllowedFails'), d),
  cooldown_time: (r, raw, at, d) => set('cooldownTimeMs', readSeconds(r, raw, at, true), d),
  disable_cooldowns: (r, raw, at, d) => set('disableCooldowns', readBoolean(r, raw, at), d),
  timeout: (r, raw, at, d) => set('timeoutMs', readSeconds(r, raw, at), d),
  stream_timeout: (r, raw, at, d) => set('streamTimeoutMs', readSeconds(r, raw, at), d),
  stream_idle_timeout: (r, raw, at, d) => set('streamIdleTimeoutMs', readSeconds(r, raw, at), d),
  fallbacks: (r, raw, at, d, n) => set('fallbacks', readFallbackTable(r, raw, at, n), d),
  context_window_fallbacks: (r, raw, at, d, n) => set('contextWindowFallbacks', readFallbackTable(r, raw, at, n), d),
  content_policy_fallbacks: (r, raw, at, d, n) => set('contentPolicyFallbacks', readFallbackTable(r, raw, at, n), d),
  default_fallbacks: (r, raw, at, d, n) => set('defaultFallbacks', readModelNameList(r, raw, at, n), d),
  max_fallbacks: (r, raw, at, d) => set('maxFallbacks', readCount(r, raw, at), d),
  enable_pre_call_checks: (r, raw, at, d) => set('enablePreCallChecks', readBoolean(r, raw, at), d),
  enable_pre_call_check: (r, raw, at, d) => set('enablePreCallChecks', readBoolean(r, raw, at), d),
  default_max_parallel_requests: (r, raw, at, d) => set('defaultMaxParallelRequests', readCount(r, raw, at, 1), d),
};

/** `litellm_settings` keys that overlap router settings; `router_settings` wins, as in LiteLLM. */
const LITELLM_SETTINGS_KEYS: Readonly<Record<string, KeyReader>> = {
  num_retries: ROUTER_KEYS['num_retries']!,
  allowed_fails: ROUTER_KEYS['allowed_fails']!,
  cooldown_time: ROUTER_KEYS['cooldown_time']!,
  fallbacks: ROUTER_KEYS['fallbacks']!,
  context_window_fallbacks: ROUTER_KEYS['context_window_fallbacks']!,
  content_policy_fallbacks: ROUTER_KEYS['content_policy_fallbacks']!,
  default_fallbacks: ROUTER_KEYS['default_fallbacks']!,
  request_timeout: ROUTER_KEYS['timeout']!,
};

/** `general_settings` keys about deployment health. */
const GENERAL_KEYS: Readonly<Record<string, KeyReader>> = {
  background_health_checks: (r, raw, at, d) => set('backgroundHealthChecks', readBoolean(r, raw, at), d),
  health_check_interval: (r, raw, at, d) => set('healthCheckIntervalMs', readSeconds(r, raw, at), d),
};

function apply(reader: ConfigReader, raw: unknown, path: string, keys: Readonly<Record<string, KeyReader>>, draft: Draft, names: FallbackNames, section: 'router_settings' | 'litellm_settings' | 'general_settings'): void {
  if (!isConfigMap(raw)) return; // the section reader already reported a non-mapping
  for (const [key, value] of Object.entries(raw)) {
    const read = keys[key];
    // Only keys the key table marks supported: unknown and unsupported keys were reported by the section reader.
    if (read && lookupLitellmKey(section, key) === 'supported') read(reader, value, childPath(path, key), draft, names);
  }
}

/** The raw sections the router settings come from. */
export interface RouterSettingsSources {
  readonly routerSettings: unknown;
  readonly litellmSettings: unknown;
  readonly generalSettings: unknown;
}

/**
 * Reads and validates the router settings. Values come from the raw (uninterpolated) sections,
 * so `num_retries: os.environ/RETRIES` works; every problem names the file and path.
 */
export function readRouterSettings(reader: ConfigReader, sources: RouterSettingsSources, names: FallbackNames): RouterConfig {
  const draft: Draft = { ...DEFAULT_ROUTER_CONFIG };
  apply(reader, sources.litellmSettings, 'litellm_settings', LITELLM_SETTINGS_KEYS, draft, names, 'litellm_settings');
  apply(reader, sources.routerSettings, 'router_settings', ROUTER_KEYS, draft, names, 'router_settings');
  apply(reader, sources.generalSettings, 'general_settings', GENERAL_KEYS, draft, names, 'general_settings');
  if (draft.retryBackoffMaxMs < draft.retryBackoffBaseMs) {
    reader.fail('router_settings.retry_backoff_max', `expected at least retry_backoff_base (${draft.retryBackoffBaseMs / 1000} s), got ${describeValue(draft.retryBackoffMaxMs / 1000)}`);
  }
  return draft;
}
