import type { Deployment } from './deployment.js';
import type { ModelGroup } from './model-group.js';
import type { PickScope, RoutingStrategy } from './strategies/routing-strategy.js';

/** Why no deployment of a group could take a request. */
export interface Unavailability {
  readonly total: number;
  readonly coolingDown: number;
  readonly busy: number;
  readonly tooSmall: number;
  readonly excluded: number;
  /** Time until the first cooling deployment is back, when some are cooling down. */
  readonly retryAfterMs?: number;
}

/**
 * The router's view of one request inside one model group: which deployments already failed
 * (a retry prefers others) or must not be tried again, and the prompt size for pre-call checks.
 */
export class RouteScope implements PickScope {
  now = 0;
  private freshOnly = false;
  private tried: Deployment[] | undefined;
  private excluded: Deployment[] | undefined;

  /** `promptTokens` is set only when pre-call checks are on. */
  constructor(private readonly promptTokens: number | undefined) {}

  usable(deployment: Deployment): boolean {
    const state = deployment.state;
    if (state.cooldownUntil > this.now || state.inFlight >= deployment.maxParallelRequests) return false;
    if (this.excluded !== undefined && this.excluded.includes(deployment)) return false;
    if (this.freshOnly && this.tried !== undefined && this.tried.includes(deployment)) return false;
    return this.promptTokens === undefined || this.fits(deployment);
  }

  /** Records that `deployment` failed in this request: a retry looks elsewhere first. */
  markTried(deployment: Deployment): void {
    (this.tried ??= []).push(deployment);
  }

  /** True when `deployment` already failed in this request. */
  hasTried(deployment: Deployment): boolean {
    return this.tried !== undefined && this.tried.includes(deployment);
  }

  /** Never try `deployment` again in this request (its key, access or model is wrong). */
  exclude(deployment: Deployment): void {
    (this.excluded ??= []).push(deployment);
  }

  /**
   * Picks a deployment: first one that has not failed in this request, tier by tier (so a retry
   * moves down a tier before it retries a deployment that failed), then one that has.
   */
  pick(group: ModelGroup, strategy: RoutingStrategy, now: number): Deployment | undefined {
    this.now = now;
    this.freshOnly = this.tried !== undefined;
    for (const tier of group.tiers) {
      const chosen = strategy.pick(tier, this);
      if (chosen) return chosen;
    }
    if (!this.freshOnly) return undefined;
    this.freshOnly = false;
    for (const tier of group.tiers) {
      const chosen = strategy.pick(tier, this);
      if (chosen) return chosen;
    }
    return undefined;
  }

  /** Explains an empty pick (slow path: only runs when the request is about to fail). */
  explain(group: ModelGroup, now: number): Unavailability {
    let coolingDown = 0;
    let busy = 0;
    let tooSmall = 0;
    let excluded = 0;
    let soonest = Number.POSITIVE_INFINITY;
    for (const deployment of group.deployments) {
      if (deployment.state.cooldownUntil > now) {
        coolingDown += 1;
        soonest = Math.min(soonest, deployment.state.cooldownUntil - now);
      } else if (this.excluded?.includes(deployment)) excluded += 1;
      else if (this.promptTokens !== undefined && !this.fits(deployment)) tooSmall += 1;
      else busy += 1;
    }
    return { total: group.deployments.length, coolingDown, busy, tooSmall, excluded, ...(Number.isFinite(soonest) ? { retryAfterMs: soonest } : {}) };
  }

  private fits(deployment: Deployment): boolean {
    const window = deployment.maxInputTokens();
    return window === null || window >= this.promptTokens!;
  }
}
