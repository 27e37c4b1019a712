import { ProviderError } from '../errors/provider-error.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Logger } from '../plugin-context.js';
import type { CredentialCheck, ModelListing, ModelMetadata } from '../provider/model-metadata.js';
import type { Provider, ProviderSettings } from '../provider/provider.js';
import { createCallDeadline } from './call-deadline.js';
import { createOpenAICompatibleEmbeddingModel } from './create-openai-compatible-embedding-model.js';
import { createOpenAICompatibleLanguageModel } from './create-openai-compatible-language-model.js';
import { isRecord, readNumber, readString } from './json-guards.js';
import { isCallerAbort, mapOpenAIError } from './map-openai-error.js';
import type { OpenAICompatibleClient } from './openai-compatible-client.js';
import type { OpenAIChatRequestDialect } from './to-openai-chat-request.js';

/** What the upstream can do, as declared in the plugin manifest. */
export interface OpenAICompatibleCapabilities {
  /** Accepts `n` > 1 (default false). */
  readonly multipleChoices?: boolean;
  /** Serves `POST /embeddings` (default true). */
  readonly embeddings?: boolean;
  /** Serves `GET /models` (default true). */
  readonly listModels?: boolean;
}

/** Everything a thin plugin supplies to {@link createOpenAICompatibleProvider}. */
export interface OpenAICompatibleProviderOptions {
  /**
   * Builds the upstream client (for example `new OpenAI({ fetch: context.fetch, ... })`).
   * Called once, on first use, so a provider with missing settings still lists; throw a
   * ProviderError (PROVIDER_NOT_CONFIGURED) from here and every call reports it.
   */
  readonly createClient: (settings: ProviderSettings) => OpenAICompatibleClient;
  readonly logger?: Logger;
  readonly capabilities?: OpenAICompatibleCapabilities;
  /** Known limits of a model id, if any. */
  readonly modelMetadata?: (modelId: string) => ModelMetadata | undefined;
  /** How this upstream spells the request. */
  readonly dialect?: OpenAIChatRequestDialect;
  /** Move a leading `<think>…</think>` block in answers to reasoning. */
  readonly extractThinkTags?: boolean;
  /** Largest number of inputs one embeddings call accepts. */
  readonly maxEmbeddingInputsPerCall?: number;
}

/**
 * Builds an sdk Provider for any upstream that speaks OpenAI chat completions, so provider
 * plugins only supply a client and their presets. `settings.timeoutMs` bounds every call.
 */
export function createOpenAICompatibleProvider(settings: ProviderSettings, options: OpenAICompatibleProviderOptions): Provider {
  const provider = settings.name;
  const capabilities = options.capabilities ?? {};
  let client: OpenAICompatibleClient | undefined;
  const getClient = (): OpenAICompatibleClient => (client ??= options.createClient(settings));
  // Runs one models call bounded by the deadline; failures come back mapped, the caller's abort as-is.
  const listAll = async (signal: AbortSignal | undefined, operation: string, stopAfterFirst: boolean): Promise<unknown[]> => {
    const deadline = createCallDeadline(signal, settings.timeoutMs);
    const entries: unknown[] = [];
    try {
      for await (const entry of getClient().models.list(deadline.signal !== undefined ? { signal: deadline.signal } : {})) {
        entries.push(entry);
        if (stopAfterFirst) break;
      }
      return entries;
    } catch (error) {
      if (isCallerAbort(signal)) throw error;
      const mapped = deadline.timedOut()
        ? new ProviderError('PROVIDER_TIMEOUT', { message: `The request to ${provider} timed out after ${settings.timeoutMs} ms.`, provider, cause: error })
        : mapOpenAIError(error, { provider });
      options.logger?.debug('upstream call failed', { provider, operation, code: mapped.code, upstreamStatus: mapped.details['upstreamStatus'] });
      throw mapped;
    } finally {
      deadline.clear();
    }
  };

  const base: Provider = {
    name: provider,
    languageModel: (modelId) =>
      createOpenAICompatibleLanguageModel({
        provider,
        modelId,
        client: getClient,
        metadata: options.modelMetadata?.(modelId),
        supportsMultipleChoices: capabilities.multipleChoices === true,
        dialect: options.dialect,
        extractThinkTags: options.extractThinkTags,
        timeoutMs: settings.timeoutMs,
      }),
    modelMetadata: (modelId) => options.modelMetadata?.(modelId),
  };
  const embeddings: Pick<Provider, 'embeddingModel'> =
    capabilities.embeddings === false
      ? {}
      : { embeddingModel: (modelId) => createOpenAICompatibleEmbeddingModel({ provider, modelId, client: getClient, maxInputsPerCall: options.maxEmbeddingInputsPerCall, timeoutMs: settings.timeoutMs }) };
  if (capabilities.listModels === false) return { ...base, ...embeddings };

  return {
    ...base,
    ...embeddings,
    async listModels(listOptions) {
      const entries = await listAll(listOptions?.signal, 'listModels', false);
      return entries.map((entry) => toModelListing(entry, options.modelMetadata)).filter((listing) => listing !== undefined);
    },
    async checkCredentials(checkOptions): Promise<CredentialCheck> {
      try {
        // Listing models is free and needs a valid key; the first entry is enough.
        await listAll(checkOptions?.signal, 'checkCredentials', true);
        return { ok: true };
      } catch (error) {
        if (!SwitchyardError.isInstance(error)) throw error;
        return { ok: false, code: error.code, message: error.message };
      }
    },
  };
}

function toModelListing(entry: unknown, lookup: ((modelId: string) => ModelMetadata | undefined) | undefined): ModelListing | undefined {
  if (!isRecord(entry)) return undefined;
  const id = readString(entry['id']);
  if (id === undefined) return undefined;
  const ownedBy = readString(entry['owned_by']);
  const created = readNumber(entry['created']);
  const metadata = lookup?.(id);
  return { id, ...(ownedBy !== undefined ? { ownedBy } : {}), ...(created !== undefined ? { created } : {}), ...(metadata !== undefined ? { metadata } : {}) };
}
