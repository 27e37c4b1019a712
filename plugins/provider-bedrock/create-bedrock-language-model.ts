import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { ProviderError, type CallOptions, type GenerateResult, type LanguageModel, type ModelMetadata, type StreamResult } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort, type CallDeadline } from '../../sdk/openai-compatible/index.js';
import { toBedrockModelId } from './bedrock-model-id.js';
import { ConverseStreamTranslator } from './converse-stream-translator.js';
import { addRequestHeaders } from './create-bedrock-client.js';
import { fromConverseResponse } from './from-converse-response.js';
import { loadBedrockSdk } from './load-bedrock-sdk.js';
import { mapBedrockError } from './map-bedrock-error.js';
import { toConverseRequest } from './to-converse-request.js';
import { toConverseStreamParts } from './to-converse-stream-parts.js';

/** What a Bedrock chat model needs. */
export interface BedrockLanguageModelOptions {
  readonly provider: string;
  readonly modelId: string;
  /** Resolves to the shared client; rejects with a ProviderError when the provider is misconfigured. */
  readonly client: () => Promise<BedrockRuntimeClient>;
  readonly metadata?: ModelMetadata;
  /** Whether json_schema goes as `outputConfig.textFormat` (else as a forced tool call). */
  readonly nativeStructuredOutput: () => boolean;
  /** Whole-call bound for `generate`; for `stream`, the bound until Bedrock answers and on each gap between events. */
  readonly timeoutMs: number;
}

/**
 * A chat model on Bedrock through Converse (`generate`) and ConverseStream (`stream`): one API
 * for every Bedrock model family. The caller's signal reaches every request; the caller's own
 * abort comes back unchanged, everything else as a mapped ProviderError.
 */
export function createBedrockLanguageModel(options: BedrockLanguageModelOptions): LanguageModel {
  const { provider } = options;
  const modelId = toBedrockModelId(options.modelId);
  const settings = () => ({ modelId, nativeStructuredOutput: options.nativeStructuredOutput(), ...(options.metadata !== undefined ? { metadata: options.metadata } : {}) });
  const failure = (error: unknown, callOptions: CallOptions, deadline: CallDeadline): unknown => {
    if (isCallerAbort(callOptions.signal)) return error;
    if (deadline.timedOut()) return new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
    return mapBedrockError(error, provider);
  };

  return {
    provider,
    modelId,
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
    supportsMultipleChoices: false,

    async generate(callOptions: CallOptions): Promise<GenerateResult> {
      const request = toConverseRequest(callOptions, settings());
      const { runtime } = await loadBedrockSdk();
      const command = new runtime.ConverseCommand(request.input);
      if (callOptions.headers !== undefined) addRequestHeaders(command, callOptions.headers);
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      let response: unknown;
      try {
        response = await (await options.client()).send(command, deadline.signal !== undefined ? { abortSignal: deadline.signal } : {});
      } catch (error) {
        throw failure(error, callOptions, deadline);
      } finally {
        deadline.clear();
      }
      const result = fromConverseResponse(response, { provider, modelId, ...(request.responseTool !== undefined ? { responseTool: request.responseTool } : {}) });
      return request.warnings.length > 0 ? { ...result, warnings: request.warnings } : result;
    },

    async stream(callOptions: CallOptions): Promise<StreamResult> {
      const request = toConverseRequest(callOptions, settings());
      const { runtime } = await loadBedrockSdk();
      const command = new runtime.ConverseStreamCommand(request.input);
      if (callOptions.headers !== undefined) addRequestHeaders(command, callOptions.headers);
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      // Cancelling the parts stream must close the connection even though the caller's signal never fired.
      const cancel = new AbortController();
      const signal = deadline.signal === undefined ? cancel.signal : AbortSignal.any([deadline.signal, cancel.signal]);
      let events: AsyncIterable<unknown> | undefined;
      try {
        const response = await (await options.client()).send(command, { abortSignal: signal });
        events = response.stream as AsyncIterable<unknown> | undefined;
      } catch (error) {
        throw failure(error, callOptions, deadline);
      } finally {
        // From here on the idle timeout bounds the stream; a long answer may outlast timeoutMs.
        deadline.clear();
      }
      if (events === undefined) throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} did not answer with an event stream.`, provider });
      const translator = new ConverseStreamTranslator({ modelId, ...(request.responseTool !== undefined ? { responseTool: request.responseTool } : {}) });
      const stream = toConverseStreamParts(events, {
        provider,
        translator,
        idleTimeoutMs: options.timeoutMs,
        abortUpstream: () => cancel.abort(),
        ...(callOptions.signal !== undefined ? { signal: callOptions.signal } : {}),
      });
      return request.warnings.length > 0 ? { stream, warnings: request.warnings } : { stream };
    },
  };
}
