import type { Deployment } from '../deployment.js';
import type { PickScope, RoutingStrategy } from './routing-strategy.js';

/** Options of {@link createLatencyBasedStrategy}. */
export interface LatencyStrategyOptions {
  /** Deployments within `(1 + buffer)` times the fastest one's latency share the load. */
  readonly buffer: number;
  /** Latency samples older than this are ignored. */
  readonly ttlMs: number;
  readonly random?: () => number;
}

/**
 * `latency-based-routing`: prefers the deployment with the lowest recent latency (a moving
 * average of time to the answer or the first streamed part). Deployments with no recent sample
 * count as fastest, so they get measured. Near-equal deployments (within the buffer) are picked
 * at random among themselves so one does not take all the traffic.
 */
export function createLatencyBasedStrategy(options: LatencyStrategyOptions): RoutingStrategy {
  const random = options.random ?? Math.random;
  return {
    name: 'latency-based-routing',
    pick(tier: readonly Deployment[], scope: PickScope): Deployment | undefined {
      let fastest = Number.POSITIVE_INFINITY;
      for (const deployment of tier) {
        if (scope.usable(deployment)) fastest = Math.min(fastest, deployment.state.recentLatency(scope.now, options.ttlMs));
      }
      if (fastest === Number.POSITIVE_INFINITY) return undefined;
      const limit = fastest * (1 + options.buffer);
      let chosen: Deployment | undefined;
      let seen = 0;
      for (const deployment of tier) {
        if (!scope.usable(deployment) || deployment.state.recentLatency(scope.now, options.ttlMs) > limit) continue;
        if (random() * ++seen < 1) chosen = deployment;
      }
      return chosen;
    },
  };
}
