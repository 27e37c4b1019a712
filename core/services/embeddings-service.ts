import type { EmbedOptions, EmbedResult, Logger } from '../../sdk/index.js';
import { SwitchyardError } from '../../sdk/index.js';
import type { ClientSignal } from '../routing/client-signal.js';
import type { DeploymentRouter } from '../routing/deployment-router.js';
import type { RouteOverrides, RouteTrace } from '../routing/route-types.js';
import type { ServedBy } from './chat-service.js';
import { embedInBatches } from './embed-in-batches.js';

/** One embeddings call as the proxy hands it over. */
export interface EmbedCall {
  readonly model: string;
  /** Embed options; `signal` is ignored (each attempt gets its own, linked to {@link EmbedCall.signal}). */
  readonly options: EmbedOptions;
  /** The client's signal. */
  readonly signal: ClientSignal;
  readonly overrides?: RouteOverrides;
  readonly trace: RouteTrace;
}

/** Dependencies of {@link EmbeddingsService}. */
export interface EmbeddingsServiceDependencies {
  readonly deploymentRouter: DeploymentRouter;
  readonly logger: Logger;
}

/** Runs embedding calls through the router, in batches the provider accepts. */
export class EmbeddingsService {
  constructor(private readonly deps: EmbeddingsServiceDependencies) {}

  /** Embeds the input; results are in input order with the usage of every batch summed. */
  async embed(call: EmbedCall): Promise<{ result: EmbedResult; served: ServedBy }> {
    const request = { model: call.model, signal: call.signal, mode: 'call' as const, trace: call.trace, ...(call.overrides ? { overrides: call.overrides } : {}) };
    const routed = await this.deps.deploymentRouter.route(request, ({ resolved, signal }) => {
      const embeddingModel = resolved.instance.embeddingModel?.(resolved.modelId);
      if (!embeddingModel) {
        throw new SwitchyardError('MODEL_CAPABILITY_MISSING', { param: 'model', message: `Provider '${resolved.provider}' does not serve embeddings.`, details: { provider: resolved.provider } });
      }
      return embedInBatches(embeddingModel, call.options, signal);
    });
    routed.lease.finish({ tokens: routed.value.usage?.totalTokens });
    const { deployment } = routed;
    return { result: routed.value, served: { provider: deployment.provider, modelId: deployment.model, deploymentId: deployment.id, modelGroup: routed.modelGroup } };
  }
}
