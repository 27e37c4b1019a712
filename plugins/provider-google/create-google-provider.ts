import type { GoogleGenAI, Model } from '@google/genai';
import { ProviderError, SwitchyardError, type CredentialCheck, type Logger, type ModelListing, type ModelMetadata, type Provider, type ProviderSettings } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort } from '../../sdk/openai-compatible/index.js';
import { createGoogleClient } from './create-google-client.js';
import { createGoogleEmbeddingModel } from './create-google-embedding-model.js';
import { createGoogleLanguageModel } from './create-google-language-model.js';
import { createUpstreamFetch } from './create-upstream-fetch.js';
import { geminiModelMetadata } from './gemini-model-metadata.js';
import { loadGoogleSdk } from './load-google-sdk.js';
import { mapGoogleError } from './map-google-error.js';
import type { VertexAuthEnvironment } from './resolve-vertex-auth.js';

/** What {@link createGoogleProvider} needs besides the settings. */
export interface GoogleProviderOptions {
  /** Vertex AI (`vertex_ai`) rather than the Gemini API (`gemini`). */
  readonly vertex: boolean;
  /** The gateway's pooled fetch (`PluginContext.fetch`). */
  readonly fetch: typeof fetch;
  readonly logger?: Logger;
  /** Where Vertex AI credentials are looked for; the real machine by default. */
  readonly environment?: VertexAuthEnvironment;
}

/**
 * A Gemini API or Vertex AI provider on @google/genai: chat (generate and stream), embeddings,
 * model listing, a credentials check (listing one model, the cheapest authenticated call) and
 * model metadata. The SDK is loaded and the client built on first use, so a provider with missing
 * settings still loads and every call reports what to set.
 */
export function createGoogleProvider(settings: ProviderSettings, options: GoogleProviderOptions): Provider {
  const provider = settings.name;
  let client: GoogleGenAI | undefined;
  const getClient = async (): Promise<GoogleGenAI> => {
    const sdk = await loadGoogleSdk();
    return (client ??= createGoogleClient(settings, { fetch: options.fetch, vertex: options.vertex, ...(options.environment !== undefined ? { environment: options.environment } : {}) }, sdk));
  };
  const shared = { provider, vertex: options.vertex, client: getClient, fetch: options.fetch, ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}) };

  // Lists models page by page (`limit` stops early); failures come back mapped, the caller's abort as-is.
  const list = async (signal: AbortSignal | undefined, operation: string, limit?: number): Promise<Model[]> => {
    const deadline = createCallDeadline(signal, settings.timeoutMs);
    const upstream = createUpstreamFetch(options.fetch);
    const models: Model[] = [];
    try {
      const pager = await (await getClient()).models.list({
        config: { queryBase: true, pageSize: limit ?? 1000, httpOptions: { fetch: upstream.fetch }, ...(deadline.signal !== undefined ? { abortSignal: deadline.signal } : {}) },
      });
      for await (const model of pager) {
        models.push(model);
        if (limit !== undefined && models.length >= limit) break;
      }
      return models;
    } catch (error) {
      if (isCallerAbort(signal)) throw error;
      const mapped = deadline.timedOut()
        ? new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${settings.timeoutMs} ms.`, provider, cause: error })
        : mapGoogleError(error, { provider, requestSent: upstream.requestSent });
      options.logger?.debug('upstream call failed', { provider, operation, code: mapped.code, upstreamStatus: mapped.details['upstreamStatus'] });
      throw mapped;
    } finally {
      deadline.clear();
    }
  };

  return {
    name: provider,
    languageModel: (modelId) => {
      const metadata = geminiModelMetadata(modelId);
      return createGoogleLanguageModel({ ...shared, modelId, ...(metadata !== undefined ? { metadata } : {}) });
    },
    embeddingModel: (modelId) => createGoogleEmbeddingModel({ ...shared, modelId }),
    modelMetadata: geminiModelMetadata,
    async listModels(listOptions) {
      const models = await list(listOptions?.signal, 'listModels');
      return models.map(toModelListing).filter((listing) => listing !== undefined);
    },
    async checkCredentials(checkOptions): Promise<CredentialCheck> {
      try {
        await list(checkOptions?.signal, 'checkCredentials', 1);
        return { ok: true };
      } catch (error) {
        if (!SwitchyardError.isInstance(error)) throw error;
        return { ok: false, code: error.code, message: error.message };
      }
    },
  };
}

function toModelListing(model: Model): ModelListing | undefined {
  if (model.name === undefined || model.name === '') return undefined;
  const id = model.name.slice(model.name.lastIndexOf('/') + 1);
  const known = geminiModelMetadata(id);
  const reported: ModelMetadata = {
    ...(model.inputTokenLimit !== undefined ? { contextWindow: model.inputTokenLimit } : {}),
    ...(model.outputTokenLimit !== undefined ? { maxOutputTokens: model.outputTokenLimit } : {}),
    ...(model.thinking !== undefined ? { supportsReasoning: model.thinking } : {}),
    ...(model.supportedActions?.includes('embedContent') === true ? { supportsEmbeddings: true } : {}),
  };
  const metadata = { ...known, ...reported };
  return { id, ownedBy: 'google', ...(Object.keys(metadata).length > 0 ? { metadata } : {}) };
}
