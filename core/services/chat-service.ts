import type { CallOptions, CallWarning, GenerateResult, LanguageModel, Logger, StreamPart } from '../../sdk/index.js';
import { InvalidRequestError } from '../../sdk/index.js';
import { toAbortSignal, type ClientSignal } from '../routing/client-signal.js';
import type { DeploymentRouter } from '../routing/deployment-router.js';
import { estimatePromptTokens } from '../routing/estimate-prompt-tokens.js';
import type { AttemptContext, Routed, RouteOverrides, RouteRequest, RouteTrace } from '../routing/route-types.js';
import { createRoutedStream } from './create-routed-stream.js';
import { createMockLanguageModel } from './mock-language-model.js';
import { readFirstParts, type OpenedStream } from './read-first-parts.js';
import { withSignal } from './with-signal.js';

/** One chat call as the proxy hands it over. */
export interface ChatCall {
  readonly model: string;
  /** Call options; `signal` is ignored (each attempt gets its own, linked to {@link ChatCall.signal}). */
  readonly options: CallOptions;
  /** The client's signal. */
  readonly signal: ClientSignal;
  /** Answer with this text and call no upstream. */
  readonly mockResponse?: string;
  readonly overrides?: RouteOverrides;
  /** Filled in with every attempt, also when the call fails. */
  readonly trace: RouteTrace;
}

/** Who answered, for headers and the request log. */
export interface ServedBy {
  readonly provider: string;
  readonly modelId: string;
  /** Absent for mocked answers. */
  readonly deploymentId?: string;
  /** The model group that answered (differs from the requested model after a fallback). */
  readonly modelGroup?: string;
}

/** A started stream, handed over once its first part arrived. */
export interface StartedStream {
  readonly stream: ReadableStream<StreamPart>;
  readonly warnings?: readonly CallWarning[];
  readonly served: ServedBy;
}

/** Dependencies of {@link ChatService}. */
export interface ChatServiceDependencies {
  readonly deploymentRouter: DeploymentRouter;
  readonly logger: Logger;
}

const servedBy = (routed: Routed<unknown>): ServedBy => ({ provider: routed.deployment.provider, modelId: routed.deployment.model, deploymentId: routed.deployment.id, modelGroup: routed.modelGroup });

/** Runs chat calls through the router (retries, cooldowns, fallbacks, timeouts); knows nothing of wire formats. */
export class ChatService {
  constructor(private readonly deps: ChatServiceDependencies) {}

  /** A non-streaming call. */
  async generate(call: ChatCall): Promise<{ result: GenerateResult; served: ServedBy }> {
    if (call.mockResponse !== undefined) {
      const model = createMockLanguageModel(call.model, call.mockResponse);
      return { result: await model.generate(call.options), served: { provider: 'mock', modelId: model.modelId } };
    }
    const routed = await this.deps.deploymentRouter.route(this.routeRequest(call, 'call'), (attempt) => {
      const model = this.languageModel(attempt, call);
      return model.generate(withSignal(call.options, attempt.signal));
    });
    routed.lease.finish({ tokens: routed.value.usage?.totalTokens });
    return { result: routed.value, served: servedBy(routed) };
  }

  /**
   * A streaming call. Resolves only once the first content part arrived, so a failure before
   * the first byte reaches the client is retried or falls back like any other; after that the
   * stream's own error parts carry failures.
   */
  async stream(call: ChatCall): Promise<StartedStream> {
    if (call.mockResponse !== undefined) {
      const model = createMockLanguageModel(call.model, call.mockResponse);
      const started = await model.stream(withSignal(call.options, toAbortSignal(call.signal)));
      return { stream: started.stream, served: { provider: 'mock', modelId: model.modelId } };
    }
    const routed = await this.deps.deploymentRouter.route(this.routeRequest(call, 'stream'), async (attempt): Promise<OpenedStream & { warnings?: readonly CallWarning[] }> => {
      const model = this.languageModel(attempt, call);
      const started = await model.stream(withSignal(call.options, attempt.signal));
      const opened = await readFirstParts(started.stream, attempt.signal, attempt.deployment.provider);
      return started.warnings ? { ...opened, warnings: started.warnings } : opened;
    });
    const stream = createRoutedStream(routed.value, routed.lease, routed.deployment.provider);
    return { stream, served: servedBy(routed), ...(routed.value.warnings ? { warnings: routed.value.warnings } : {}) };
  }

  private routeRequest(call: ChatCall, mode: 'call' | 'stream'): RouteRequest {
    const request: { -readonly [K in keyof RouteRequest]: RouteRequest[K] } = { model: call.model, signal: call.signal, mode, trace: call.trace };
    if (call.overrides) request.overrides = call.overrides;
    if (this.deps.deploymentRouter.preCallChecks) request.promptTokens = estimatePromptTokens(call.options.messages);
    return request;
  }

  /** The deployment's model, after checking what it cannot do (before any upstream call). */
  private languageModel(attempt: AttemptContext, call: ChatCall): LanguageModel {
    const { resolved } = attempt;
    const model = resolved.instance.languageModel(resolved.modelId);
    if ((call.options.n ?? 1) > 1 && !model.supportsMultipleChoices) {
      throw new InvalidRequestError({
        code: 'REQUEST_PARAMETER_UNSUPPORTED',
        param: 'n',
        message: `Provider '${resolved.provider}' does not support 'n' greater than 1 (got ${call.options.n}); send separate requests instead.`,
      });
    }
    return model;
  }
}
