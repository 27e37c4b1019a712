import type { EmbedOptions, EmbedResult, Logger } from '../../sdk/index.js';
import { SwitchyardError } from '../../sdk/index.js';
import type { ModelResolver, ResolvedModel } from '../routing/model-resolver.js';

/** Dependencies of {@link EmbeddingsService}. */
export interface EmbeddingsServiceDependencies {
  readonly modelResolver: ModelResolver;
  readonly logger: Logger;
}

/** Resolves embedding models and runs embedding calls. */
export class EmbeddingsService {
  constructor(private readonly deps: EmbeddingsServiceDependencies) {}

  /** Embeds the input with the resolved model; `upstreamMs` is the time spent on the provider. */
  async embed(model: string, options: EmbedOptions): Promise<{ result: EmbedResult; resolved: ResolvedModel; upstreamMs: number }> {
    const resolved = this.deps.modelResolver.resolve(model);
    const embeddingModel = resolved.instance.embeddingModel?.(resolved.modelId);
    if (!embeddingModel) {
      throw new SwitchyardError('MODEL_CAPABILITY_MISSING', { param: 'model', message: `Provider '${resolved.provider}' does not serve embeddings.`, details: { provider: resolved.provider } });
    }
    const started = performance.now();
    const result = await embeddingModel.embed(options);
    return { result, resolved, upstreamMs: performance.now() - started };
  }
}
