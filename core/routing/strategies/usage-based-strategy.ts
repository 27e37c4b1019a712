import type { Deployment } from '../deployment.js';
import type { PickScope, RoutingStrategy } from './routing-strategy.js';

/** How full a deployment is this minute: the larger of its request and token shares (0 without limits). */
function utilisation(deployment: Deployment): number {
  const { requestsThisMinute, tokensThisMinute } = deployment.state;
  return Math.max(Number.isFinite(deployment.rpm) ? requestsThisMinute / deployment.rpm : 0, Number.isFinite(deployment.tpm) ? tokensThisMinute / deployment.tpm : 0);
}

/**
 * `usage-based-routing`: the usable deployment with the lowest share of its `rpm`/`tpm` used in
 * the current minute; deployments whose minute is full (requests + 1 over `rpm`, or tokens at
 * `tpm`) are skipped. Without limits it prefers the deployment that served the fewest tokens.
 */
export function createUsageBasedStrategy(random: () => number = Math.random): RoutingStrategy {
  return {
    name: 'usage-based-routing',
    pick(tier: readonly Deployment[], scope: PickScope): Deployment | undefined {
      let best: Deployment | undefined;
      let bestScore = Number.POSITIVE_INFINITY;
      let ties = 0;
      for (const deployment of tier) {
        if (!scope.usable(deployment)) continue;
        deployment.state.rollMinute(scope.now);
        const { requestsThisMinute, tokensThisMinute } = deployment.state;
        if (requestsThisMinute + 1 > deployment.rpm || tokensThisMinute >= deployment.tpm) continue;
        const limited = Number.isFinite(deployment.rpm) || Number.isFinite(deployment.tpm);
        const score = limited ? utilisation(deployment) : tokensThisMinute;
        if (score < bestScore) {
          best = deployment;
          bestScore = score;
          ties = 1;
        } else if (score === bestScore && random() * ++ties < 1) best = deployment;
      }
      return best;
    },
  };
}
