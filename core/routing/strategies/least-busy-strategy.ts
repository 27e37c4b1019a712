import type { Deployment } from '../deployment.js';
import type { PickScope, RoutingStrategy } from './routing-strategy.js';

/** `least-busy`: the usable deployment with the fewest requests in flight; ties are broken at random. */
export function createLeastBusyStrategy(random: () => number = Math.random): RoutingStrategy {
  return {
    name: 'least-busy',
    pick(tier: readonly Deployment[], scope: PickScope): Deployment | undefined {
      let best: Deployment | undefined;
      let ties = 0;
      for (const deployment of tier) {
        if (!scope.usable(deployment)) continue;
        const busy = deployment.state.inFlight;
        if (best === undefined || busy < best.state.inFlight) {
          best = deployment;
          ties = 1;
        } else if (busy === best.state.inFlight && random() * ++ties < 1) {
          // Reservoir sampling: each of the k tied deployments ends up chosen with probability 1/k.
          best = deployment;
        }
      }
      return best;
    },
  };
}
