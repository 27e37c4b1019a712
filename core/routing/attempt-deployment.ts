import { ProviderError, type SwitchyardError } from '../../sdk/index.js';
import type { RouterConfig } from '../config/router-config.js';
import { AttemptController } from './attempt-controller.js';
import type { CooldownPolicy } from './cooldown-policy.js';
import type { Deployment } from './deployment.js';
import { classifyError, errorCodeOf, retryAfterOf } from './error-class.js';
import type { AttemptContext, AttemptLease, AttemptRecord, RouteRequest } from './route-types.js';

/** What one attempt ended with. */
export type AttemptOutcome<T> = { readonly ok: true; readonly value: T; readonly lease: AttemptLease } | { readonly ok: false; readonly error: unknown };

/** Deadlines of one attempt on one deployment (request overrides, then deployment, then router settings). */
export function attemptDeadlines(deployment: Deployment, request: RouteRequest, config: RouterConfig): { deadlineMs: number; idleMs: number } {
  const timeout = request.overrides?.timeoutMs ?? deployment.timeoutMs ?? config.timeoutMs;
  const streamTimeout = request.overrides?.streamTimeoutMs ?? deployment.streamTimeoutMs ?? config.streamTimeoutMs ?? timeout;
  return { deadlineMs: request.mode === 'stream' ? streamTimeout : timeout, idleMs: deployment.streamIdleTimeoutMs ?? config.streamIdleTimeoutMs ?? timeout };
}

function timeoutError(deployment: Deployment, mode: RouteRequest['mode'], ms: number): () => SwitchyardError {
  const what = mode === 'stream' ? 'send the first part of its stream' : 'answer';
  const key = mode === 'stream' ? 'stream_timeout' : 'timeout';
  return () => new ProviderError('PROVIDER_TIMEOUT', { message: `${deployment.provider} did not ${what} within ${ms / 1000} s (${key} of deployment ${deployment.id}).`, provider: deployment.provider });
}

/** The router's hooks into one attempt. */
export interface AttemptEnvironment {
  readonly config: RouterConfig;
  readonly cooldown: CooldownPolicy;
  readonly modelGroup: string;
}

/** Counts a failure of `deployment` (cooldowns, latency of timeouts) unless the client caused it. */
function recordFailure(env: AttemptEnvironment, deployment: Deployment, record: AttemptRecord, error: unknown, clientGone: boolean, latencyMs: number): void {
  record.errorCode = clientGone ? 'REQUEST_CLIENT_DISCONNECTED' : errorCodeOf(error);
  if (clientGone) return;
  const now = Date.now();
  const errorClass = classifyError(error);
  // A deployment that times out is slow: latency-based routing should see it.
  if (errorClass === 'timeout') deployment.state.observeLatency(now, latencyMs, env.config.latencyTtlMs);
  env.cooldown.onFailure(deployment, errorClass, record.errorCode, retryAfterOf(error), now);
}

/**
 * Runs `attempt` once on `deployment`: counts it in flight and against the minute, bounds it by
 * its deadline, records it on the trace, and on failure feeds the cooldown policy. A success
 * returns an open {@link AttemptLease}; the caller finishes it.
 */
export async function attemptDeployment<T>(
  env: AttemptEnvironment,
  deployment: Deployment,
  request: RouteRequest,
  attempt: (context: AttemptContext) => Promise<T>,
): Promise<AttemptOutcome<T>> {
  const resolved = deployment.resolve();
  const record: AttemptRecord = { deployment: deployment.id, modelGroup: env.modelGroup, provider: deployment.provider, model: deployment.model, errorCode: null, latencyMs: 0 };
  request.trace.attempts.push(record);
  const { deadlineMs, idleMs } = attemptDeadlines(deployment, request, env.config);
  const controller = new AttemptController(request.signal, deadlineMs, timeoutError(deployment, request.mode, deadlineMs));
  const state = deployment.state;
  state.inFlight += 1;
  state.countRequest(Date.now());
  const started = performance.now();
  let value: T;
  try {
    value = await attempt({ deployment, resolved, signal: controller.signal });
  } catch (raw) {
    const latencyMs = performance.now() - started;
    request.trace.upstreamMs += latencyMs;
    record.latencyMs = Math.round(latencyMs);
    const error = controller.timedOut ?? raw;
    controller.release();
    state.inFlight -= 1;
    recordFailure(env, deployment, record, error, request.signal.aborted, latencyMs);
    return { ok: false, error };
  }
  const latencyMs = performance.now() - started;
  request.trace.upstreamMs += latencyMs;
  record.latencyMs = Math.round(latencyMs);
  controller.disarm();
  state.observeLatency(Date.now(), latencyMs, env.config.latencyTtlMs);
  let open = true;
  const lease: AttemptLease = {
    signal: controller.signal,
    idleTimeoutMs: idleMs,
    abort: (reason) => controller.abort(reason),
    finish(outcome = {}) {
      if (!open) return;
      open = false;
      const clientGone = request.signal.aborted;
      controller.release();
      state.inFlight -= 1;
      if (outcome.tokens !== undefined && outcome.tokens > 0) state.countTokens(Date.now(), outcome.tokens);
      if (outcome.error !== undefined) recordFailure(env, deployment, record, outcome.error, clientGone, performance.now() - started);
    },
  };
  return { ok: true, value, lease };
}
