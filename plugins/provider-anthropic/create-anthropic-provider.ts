import type Anthropic from '@anthropic-ai/sdk';
import { type CredentialCheck, isRecord, type ModelListing, type ModelMetadata, type PluginContext, type Provider, ProviderError, type ProviderSettings, readNumber, readRecord, readString, SwitchyardError } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort } from '../../sdk/openai-compatible/index.js';
import { anthropicModelMetadata } from './anthropic-model-metadata.js';
import { createAnthropicClient, DEFAULT_API_VERSION } from './create-anthropic-client.js';
import { createAnthropicLanguageModel } from './create-anthropic-language-model.js';
import { loadAnthropicSdk } from './load-anthropic-sdk.js';
import { mapAnthropicError } from './map-anthropic-error.js';

/**
 * The Anthropic provider for one set of settings: chat models, model listing from `GET
 * /v1/models` (limits and features as the API reports them), and a credentials check that
 * lists one model, the cheapest authenticated call. The SDK is loaded and the client built on first
 * use, so a provider without a key still lists and fails each call with PROVIDER_NOT_CONFIGURED.
 */
export function createAnthropicProvider(settings: ProviderSettings, context: PluginContext): Provider {
  const provider = settings.name;
  const apiVersion = settings.apiVersion ?? DEFAULT_API_VERSION;
  let client: Anthropic | undefined;
  const getClient = async (): Promise<Anthropic> => {
    const sdk = await loadAnthropicSdk();
    return (client ??= createAnthropicClient(settings, context, sdk));
  };

  // Runs one models call bounded by the deadline; failures come back mapped, the caller's abort as-is.
  const listModels = async (signal: AbortSignal | undefined, limit: number | undefined): Promise<unknown[]> => {
    const deadline = createCallDeadline(signal, settings.timeoutMs);
    const entries: unknown[] = [];
    try {
      const pages = (await getClient()).models.list(limit !== undefined ? { limit } : {}, deadline.signal !== undefined ? { signal: deadline.signal } : {});
      for await (const entry of pages) {
        entries.push(entry);
        if (limit !== undefined && entries.length >= limit) break;
      }
      return entries;
    } catch (error) {
      if (isCallerAbort(signal)) throw error;
      if (deadline.timedOut()) throw new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${settings.timeoutMs} ms.`, provider, cause: error });
      throw mapAnthropicError(error, { provider });
    } finally {
      deadline.clear();
    }
  };

  return {
    name: provider,
    languageModel: (modelId) => createAnthropicLanguageModel({ provider, modelId, client: getClient, apiVersion, ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}) }),
    modelMetadata: (modelId) => anthropicModelMetadata(modelId),
    async listModels(options) {
      const entries = await listModels(options?.signal, undefined);
      return entries.map(toModelListing).filter((listing) => listing !== undefined);
    },
    async checkCredentials(options): Promise<CredentialCheck> {
      try {
        await listModels(options?.signal, 1);
        return { ok: true };
      } catch (error) {
        if (!SwitchyardError.isInstance(error)) throw error;
        return { ok: false, code: error.code, message: error.message };
      }
    },
  };
}

/** One `/v1/models` entry as a listing; the API's own limits win over the built-in table. */
function toModelListing(entry: unknown): ModelListing | undefined {
  if (!isRecord(entry)) return undefined;
  const id = readString(entry['id']);
  if (id === undefined) return undefined;
  const known = anthropicModelMetadata(id);
  const capabilities = readRecord(entry['capabilities']);
  const supported = (name: string): boolean | undefined => {
    const value = readRecord(capabilities[name])['supported'];
    return typeof value === 'boolean' ? value : undefined;
  };
  const contextWindow = readNumber(entry['max_input_tokens']) ?? known?.contextWindow;
  const maxOutputTokens = readNumber(entry['max_tokens']) ?? known?.maxOutputTokens;
  const supportsReasoning = supported('thinking') ?? known?.supportsReasoning;
  const supportsVision = supported('image_input') ?? known?.supportsVision;
  const metadata: ModelMetadata = {
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(supportsReasoning !== undefined ? { supportsReasoning } : {}),
    supportsTools: true,
    ...(supportsVision !== undefined ? { supportsVision } : {}),
  };
  const createdAt = readString(entry['created_at']);
  const created = createdAt === undefined ? NaN : Math.floor(Date.parse(createdAt) / 1000);
  return { id, ownedBy: 'anthropic', ...(Number.isFinite(created) ? { created } : {}), metadata };
}
