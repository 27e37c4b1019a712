import type { GenerateContentConfig, GenerateContentResponse, GoogleGenAI } from '@google/genai';
import { ProviderError, type CallOptions, type GenerateResult, type LanguageModel, type ModelMetadata, type StreamResult } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort, type CallDeadline } from '../../sdk/openai-compatible/index.js';
import { createUpstreamFetch, type UpstreamFetch } from './create-upstream-fetch.js';
import { fromGeminiResponse } from './from-gemini-response.js';
import { mapGoogleError } from './map-google-error.js';
import { toGeminiRequest } from './to-gemini-request.js';
import { toGeminiStreamParts } from './to-gemini-stream-parts.js';

/** What a Gemini or Vertex AI chat model needs. */
export interface GoogleLanguageModelOptions {
  readonly provider: string;
  readonly modelId: string;
  readonly vertex: boolean;
  /** Resolves to the shared client; rejects with a ProviderError when the provider is not configured. */
  readonly client: () => Promise<GoogleGenAI>;
  /** The gateway's pooled fetch, wrapped per call to keep HTTP error details. */
  readonly fetch: typeof fetch;
  readonly metadata?: ModelMetadata;
  /** Whole-call bound for `generate`; for `stream`, the bound until the upstream answers and on each gap between chunks. */
  readonly timeoutMs?: number;
}

/** Creates a chat model that calls `generateContent` / `streamGenerateContent` through @google/genai. */
export function createGoogleLanguageModel(options: GoogleLanguageModelOptions): LanguageModel {
  const { provider, modelId } = options;
  // What to throw for a failed upstream call: the caller's own abort goes back unchanged.
  const failure = (error: unknown, callOptions: CallOptions, deadline: CallDeadline, upstream: UpstreamFetch): unknown => {
    if (deadline.timedOut()) return new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
    return isCallerAbort(callOptions.signal) ? error : mapGoogleError(error, { provider, requestSent: upstream.requestSent });
  };
  const callConfig = (config: GenerateContentConfig, callOptions: CallOptions, signal: AbortSignal | undefined, upstream: UpstreamFetch): GenerateContentConfig => ({
    ...config,
    ...(signal !== undefined ? { abortSignal: signal } : {}),
    httpOptions: { fetch: upstream.fetch, ...(callOptions.headers !== undefined ? { headers: { ...callOptions.headers } } : {}) },
  });

  return {
    provider,
    modelId,
    ...(options.metadata !== undefined ? { metadata: options.metadata } : {}),
    supportsMultipleChoices: true,

    async generate(callOptions: CallOptions): Promise<GenerateResult> {
      const request = toGeminiRequest(modelId, callOptions, { vertex: options.vertex });
      const client = await options.client();
      const deadline = createCallDeadline(callOptions.signal, options.timeoutMs);
      const upstream = createUpstreamFetch(options.fetch);
      let response: GenerateContentResponse;
      try {
        response = await client.models.generateContent({ model: modelId, contents: request.contents, config: callConfig(request.config, callOptions, deadline.signal, upstream) });
      } catch (error) {
        throw failure(error, callOptions, deadline, upstream);
      } finally {
        deadline.clear();
      }
      const result = fromGeminiResponse(response, { provider, modelId });
      return request.warnings.length > 0 ? { ...result, warnings: request.warnings } : result;
    },

    async stream(callOptions: CallOptions): Promise<StreamResult> {
      const request = toGeminiRequest(modelId, callOptions, { vertex: options.vertex });
      const client = await options.client();
      // Our own controller, so a cancelled or idle stream can cut the connection the SDK keeps open.
      const connection = new AbortController();
      const callerSignal = callOptions.signal;
      if (callerSignal?.aborted === true) connection.abort(callerSignal.reason);
      else callerSignal?.addEventListener('abort', () => connection.abort(callerSignal.reason), { once: true });
      const deadline = createCallDeadline(connection.signal, options.timeoutMs);
      const upstream = createUpstreamFetch(options.fetch);
      let chunks: AsyncGenerator<GenerateContentResponse>;
      try {
        chunks = await client.models.generateContentStream({ model: modelId, contents: request.contents, config: callConfig(request.config, callOptions, deadline.signal, upstream) });
      } catch (error) {
        const mapped = failure(error, callOptions, deadline, upstream);
        connection.abort();
        throw mapped;
      } finally {
        // From here on the idle timeout bounds the stream; a long answer may outlast timeoutMs.
        deadline.clear();
      }
      const stream = toGeminiStreamParts(chunks, { provider, modelId, signal: callerSignal, idleTimeoutMs: options.timeoutMs, abortUpstream: () => connection.abort() });
      return request.warnings.length > 0 ? { stream, warnings: request.warnings } : { stream };
    },
  };
}
