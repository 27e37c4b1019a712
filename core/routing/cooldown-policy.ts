import type { RouterConfig } from '../config/router-config.js';
import type { Deployment } from './deployment.js';
import { ERROR_CLASS_RULES, type ErrorClass } from './error-class.js';

/** A cooldown asked for by an upstream's Retry-After is honoured up to this long. */
export const MAX_RETRY_AFTER_COOLDOWN_MS = 300_000;

/**
 * Decides when a failing deployment goes into cooldown: at once on rate limits, bad keys and
 * unknown models; after more than `allowed_fails` failures within a minute for server errors,
 * overload, timeouts, connection failures and invalid responses; never for errors the request
 * caused. `allowed_fails_policy` replaces both rules for the classes it names.
 */
export class CooldownPolicy {
  private readonly tracksClasses: boolean;

  constructor(private readonly config: RouterConfig) {
    this.tracksClasses = Object.keys(config.allowedFailsPolicy).length > 0;
  }

  /** Records a failure of `deployment`; returns true when it entered cooldown. */
  onFailure(deployment: Deployment, errorClass: ErrorClass, errorCode: string, retryAfterMs: number | undefined, now: number): boolean {
    const rule = ERROR_CLASS_RULES[errorClass];
    if (rule.cooldown === 'none') return false;
    const counts = deployment.state.countFailure(now, rule.policy, this.tracksClasses);
    if (this.config.disableCooldowns || deployment.cooldownTimeMs <= 0) return false;
    const policyAllowed = rule.policy === undefined ? undefined : this.config.allowedFailsPolicy[rule.policy];
    const trips = policyAllowed !== undefined ? counts.ofClass > policyAllowed : rule.cooldown === 'instant' || counts.total > this.config.allowedFails;
    if (!trips) return false;
    const asked = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_COOLDOWN_MS);
    deployment.state.coolDown(now, Math.max(deployment.cooldownTimeMs, asked), errorCode);
    return true;
  }
}
