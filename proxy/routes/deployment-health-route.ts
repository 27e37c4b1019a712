import type { Context } from 'koa';
import type { DeploymentHealth } from '../../core/routing/deployment-router.js';

/** Dependencies of `GET /health/deployments`. */
export interface DeploymentHealthRouteDependencies {
  deploymentHealth(): readonly DeploymentHealth[];
}

/**
 * `GET /health/deployments` (behind the master key): every configured deployment with its
 * routing state: `healthy` or `cooldown` (and until when), failures in the last minute,
 * requests in flight and the last background health check.
 */
export function createDeploymentHealthRoute(deps: DeploymentHealthRouteDependencies) {
  return async (ctx: Context): Promise<void> => {
    ctx.set('cache-control', 'no-store');
    ctx.body = { deployments: deps.deploymentHealth() };
  };
}
