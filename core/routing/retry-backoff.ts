import type { RouterConfig } from '../config/router-config.js';

/**
 * How long to wait before retrying a deployment that already failed in this request:
 * exponential backoff with full jitter (`retry_backoff_base * 2^retry`, capped at
 * `retry_backoff_max`), at least `retry_after`, and at least the upstream's Retry-After.
 * Returns `undefined` when the upstream asked for longer than `max_retry_after`: waiting that
 * long inside a request helps nobody, so the router moves on (fallbacks) instead.
 */
export function retryDelayMs(retry: number, config: RouterConfig, retryAfterMs: number | undefined, random: () => number = Math.random): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs) return undefined;
  const ceiling = Math.min(config.retryBackoffMaxMs, config.retryBackoffBaseMs * 2 ** Math.min(retry, 30));
  const jittered = Math.round(random() * ceiling);
  return Math.max(jittered, config.retryAfterMs, retryAfterMs ?? 0);
}
