import type { Logger } from '../../sdk/index.js';
import { deploymentIdOf } from '../config/deployment-id.js';
import type { HostConfig } from '../config/host-config.js';
import type { RouterConfig } from '../config/router-config.js';
import { CooldownPolicy } from './cooldown-policy.js';
import { Deployment } from './deployment.js';
import { DeploymentHealthChecker } from './deployment-health-checker.js';
import { executeRoute, type RouteEngine } from './execute-route.js';
import { ModelGroup } from './model-group.js';
import type { ModelResolver } from './model-resolver.js';
import type { AttemptContext, Routed, RouteRequest } from './route-types.js';
import { createRoutingStrategy } from './strategies/create-routing-strategy.js';
import type { RoutingStrategy } from './strategies/routing-strategy.js';

/** Dependencies of {@link DeploymentRouter}. */
export interface DeploymentRouterDependencies {
  readonly config: HostConfig;
  readonly modelResolver: ModelResolver;
  readonly logger: Logger;
}

/** One row of `GET /health/deployments`. */
export interface DeploymentHealth {
  readonly id: string;
  readonly model_name: string;
  readonly provider: string;
  readonly model: string;
  readonly state: 'healthy' | 'cooldown';
  /** ISO time the cooldown ends, or null. */
  readonly cooldown_until: string | null;
  /** Failures in the last minute. */
  readonly recent_failures: number;
  readonly in_flight: number;
  readonly last_health_check: { readonly at: string; readonly ok: boolean; readonly error_code: string | null } | null;
}

/** Bound on remembered `provider/model` handles used without a model_list entry. */
const MAX_AD_HOC_TARGETS = 10_000;

/**
 * Routes requests to deployments: owns the model groups, their live state (in memory, per
 * process), the routing strategy and the cooldown policy; the retry and fallback loop is
 * {@link executeRoute}. Nothing here touches the database.
 */
export class DeploymentRouter implements RouteEngine {
  readonly config: RouterConfig;
  readonly strategy: RoutingStrategy;
  readonly cooldown: CooldownPolicy;
  readonly logger: Logger;
  /** Every configured deployment, in config order. */
  readonly deployments: readonly Deployment[];
  private readonly groups = new Map<string, ModelGroup>();
  /** One-deployment groups by deployment id and by `provider/model` handle. */
  private readonly singles = new Map<string, ModelGroup>();
  private readonly adHoc = new Map<string, ModelGroup>();
  private readonly healthChecker: DeploymentHealthChecker;

  constructor(private readonly deps: DeploymentRouterDependencies) {
    this.config = deps.config.router;
    this.logger = deps.logger.child({ component: 'router' });
    this.strategy = createRoutingStrategy(this.config);
    this.cooldown = new CooldownPolicy(this.config);
    const members = new Map<string, Deployment[]>();
    const seen = new Set<string>();
    const deployments: Deployment[] = [];
    for (const config of deps.config.modelList) {
      let id = deploymentIdOf(config);
      // Identical entries hash alike; keep ids unique so state and health rows stay apart.
      for (let n = 2; seen.has(id); n++) id = `${deploymentIdOf(config)}-${n}`;
      seen.add(id);
      const deployment = new Deployment(
        { id, modelName: config.modelName, provider: config.provider, model: config.model, config, resolve: () => deps.modelResolver.resolveDeployment(config.modelName, config) },
        this.config,
      );
      deployments.push(deployment);
      members.set(config.modelName, [...(members.get(config.modelName) ?? []), deployment]);
      const single = new ModelGroup(id, [deployment], { assignWeights: false });
      this.singles.set(id, single);
      const handle = `${config.provider}/${config.model}`;
      if (!this.singles.has(handle)) this.singles.set(handle, new ModelGroup(handle, [deployment], { assignWeights: false }));
    }
    for (const [name, group] of members) this.groups.set(name, new ModelGroup(name, group));
    this.deployments = deployments;
    this.healthChecker = new DeploymentHealthChecker({ deployments, config: this.config, cooldown: this.cooldown, logger: this.logger });
  }

  /** Starts background health checks when `general_settings.background_health_checks` is on. */
  start(): void {
    this.healthChecker.start();
  }

  /** Runs one round of health checks now (what the background timer does). */
  checkHealth(): Promise<void> {
    return this.healthChecker.tick();
  }

  /** Stops background health checks. */
  dispose(): void {
    this.healthChecker.stop();
  }

  /** True when requests should carry a prompt-size estimate (`enable_pre_call_checks`). */
  get preCallChecks(): boolean {
    return this.config.enablePreCallChecks;
  }

  /** The group a model string names: a `model_name`, a deployment id, or a `provider/model` handle. */
  targetFor(model: string): ModelGroup {
    const known = this.groups.get(model) ?? this.singles.get(model) ?? this.adHoc.get(model);
    if (known) return known;
    // Throws MODEL_NOT_FOUND / PROVIDER_NOT_CONFIGURED for models nobody serves.
    const resolved = this.deps.modelResolver.resolve(model);
    const deployment = new Deployment({ id: model, modelName: model, provider: resolved.provider, model: resolved.modelId, resolve: () => resolved }, this.config);
    const group = new ModelGroup(model, [deployment], { assignWeights: false });
    if (this.adHoc.size >= MAX_AD_HOC_TARGETS) this.adHoc.clear();
    this.adHoc.set(model, group);
    return group;
  }

  /** Routes one request through retries, cooldowns and fallbacks; see {@link executeRoute}. */
  route<T>(request: RouteRequest, attempt: (context: AttemptContext) => Promise<T>): Promise<Routed<T>> {
    return executeRoute(this, request, attempt);
  }

  /** The state of every configured deployment, for `GET /health/deployments`. */
  health(now: number = Date.now()): DeploymentHealth[] {
    return this.deployments.map((deployment) => {
      const { state } = deployment;
      const cooling = state.isCoolingDown(now);
      const check = state.lastHealthCheck;
      return {
        id: deployment.id,
        model_name: deployment.modelName,
        provider: deployment.provider,
        model: deployment.model,
        state: cooling ? 'cooldown' : 'healthy',
        cooldown_until: cooling ? new Date(state.cooldownUntil).toISOString() : null,
        recent_failures: state.recentFailures(now),
        in_flight: state.inFlight,
        last_health_check: check ? { at: new Date(check.at).toISOString(), ok: check.ok, error_code: check.errorCode ?? null } : null,
      };
    });
  }
}
