import type { CallOptions, GenerateResult, LanguageModel, Logger, StreamResult } from '../../sdk/index.js';
import { InvalidRequestError } from '../../sdk/index.js';
import type { ModelResolver, ResolvedModel } from '../routing/model-resolver.js';
import { createMockLanguageModel } from './mock-language-model.js';

/** One chat call as the proxy hands it over. */
export interface ChatCall {
  readonly model: string;
  readonly options: CallOptions;
  /** Answer with this text and call no upstream. */
  readonly mockResponse?: string;
}

/** Where a call went, for headers and the request log. */
export interface ChatTarget {
  readonly resolved?: ResolvedModel;
  readonly languageModel: LanguageModel;
}

/** Dependencies of {@link ChatService}. */
export interface ChatServiceDependencies {
  readonly modelResolver: ModelResolver;
  readonly logger: Logger;
}

/** Resolves the model and runs chat calls; knows nothing of wire formats. */
export class ChatService {
  constructor(private readonly deps: ChatServiceDependencies) {}

  /** Picks the language model for a call and checks what it cannot do, before any upstream call. */
  target(call: ChatCall): ChatTarget {
    if (call.mockResponse !== undefined) return { languageModel: createMockLanguageModel(call.model, call.mockResponse) };
    const resolved = this.deps.modelResolver.resolve(call.model);
    const languageModel = resolved.instance.languageModel(resolved.modelId);
    if ((call.options.n ?? 1) > 1 && !languageModel.supportsMultipleChoices) {
      throw new InvalidRequestError({
        code: 'REQUEST_PARAMETER_UNSUPPORTED',
        param: 'n',
        message: `Provider '${resolved.provider}' does not support 'n' greater than 1 (got ${call.options.n}); send separate requests instead.`,
      });
    }
    return { resolved, languageModel };
  }

  /** A non-streaming call; `upstreamMs` is the time spent waiting on the provider. */
  async generate(target: ChatTarget, options: CallOptions): Promise<{ result: GenerateResult; upstreamMs: number }> {
    const started = performance.now();
    const result = await target.languageModel.generate(options);
    return { result, upstreamMs: performance.now() - started };
  }

  /** Starts a streaming call; `upstreamMs` is the wait until the provider accepted it. */
  async stream(target: ChatTarget, options: CallOptions): Promise<StreamResult & { upstreamMs: number }> {
    const started = performance.now();
    const result = await target.languageModel.stream(options);
    return { ...result, upstreamMs: performance.now() - started };
  }
}
