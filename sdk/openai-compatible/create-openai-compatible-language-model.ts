import { ProviderError } from '../errors/provider-error.js';
import type { CallOptions } from '../provider/call-options.js';
import type { GenerateResult, LanguageModel, StreamResult } from '../provider/language-model.js';
import type { ModelMetadata } from '../provider/model-metadata.js';
import { createCallDeadline, type CallDeadline } from './call-deadline.js';
import { fromOpenAIChatCompletion } from './from-openai-chat-completion.js';
import { isCallerAbort, mapOpenAIError } from './map-openai-error.js';
import type { OpenAICompatibleClient, OpenAICompatibleRequestOptions } from './openai-compatible-client.js';
import { toOpenAIChatRequest, type OpenAIChatRequestDialect } from './to-openai-chat-request.js';
import { toStreamParts } from './to-stream-parts.js';

/** What a language model of an OpenAI-compatible provider needs. */
export interface OpenAICompatibleLanguageModelOptions {
  readonly provider: string;
  readonly modelId: string;
  /** Returns the shared client; may throw a SwitchyardError when the provider is not configured. */
  readonly client: () => OpenAICompatibleClient;
  readonly metadata?: ModelMetadata;
  readonly supportsMultipleChoices: boolean;
  readonly dialect?: OpenAIChatRequestDialect;
  readonly extractThinkTags?: boolean;
  /** Whole-call bound for `generate`; for `stream`, the bound until the upstream answers and on each gap between chunks. */
  readonly timeoutMs?: number;
}

/** Creates a chat model that speaks OpenAI chat completions through `client`. */
export function createOpenAICompatibleLanguageModel(options: OpenAICompatibleLanguageModelOptions): LanguageModel {
  const { provider, modelId } = options;
  // What to throw for a failed upstream call: the caller's own abort goes back unchanged.
  const failure = (error: unknown, callOptions: CallOptions, deadline: CallDeadline): unknown => {
    if (deadline.timedOut()) return new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
    return isCallerAbort(callOptions.signal) ? error : mapOpenAIError(error, { provider });
  };

  return {
    provider,
    modelId,
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
    supportsMultipleChoices: options.supportsMultipleChoices,

    async generate(callOptions: CallOptions): Promise<GenerateResult> {
      const { body, warnings } = toOpenAIChatRequest(modelId, callOptions, { stream: false, dialect: options.dialect });
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      let response: unknown;
      try {
        response = await options.client().chat.completions.create(body, requestOptions(callOptions, deadline.signal));
      } catch (error) {
        throw failure(error, callOptions, deadline);
      } finally {
        deadline.clear();
      }
      const result = fromOpenAIChatCompletion(response, { provider, extractThinkTags: options.extractThinkTags });
      return warnings.length > 0 ? { ...result, warnings } : result;
    },

    async stream(callOptions: CallOptions): Promise<StreamResult> {
      const { body, warnings } = toOpenAIChatRequest(modelId, callOptions, { stream: true, dialect: options.dialect });
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      let chunks: unknown;
      try {
        chunks = await options.client().chat.completions.create(body, requestOptions(callOptions, deadline.signal));
      } catch (error) {
        throw failure(error, callOptions, deadline);
      } finally {
        // From here on the idle timeout bounds the stream; a long answer may outlast timeoutMs.
        deadline.clear();
      }
      if (!isAsyncIterable(chunks)) {
        throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} did not answer with an event stream.`, provider });
      }
      const stream = toStreamParts(chunks, { provider, signal: callOptions.signal, extractThinkTags: options.extractThinkTags, idleTimeoutMs: options.timeoutMs });
      return warnings.length > 0 ? { stream, warnings } : { stream };
    },
  };
}

/** One object shape whatever is set (conditional spreads make objects whose property reads V8 cannot cache). */
function requestOptions(callOptions: CallOptions, signal: AbortSignal | undefined): OpenAICompatibleRequestOptions {
  return { signal, headers: callOptions.headers !== undefined ? { ...callOptions.headers } : undefined };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function';
}
