import { SwitchyardError, type Logger } from '../../sdk/index.js';
import type { RouterConfig } from '../config/router-config.js';
import { AttemptController } from './attempt-controller.js';
import type { CooldownPolicy } from './cooldown-policy.js';
import type { Deployment } from './deployment.js';
import { classifyError, errorCodeOf, retryAfterOf } from './error-class.js';

/** A probe is bounded by the deployment's timeout, and never by more than this. */
const MAX_PROBE_MS = 60_000;

/** Options of {@link DeploymentHealthChecker}. */
export interface DeploymentHealthCheckerOptions {
  readonly deployments: readonly Deployment[];
  readonly config: RouterConfig;
  readonly cooldown: CooldownPolicy;
  readonly logger: Logger;
}

/**
 * Background health checks (`general_settings.background_health_checks`): every
 * `health_check_interval`, each deployment gets a one-token chat call (an embedding of "ping"
 * for `model_info.mode: embedding`). A failed probe counts like a failed request, so a broken
 * deployment cools down before user traffic finds it; results show in `GET /health/deployments`.
 * Probes run one at a time and a tick is skipped while the previous one still runs.
 */
export class DeploymentHealthChecker {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly stopped = new AbortController();

  constructor(private readonly options: DeploymentHealthCheckerOptions) {}

  /** Starts the checks (first tick right away); a no-op when the setting is off. */
  start(): void {
    if (!this.options.config.backgroundHealthChecks || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.config.healthCheckIntervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and aborts a probe in flight. */
  stop(): void {
    clearInterval(this.timer);
    this.stopped.abort(new SwitchyardError('GATEWAY_SHUTTING_DOWN', { message: 'The gateway is shutting down.' }));
  }

  /** Probes every deployment once (exposed for tests). */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const deployment of this.options.deployments) {
        if (this.stopped.signal.aborted) return;
        await this.probe(deployment);
      }
    } finally {
      this.running = false;
    }
  }

  private async probe(deployment: Deployment): Promise<void> {
    const limit = Math.min(deployment.timeoutMs ?? this.options.config.timeoutMs, MAX_PROBE_MS);
    const controller = new AttemptController(this.stopped.signal, limit, () => new SwitchyardError('PROVIDER_TIMEOUT', { message: `Health check of ${deployment.id} timed out.` }));
    try {
      const { instance, modelId } = deployment.resolve();
      if (deployment.config?.modelInfo['mode'] === 'embedding') {
        const model = instance.embeddingModel?.(modelId);
        await model?.embed({ input: ['ping'], signal: controller.signal });
      } else {
        await instance.languageModel(modelId).generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }], maxOutputTokens: 1, signal: controller.signal });
      }
      deployment.state.lastHealthCheck = { at: Date.now(), ok: true };
    } catch (raw) {
      if (this.stopped.signal.aborted) return;
      const error = controller.timedOut ?? raw;
      const errorCode = errorCodeOf(error);
      deployment.state.lastHealthCheck = { at: Date.now(), ok: false, errorCode };
      this.options.cooldown.onFailure(deployment, classifyError(error), errorCode, retryAfterOf(error), Date.now());
      this.options.logger.warn('deployment health check failed', { deployment: deployment.id, errorCode });
    } finally {
      controller.release();
    }
  }
}
