import type { AzureOpenAI } from 'openai';
import { ProviderError, type PluginContext, type ProviderSettings } from '../../sdk/index.js';
import { openAISdkBaseOptions, type OpenAICompatibleClient } from '../../sdk/openai-compatible/index.js';
import { loadOpenAISdk } from './load-openai-sdk.js';

/** The data-plane API version used when neither config nor AZURE_API_VERSION sets one (the latest GA). */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/**
 * The SDK base URL for a configured endpoint. LiteLLM users give the resource endpoint
 * (`https://res.openai.azure.com/`); some give it with `/openai` already, or a whole
 * `…/openai/deployments/<name>` URL, which the SDK then uses as-is.
 */
export function toAzureBaseURL(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return /\/openai(\/deployments\/[^/]+)?$/.test(trimmed) ? trimmed : `${trimmed}/openai`;
}

/**
 * Builds the `openai` SDK's AzureOpenAI client for one provider instance: deployments are the
 * model ids (`azure/<deployment>` → `/openai/deployments/<deployment>/…?api-version=…`), the key
 * goes in the `api-key` header, requests run on the gateway's pooled fetch and retries are off.
 * Every option is explicit so the SDK never reads OPENAI_* or AZURE_OPENAI_* variables itself.
 * Fails with PROVIDER_NOT_CONFIGURED (on first use) when the key or endpoint is missing; the SDK
 * is loaded, and the client built, on the first call.
 */
export function createAzureClient(settings: ProviderSettings, context: PluginContext): OpenAICompatibleClient {
  const provider = settings.name;
  if (settings.apiKey === undefined || settings.apiKey === '') {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { message: `Provider '${provider}' has no API key: set AZURE_API_KEY or api_key.`, provider });
  }
  if (settings.baseURL === undefined || settings.baseURL.trim() === '') {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { message: `Provider '${provider}' has no endpoint: set AZURE_API_BASE (or AZURE_BASE_URL) or api_base to https://<resource>.openai.azure.com.`, provider });
  }
  const apiKey = settings.apiKey;
  const baseURL = toAzureBaseURL(settings.baseURL);
  let client: AzureOpenAI | undefined;
  const getClient = async (): Promise<AzureOpenAI> => {
    const sdk = await loadOpenAISdk();
    return (client ??= new sdk.AzureOpenAI({
      apiKey,
      apiVersion: settings.apiVersion ?? DEFAULT_AZURE_API_VERSION,
      baseURL,
      organization: null,
      project: null,
      ...openAISdkBaseOptions(context, settings.timeoutMs, 'openai sdk (azure)'),
      ...(settings.headers !== undefined ? { defaultHeaders: { ...settings.headers } } : {}),
    }));
  };
  return {
    chat: {
      completions: {
        async create(body, options) {
          const result: unknown = await (await getClient()).chat.completions.create(body as never, options);
          return isStream(result) ? withoutPromptFilterChunks(result) : result;
        },
      },
    },
    embeddings: { create: async (body, options) => (await getClient()).embeddings.create(body, options) },
    models: {
      async *list(options) {
        yield* (await getClient()).models.list(options);
      },
    },
  };
}

type ChunkStream = AsyncIterable<unknown> & { readonly controller?: AbortController };

function isStream(value: unknown): value is ChunkStream {
  return typeof value === 'object' && value !== null && typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function';
}

/**
 * Azure opens a stream with a chunk that only carries `prompt_filter_results` (no choices, an
 * empty id and model, `created: 0`). The kit takes the response identity from the first chunk,
 * so that one is skipped; the upstream controller stays reachable so a cancel still closes it.
 */
function withoutPromptFilterChunks(stream: ChunkStream): ChunkStream {
  return {
    ...(stream.controller !== undefined ? { controller: stream.controller } : {}),
    async *[Symbol.asyncIterator]() {
      for await (const chunk of stream) if (!isPromptFilterChunk(chunk)) yield chunk;
    },
  };
}

function isPromptFilterChunk(chunk: unknown): boolean {
  if (typeof chunk !== 'object' || chunk === null) return false;
  const record = chunk as Record<string, unknown>;
  return Array.isArray(record['choices']) && record['choices'].length === 0 && (record['usage'] === undefined || record['usage'] === null) && record['error'] === undefined;
}

