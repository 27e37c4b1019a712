import type { Deployment } from '../deployment.js';
import type { PickScope, RoutingStrategy } from './routing-strategy.js';

/**
 * `cost-based-routing`: the usable deployment with the lowest price per token (input plus output,
 * from `litellm_params` or `model_info`; an unpriced deployment counts as $1 a token, as in
 * LiteLLM). Equally cheap deployments share the load at random.
 */
export function createCostBasedStrategy(random: () => number = Math.random): RoutingStrategy {
  return {
    name: 'cost-based-routing',
    pick(tier: readonly Deployment[], scope: PickScope): Deployment | undefined {
      let best: Deployment | undefined;
      let ties = 0;
      for (const deployment of tier) {
        if (!scope.usable(deployment)) continue;
        if (best === undefined || deployment.costPerToken < best.costPerToken) {
          best = deployment;
          ties = 1;
        } else if (deployment.costPerToken === best.costPerToken && random() * ++ties < 1) best = deployment;
      }
      return best;
    },
  };
}
