import { ProviderError } from '../errors/provider-error.js';
import type { EmbeddingModel, EmbedOptions, EmbedResult } from '../provider/embedding-model.js';
import { createCallDeadline } from './call-deadline.js';
import { isRecord, readNumber, readRecord, readString } from './json-guards.js';
import { isCallerAbort, mapOpenAIError } from './map-openai-error.js';
import type { OpenAIEmbeddingRequestBody } from './openai-chat-types.js';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';

/** What an embedding model of an OpenAI-compatible provider needs. */
export interface OpenAICompatibleEmbeddingModelOptions {
  readonly provider: string;
  readonly modelId: string;
  readonly client: () => OpenAICompatibleClient;
  readonly maxInputsPerCall?: number;
  /** Whole-call bound in milliseconds. */
  readonly timeoutMs?: number;
}

/** Creates an embedding model that calls `POST /embeddings` through `client`. */
export function createOpenAICompatibleEmbeddingModel(options: OpenAICompatibleEmbeddingModelOptions): EmbeddingModel {
  const { provider, modelId } = options;
  return {
    provider,
    modelId,
    ...(options.maxInputsPerCall !== undefined ? { maxInputsPerCall: options.maxInputsPerCall } : {}),
    async embed(embedOptions: EmbedOptions): Promise<EmbedResult> {
      const body: OpenAIEmbeddingRequestBody = {
        model: modelId,
        input: embedOptions.input.map((item) => (typeof item === 'string' ? item : [...item])) as string[] | number[][],
        // Always explicit: left out, the openai SDK asks for base64 and decodes to Float32Array itself.
        encoding_format: embedOptions.encodingFormat ?? 'float',
        ...(embedOptions.dimensions !== undefined ? { dimensions: embedOptions.dimensions } : {}),
        ...(embedOptions.user !== undefined ? { user: embedOptions.user } : {}),
        ...embedOptions.extraBody,
      };
      let response: unknown;
      const deadline = createCallDeadline(embedOptions.signal, options.timeoutMs);
      try {
        response = await options.client().embeddings.create(body, {
          ...(deadline.signal !== undefined ? { signal: deadline.signal } : {}),
          ...(embedOptions.headers !== undefined ? { headers: { ...embedOptions.headers } } : {}),
        });
      } catch (error) {
        if (isCallerAbort(embedOptions.signal)) throw error;
        if (deadline.timedOut()) throw new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
        throw mapOpenAIError(error, { provider });
      } finally {
        deadline.clear();
      }
      return toEmbedResult(response, provider);
    },
  };
}

function toEmbedResult(response: unknown, provider: string): EmbedResult {
  if (!isRecord(response) || !Array.isArray(response['data'])) {
    throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} sent a response that is not an embeddings list.`, provider });
  }
  // Servers may answer out of order; `index` ties each vector to its input.
  const items = response['data'].filter(isRecord).map((item, position) => ({ index: readNumber(item['index']) ?? position, embedding: item['embedding'] }));
  items.sort((a, b) => a.index - b.index);
  const usage = readRecord(response['usage']);
  const promptTokens = readNumber(usage['prompt_tokens']);
  const model = readString(response['model']);
  return {
    embeddings: items.map((item) => (typeof item.embedding === 'string' ? item.embedding : Array.from(item.embedding as ArrayLike<number>))),
    ...(model !== undefined ? { model } : {}),
    ...(promptTokens !== undefined ? { usage: { promptTokens, totalTokens: readNumber(usage['total_tokens']) ?? promptTokens } } : {}),
  };
}
