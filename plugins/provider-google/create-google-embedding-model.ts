import type { EmbedContentResponse, GoogleGenAI } from '@google/genai';
import { InvalidRequestError, ProviderError, type EmbeddingModel, type EmbedOptions, type EmbedResult } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort } from '../../sdk/openai-compatible/index.js';
import { createUpstreamFetch } from './create-upstream-fetch.js';
import { mapGoogleError } from './map-google-error.js';

/** What a Gemini or Vertex AI embedding model needs. */
export interface GoogleEmbeddingModelOptions {
  readonly provider: string;
  readonly modelId: string;
  readonly vertex: boolean;
  /** Resolves to the shared client; rejects with a ProviderError when the provider is not configured. */
  readonly client: () => Promise<GoogleGenAI>;
  readonly fetch: typeof fetch;
  /** Bound on the whole `embed` call, every batch included. */
  readonly timeoutMs?: number;
}

/** Gemini API `batchEmbedContents` takes at most 100 requests. */
const GEMINI_BATCH = 100;
/** Vertex AI `predict` takes up to 250 texts for text-embedding models. */
const VERTEX_BATCH = 250;
/** Batches sent at once when the input needs several calls. */
const CONCURRENCY = 4;

/**
 * Creates an embedding model: the Gemini API's `batchEmbedContents` (up to 100 texts per call),
 * Vertex AI's `predict` for text-embedding models (up to 250) or one text per call for Gemini
 * embedding models on Vertex AI. Larger inputs are split and sent a few batches at a time; the
 * result keeps input order. `dimensions` becomes `outputDimensionality`; usage is the sum of
 * Vertex AI's per-text token counts (the Gemini API reports none). Token-array input is a 400.
 */
export function createGoogleEmbeddingModel(options: GoogleEmbeddingModelOptions): EmbeddingModel {
  const { provider, modelId } = options;
  const maxInputsPerCall = options.vertex ? (/gemini/.test(modelId) ? 1 : VERTEX_BATCH) : GEMINI_BATCH;
  return {
    provider,
    modelId,
    maxInputsPerCall,
    async embed(embedOptions: EmbedOptions): Promise<EmbedResult> {
      const texts = embedOptions.input.map((item, index) => {
        if (typeof item === 'string') return item;
        throw new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param: `input[${index}]`, message: `${provider} embeds text only; token arrays are not supported.` });
      });
      const batches: string[][] = [];
      for (let start = 0; start < texts.length; start += maxInputsPerCall) batches.push(texts.slice(start, start + maxInputsPerCall));
      const client = await options.client();
      const deadline = createCallDeadline(embedOptions.signal, options.timeoutMs);
      const embedBatch = async (batch: string[]): Promise<EmbedContentResponse> => {
        const upstream = createUpstreamFetch(options.fetch);
        try {
          return await client.models.embedContent({
            model: modelId,
            contents: batch,
            config: {
              ...(embedOptions.dimensions !== undefined ? { outputDimensionality: embedOptions.dimensions } : {}),
              ...(deadline.signal !== undefined ? { abortSignal: deadline.signal } : {}),
              httpOptions: { fetch: upstream.fetch, ...(embedOptions.headers !== undefined ? { headers: { ...embedOptions.headers } } : {}) },
            },
          });
        } catch (error) {
          if (isCallerAbort(embedOptions.signal)) throw error;
          if (deadline.timedOut()) throw new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
          throw mapGoogleError(error, { provider, requestSent: upstream.requestSent });
        }
      };
      let responses: EmbedContentResponse[];
      try {
        responses = await mapInOrder(batches, CONCURRENCY, embedBatch);
      } finally {
        deadline.clear();
      }
      const vectors: number[][] = [];
      let tokens: number | undefined;
      responses.forEach((response, index) => {
        const embeddings = response.embeddings ?? [];
        if (embeddings.length !== batches[index]!.length) {
          throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} returned ${embeddings.length} embeddings for ${batches[index]!.length} inputs.`, provider });
        }
        for (const embedding of embeddings) {
          vectors.push(embedding.values ?? []);
          const count = embedding.statistics?.tokenCount;
          if (count !== undefined) tokens = (tokens ?? 0) + count;
        }
      });
      return {
        embeddings: embedOptions.encodingFormat === 'base64' ? vectors.map(toBase64Floats) : vectors,
        model: modelId,
        ...(tokens !== undefined ? { usage: { promptTokens: tokens, totalTokens: tokens } } : {}),
      };
    },
  };
}

/** OpenAI's base64 embedding format: little-endian float32 values. */
function toBase64Floats(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the items' order. */
async function mapInOrder<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
