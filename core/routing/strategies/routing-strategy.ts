import type { RoutingStrategyName } from '../../config/router-config.js';
import type { Deployment } from '../deployment.js';

/** What a strategy may ask about the request being routed. */
export interface PickScope {
  /** `Date.now()` when the pick began. */
  readonly now: number;
  /** False for deployments that must be skipped: cooling down, at `max_parallel_requests`, too small, already failed. */
  usable(deployment: Deployment): boolean;
}

/**
 * Chooses one deployment of a priority tier. Implementations make one or two passes over the
 * tier, allocate nothing, and return `undefined` when no deployment is usable.
 */
export interface RoutingStrategy {
  readonly name: RoutingStrategyName;
  pick(tier: readonly Deployment[], scope: PickScope): Deployment | undefined;
}
