import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { InvalidRequestError, ProviderError, type EmbedOptions, type EmbedResult, type EmbeddingModel } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort } from '../../sdk/openai-compatible/index.js';
import { toBaseModelId, toBedrockModelId } from './bedrock-model-id.js';
import { addRequestHeaders } from './create-bedrock-client.js';
import { loadBedrockSdk } from './load-bedrock-sdk.js';
import { mapBedrockError } from './map-bedrock-error.js';

/** What a Bedrock embedding model needs. */
export interface BedrockEmbeddingModelOptions {
  readonly provider: string;
  readonly modelId: string;
  /** Resolves to the shared client; rejects with a ProviderError when the provider is misconfigured. */
  readonly client: () => Promise<BedrockRuntimeClient>;
  readonly timeoutMs: number;
}

/** Cohere on Bedrock embeds at most 96 texts per call. */
const COHERE_BATCH = 96;
/** Titan embeds one text per call; this many calls run at once. */
const TITAN_CONCURRENCY = 4;

type Embedded = { vectors: number[][]; tokens?: number };

/**
 * Embeddings through InvokeModel: Amazon Titan (`amazon.titan-embed-text-v1`, `-v2:0`, one text
 * per call) and Cohere (`cohere.embed-*`, batches of 96). Vectors come back in input order;
 * `encoding_format: base64` is produced here (little-endian float32, as OpenAI sends it).
 */
export function createBedrockEmbeddingModel(options: BedrockEmbeddingModelOptions): EmbeddingModel {
  const { provider } = options;
  const modelId = toBedrockModelId(options.modelId);
  const base = toBaseModelId(modelId);
  const kind = base.startsWith('amazon.titan-embed') ? 'titan' : base.startsWith('cohere.embed') ? 'cohere' : undefined;

  const invoke = async (body: Record<string, unknown>, embedOptions: EmbedOptions, signal: AbortSignal | undefined): Promise<Record<string, unknown>> => {
    const { runtime } = await loadBedrockSdk();
    const command = new runtime.InvokeModelCommand({ modelId, contentType: 'application/json', accept: 'application/json', body: JSON.stringify(body) });
    if (embedOptions.headers !== undefined) addRequestHeaders(command, embedOptions.headers);
    const response = await (await options.client()).send(command, signal !== undefined ? { abortSignal: signal } : {});
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(response.body));
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      // Reported below.
    }
    throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${provider} sent an embeddings response that is not JSON.`, provider });
  };

  return {
    provider,
    modelId,
    async embed(embedOptions: EmbedOptions): Promise<EmbedResult> {
      if (kind === undefined) throw new InvalidRequestError({ param: 'model', message: `Bedrock model '${modelId}' is not a supported embedding model (amazon.titan-embed-* or cohere.embed-*).` });
      const texts = embedOptions.input.map((item, index) => {
        if (typeof item !== 'string') throw new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param: `input[${index}]`, message: 'Bedrock embeds text, not token ids.' });
        return item;
      });
      if (embedOptions.dimensions !== undefined && !(kind === 'titan' && base.startsWith('amazon.titan-embed-text-v2'))) {
        throw new InvalidRequestError({ code: 'REQUEST_PARAMETER_UNSUPPORTED', param: 'dimensions', message: `Bedrock model '${modelId}' has a fixed number of dimensions.` });
      }
      const deadline = createCallDeadline(embedOptions.signal, options.timeoutMs);
      let embedded: Embedded;
      try {
        embedded = kind === 'titan' ? await embedTitan(texts, embedOptions, (body) => invoke(body, embedOptions, deadline.signal)) : await embedCohere(texts, (body) => invoke(body, embedOptions, deadline.signal));
      } catch (error) {
        if (isCallerAbort(embedOptions.signal)) throw error;
        if (deadline.timedOut()) throw new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${options.timeoutMs} ms.`, provider, cause: error });
        throw mapBedrockError(error, provider);
      } finally {
        deadline.clear();
      }
      const embeddings = embedded.vectors.map((vector) => (embedOptions.encodingFormat === 'base64' ? toBase64Floats(vector) : vector));
      return { embeddings, model: modelId, ...(embedded.tokens !== undefined ? { usage: { promptTokens: embedded.tokens, totalTokens: embedded.tokens } } : {}) };
    },
  };
}

async function embedTitan(texts: readonly string[], options: EmbedOptions, invoke: (body: Record<string, unknown>) => Promise<Record<string, unknown>>): Promise<Embedded> {
  const vectors: number[][] = new Array(texts.length);
  let tokens = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < texts.length) {
      const index = next++;
      const body = { inputText: texts[index], ...(options.dimensions !== undefined ? { dimensions: options.dimensions } : {}) };
      const response = await invoke(body);
      vectors[index] = readVector(response['embedding']);
      tokens += typeof response['inputTextTokenCount'] === 'number' ? response['inputTextTokenCount'] : 0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(TITAN_CONCURRENCY, texts.length) }, worker));
  return { vectors, tokens };
}

async function embedCohere(texts: readonly string[], invoke: (body: Record<string, unknown>) => Promise<Record<string, unknown>>): Promise<Embedded> {
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += COHERE_BATCH) {
    // search_document suits what an OpenAI client embeds most often: content to be searched later.
    const response = await invoke({ texts: texts.slice(start, start + COHERE_BATCH), input_type: 'search_document' });
    const raw = response['embeddings'];
    const list = Array.isArray(raw) ? raw : typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['float'] : undefined;
    if (!Array.isArray(list)) throw new SyntaxError('Cohere response has no embeddings');
    vectors.push(...list.map(readVector));
  }
  return { vectors };
}

function readVector(value: unknown): number[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number')) throw new SyntaxError('embedding is not a list of numbers');
  return value as number[];
}

function toBase64Floats(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => buffer.writeFloatLE(value, index * 4));
  return buffer.toString('base64');
}
