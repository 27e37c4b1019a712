import { SwitchyardError, type Logger } from '../../sdk/index.js';
import type { RouterConfig } from '../config/router-config.js';
import { abortableSleep } from './abortable-sleep.js';
import { attemptDeployment } from './attempt-deployment.js';
import type { CooldownPolicy } from './cooldown-policy.js';
import type { Deployment } from './deployment.js';
import { classifyError, ERROR_CLASS_RULES, retryAfterOf, type ErrorClass } from './error-class.js';
import { fallbackPlan } from './fallback-plan.js';
import type { ModelGroup } from './model-group.js';
import { RouteScope, type Unavailability } from './route-scope.js';
import type { AttemptContext, Routed, RouteRequest } from './route-types.js';
import { retryDelayMs } from './retry-backoff.js';
import type { RoutingStrategy } from './strategies/routing-strategy.js';

/** What the route loop needs from the router. */
export interface RouteEngine {
  readonly config: RouterConfig;
  readonly strategy: RoutingStrategy;
  readonly cooldown: CooldownPolicy;
  readonly logger: Logger;
  /** The group a model string names; throws MODEL_NOT_FOUND. */
  targetFor(model: string): ModelGroup;
}

type GroupOutcome<T> = { readonly routed: Routed<T> } | { readonly error: unknown };

/** How many retries a failure of `errorClass` on `deployment` allows. */
function retryLimit(errorClass: ErrorClass, deployment: Deployment, request: RouteRequest, config: RouterConfig): number {
  const rule = ERROR_CLASS_RULES[errorClass];
  const policy = rule.policy === undefined ? undefined : config.retryPolicy[rule.policy];
  if (policy !== undefined) return policy;
  if (rule.retry === 'never') return 0;
  return request.overrides?.numRetries ?? deployment.numRetries ?? config.numRetries;
}

/** The error for a group none of whose deployments could take the request. */
function unavailableError(group: ModelGroup, why: Unavailability, promptTokens: number | undefined): SwitchyardError {
  if (why.tooSmall > 0 && why.coolingDown === 0 && why.busy === 0) {
    return new SwitchyardError('PROVIDER_CONTEXT_LENGTH_EXCEEDED', {
      message: `The prompt (about ${promptTokens} tokens) does not fit the context window of any deployment of model group '${group.name}'.`,
      param: 'messages',
      details: { modelGroup: group.name, promptTokens },
    });
  }
  const reasons: string[] = [];
  if (why.coolingDown > 0) reasons.push(`${why.coolingDown} cooling down after failures`);
  if (why.busy > 0) reasons.push(`${why.busy} at max_parallel_requests or at their rpm/tpm limit for this minute`);
  if (why.tooSmall > 0) reasons.push(`${why.tooSmall} with a context window too small for the prompt`);
  if (why.excluded > 0) reasons.push(`${why.excluded} rejected this request`);
  const retryAfterMs = why.retryAfterMs ?? 1000;
  return new SwitchyardError('ROUTER_NO_DEPLOYMENT_AVAILABLE', {
    message: `No deployment of model group '${group.name}' is available (${why.total} in the group: ${reasons.join(', ')}); try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`,
    details: { modelGroup: group.name, ...why, retryAfterMs },
  });
}

/**
 * Tries one model group: picks a deployment with the strategy, and on failure retries as the
 * error class allows. A retry goes to another usable deployment at once when there is one, and
 * otherwise waits (backoff, Retry-After) before trying a deployment that already failed.
 */
async function runGroup<T>(engine: RouteEngine, group: ModelGroup, request: RouteRequest, attempt: (context: AttemptContext) => Promise<T>): Promise<GroupOutcome<T>> {
  const scope = new RouteScope(request.promptTokens);
  const env = { config: engine.config, cooldown: engine.cooldown, modelGroup: group.name };
  let retries = 0;
  let lastError: unknown;
  let lastDeployment: Deployment | undefined;
  let waited = false;
  for (;;) {
    if (request.signal.aborted) throw request.signal.reason;
    const now = Date.now();
    const deployment = scope.pick(group, engine.strategy, now);
    if (!deployment) return { error: lastError ?? unavailableError(group, scope.explain(group, now), request.promptTokens) };
    if (lastError !== undefined && !waited && scope.hasTried(deployment)) {
      const delay = retryDelayMs(retries - 1, engine.config, deployment === lastDeployment ? retryAfterOf(lastError) : undefined);
      if (delay === undefined) return { error: lastError };
      if (delay > 0) {
        await abortableSleep(delay, request.signal);
        request.trace.upstreamMs += delay;
      }
      // Pick again: while we waited another deployment may have become usable.
      waited = true;
      continue;
    }
    waited = false;
    const outcome = await attemptDeployment(env, deployment, request, attempt);
    if (outcome.ok) return { routed: { value: outcome.value, deployment, modelGroup: group.name, lease: outcome.lease } };
    if (request.signal.aborted) throw request.signal.reason;
    const errorClass = classifyError(outcome.error);
    if (errorClass === 'fatal') throw outcome.error;
    lastError = outcome.error;
    lastDeployment = deployment;
    scope.markTried(deployment);
    if (ERROR_CLASS_RULES[errorClass].retry === 'failover') scope.exclude(deployment);
    if (retries >= retryLimit(errorClass, deployment, request, engine.config)) return { error: lastError };
    retries += 1;
  }
}

/**
 * Routes one request: the requested group first, then (when it gives up) the fallback groups
 * for the error's class, each with its own retries. The last error is thrown when all fail.
 */
export async function executeRoute<T>(engine: RouteEngine, request: RouteRequest, attempt: (context: AttemptContext) => Promise<T>): Promise<Routed<T>> {
  const primary = engine.targetFor(request.model);
  const first = await runGroup(engine, primary, request, attempt);
  if ('routed' in first) return first.routed;
  let error = first.error;
  const plan = fallbackPlan(primary.name, classifyError(error), request.overrides ?? {}, engine.config);
  for (const name of plan) {
    let group: ModelGroup;
    try {
      group = engine.targetFor(name);
    } catch (lookup) {
      engine.logger.warn('fallback names an unknown model; skipped', { fallback: name, modelGroup: primary.name, error: lookup });
      continue;
    }
    const outcome = await runGroup(engine, group, request, attempt);
    if ('routed' in outcome) return outcome.routed;
    error = outcome.error;
  }
  throw error;
}
