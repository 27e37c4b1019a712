import type { ModelMetadata } from '../../sdk/index.js';
import type { DeploymentConfig } from '../config/host-config.js';
import type { RouterConfig } from '../config/router-config.js';
import { DeploymentState } from './deployment-state.js';
import type { ResolvedModel } from './model-resolver.js';

/** What a {@link Deployment} is built from. */
export interface DeploymentSource {
  readonly id: string;
  readonly modelName: string;
  readonly provider: string;
  readonly model: string;
  /** The `model_list` entry; absent for a `provider/model` handle used without one. */
  readonly config?: DeploymentConfig;
  /** Resolves the provider instance (called once, on first use). */
  readonly resolve: () => ResolvedModel;
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The language model's own metadata; a provider that cannot hand out the model (an embeddings-only one) has none. */
function languageModelMetadata(resolved: ResolvedModel): ModelMetadata | undefined {
  try {
    return resolved.instance.languageModel(resolved.modelId).metadata;
  } catch {
    return undefined;
  }
}

/**
 * One deployment as the router sees it: its settings with defaults applied, its live
 * {@link DeploymentState}, and the provider instance (resolved lazily and cached).
 */
export class Deployment {
  readonly id: string;
  readonly modelName: string;
  readonly provider: string;
  readonly model: string;
  readonly config: DeploymentConfig | undefined;
  readonly state = new DeploymentState();
  /** Priority tier: lower is preferred; deployments without `order` come last. */
  readonly order: number;
  readonly maxParallelRequests: number;
  readonly rpm: number;
  readonly tpm: number;
  /** `num_retries` of this deployment, when set. */
  readonly numRetries: number | undefined;
  readonly cooldownTimeMs: number;
  readonly timeoutMs: number | undefined;
  readonly streamTimeoutMs: number | undefined;
  readonly streamIdleTimeoutMs: number | undefined;
  /** Input plus output price per token; unknown prices count as $1, as in LiteLLM's cost-based routing. */
  readonly costPerToken: number;
  /** Pick weight of simple-shuffle, set by the group (weights only compare within a group). */
  shuffleWeight = 1;

  private resolved: ResolvedModel | undefined;
  private inputWindow: number | null | undefined;

  constructor(private readonly source: DeploymentSource, router: RouterConfig) {
    const routing = source.config?.routing ?? {};
    const info = source.config?.modelInfo ?? {};
    this.id = source.id;
    this.modelName = source.modelName;
    this.provider = source.provider;
    this.model = source.model;
    this.config = source.config;
    this.order = routing.order ?? Number.POSITIVE_INFINITY;
    this.maxParallelRequests = routing.maxParallelRequests ?? router.defaultMaxParallelRequests ?? Number.POSITIVE_INFINITY;
    this.rpm = routing.rpm ?? Number.POSITIVE_INFINITY;
    this.tpm = routing.tpm ?? Number.POSITIVE_INFINITY;
    this.numRetries = routing.numRetries;
    this.cooldownTimeMs = routing.cooldownTimeMs ?? router.cooldownTimeMs;
    this.timeoutMs = source.config?.settings.timeoutMs;
    this.streamTimeoutMs = routing.streamTimeoutMs;
    this.streamIdleTimeoutMs = routing.streamIdleTimeoutMs;
    const input = routing.inputCostPerToken ?? (typeof info['input_cost_per_token'] === 'number' ? info['input_cost_per_token'] : undefined);
    const output = routing.outputCostPerToken ?? (typeof info['output_cost_per_token'] === 'number' ? info['output_cost_per_token'] : undefined);
    this.costPerToken = input === undefined && output === undefined ? 1 : (input ?? 0) + (output ?? 0);
  }

  /** The provider instance and upstream model; throws MODEL_NOT_FOUND when no plugin serves the provider. */
  resolve(): ResolvedModel {
    this.resolved ??= this.source.resolve();
    return this.resolved;
  }

  /**
   * Prompt tokens this deployment accepts, for pre-call checks: `model_info.max_input_tokens`,
   * else the provider's context window for the model, else `model_info.max_tokens`; `null` when unknown.
   */
  maxInputTokens(): number | null {
    if (this.inputWindow !== undefined) return this.inputWindow;
    const info = this.config?.modelInfo ?? {};
    let window = positiveNumber(info['max_input_tokens']);
    if (window === undefined) {
      const resolved = this.resolve();
      const metadata = resolved.instance.modelMetadata?.(resolved.modelId) ?? languageModelMetadata(resolved);
      window = positiveNumber(metadata?.contextWindow) ?? positiveNumber(info['max_tokens']);
    }
    this.inputWindow = window ?? null;
    return this.inputWindow;
  }
}
