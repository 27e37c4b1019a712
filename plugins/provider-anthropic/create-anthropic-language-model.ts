import type Anthropic from '@anthropic-ai/sdk';
import { ProviderError, type CallOptions, type GenerateResult, type LanguageModel, type StreamResult } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort, type CallDeadline } from '../../sdk/openai-compatible/index.js';
import { anthropicModelProfile } from './anthropic-model-metadata.js';
import { fromAnthropicMessage } from './from-anthropic-message.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { toAnthropicRequest } from './to-anthropic-request.js';
import { toAnthropicStreamParts } from './to-anthropic-stream-parts.js';

/** Per-request bound handed to the SDK when the provider sets none; it also stops the SDK refusing large non-streamed `max_tokens`. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60 * 1000;

/** What a Claude chat model needs. */
export interface AnthropicLanguageModelOptions {
  readonly provider: string;
  readonly modelId: string;
  /** Resolves to the shared client; rejects with PROVIDER_NOT_CONFIGURED when there is no credential. */
  readonly client: () => Promise<Anthropic>;
  /** The `anthropic-version` the client sends (decides whether sampling parameters are allowed). */
  readonly apiVersion: string;
  /** Whole-call bound for `generate`; for `stream`, the bound until the upstream answers and on each gap between events. */
  readonly timeoutMs?: number;
}

/** Creates a chat model that speaks the Anthropic Messages API through the official SDK. */
export function createAnthropicLanguageModel(options: AnthropicLanguageModelOptions): LanguageModel {
  const { provider, modelId } = options;
  const profile = anthropicModelProfile(modelId);
  // What to throw for a failed upstream call: the caller's own abort goes back unchanged.
  const failure = (error: unknown, callOptions: CallOptions, deadline: CallDeadline): unknown => {
    if (deadline.timedOut()) return new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
    return isCallerAbort(callOptions.signal) ? error : mapAnthropicError(error, { provider });
  };
  const requestOptions = (callOptions: CallOptions, deadline: CallDeadline): Anthropic.RequestOptions => ({
    timeout: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    ...(deadline.signal !== undefined ? { signal: deadline.signal } : {}),
    ...(callOptions.headers !== undefined ? { headers: { ...callOptions.headers } } : {}),
  });

  return {
    provider,
    modelId,
    ...(profile !== undefined ? { metadata: profile.metadata } : {}),
    supportsMultipleChoices: false,

    async generate(callOptions: CallOptions): Promise<GenerateResult> {
      const { body, warnings, responseTool } = toAnthropicRequest(modelId, callOptions, { apiVersion: options.apiVersion, profile });
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      let message: unknown;
      try {
        message = await (await options.client()).messages.create(body, requestOptions(callOptions, deadline));
      } catch (error) {
        throw failure(error, callOptions, deadline);
      } finally {
        deadline.clear();
      }
      const result = fromAnthropicMessage(message, { provider, ...(responseTool !== undefined ? { responseTool } : {}) });
      return warnings.length > 0 ? { ...result, warnings } : result;
    },

    async stream(callOptions: CallOptions): Promise<StreamResult> {
      const { body, warnings, responseTool } = toAnthropicRequest(modelId, callOptions, { apiVersion: options.apiVersion, profile });
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      let events: unknown;
      try {
        events = await (await options.client()).messages.create({ ...body, stream: true }, requestOptions(callOptions, deadline));
      } catch (error) {
        throw failure(error, callOptions, deadline);
      } finally {
        // From here on the idle timeout bounds the stream; a long answer may outlast timeoutMs.
        deadline.clear();
      }
      if (!isAsyncIterable(events)) {
        throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} did not answer with an event stream.`, provider });
      }
      const stream = toAnthropicStreamParts(events, {
        provider,
        ...(callOptions.signal !== undefined ? { signal: callOptions.signal } : {}),
        ...(options.timeoutMs !== undefined ? { idleTimeoutMs: options.timeoutMs } : {}),
        ...(responseTool !== undefined ? { responseTool } : {}),
      });
      return warnings.length > 0 ? { stream, warnings } : { stream };
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function';
}
