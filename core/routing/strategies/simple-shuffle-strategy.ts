import type { Deployment } from '../deployment.js';
import type { PickScope, RoutingStrategy } from './routing-strategy.js';

/**
 * `simple-shuffle`: a weighted random pick (by `weight`, else `rpm`, else `tpm`; equal weights
 * when none is set). Two passes: sum the usable weights, then walk to the drawn point.
 */
export function createSimpleShuffleStrategy(random: () => number = Math.random): RoutingStrategy {
  return {
    name: 'simple-shuffle',
    pick(tier: readonly Deployment[], scope: PickScope): Deployment | undefined {
      if (tier.length === 1) return scope.usable(tier[0]!) ? tier[0] : undefined;
      let total = 0;
      let usable = 0;
      let last: Deployment | undefined;
      for (const deployment of tier) {
        if (!scope.usable(deployment)) continue;
        total += deployment.shuffleWeight;
        usable += 1;
        last = deployment;
      }
      if (usable <= 1) return last;
      // All weights zero: fall back to an even draw rather than always the first.
      const even = total <= 0;
      let point = random() * (even ? usable : total);
      for (const deployment of tier) {
        if (!scope.usable(deployment)) continue;
        point -= even ? 1 : deployment.shuffleWeight;
        if (point < 0) return deployment;
      }
      return last;
    },
  };
}
