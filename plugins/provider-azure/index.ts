import { defineProviderPlugin, type CallOptions, type CredentialCheck, type LanguageModel, type PluginContext, type Provider, type ProviderSettings } from '../../sdk/index.js';
import { createCallDeadline, createOpenAICompatibleProvider, isCallerAbort, mapOpenAIError, type OpenAICompatibleClient } from '../../sdk/openai-compatible/index.js';
import { azureModelMetadata } from './azure-model-metadata.js';
import { createAzureClient } from './create-azure-client.js';
import { loadOpenAISdk } from './load-openai-sdk.js';
import { withToolCallRepair } from './with-tool-call-repair.js';

/** Azure's embeddings deployments accept at most this many inputs per call. */
const MAX_EMBEDDING_INPUTS = 2048;

/**
 * Azure OpenAI: deployments as model ids (`azure/<deployment>`), chat, streaming, tools and
 * embeddings through the openai SDK's AzureOpenAI client, translated and mapped by the
 * OpenAI-compatible kit. Azure's bodies are OpenAI's plus content-filter annotations; a
 * `content_filter` 400 becomes PROVIDER_CONTENT_POLICY and `finish_reason: content_filter`
 * passes through. Retries are off: the gateway's router owns retries and fallbacks.
 */
export default defineProviderPlugin({
  setup(context) {
    const entry = context.manifest.provider?.providers.find((provider) => provider.name === 'azure');
    const capabilities = { ...entry?.capabilities, listModels: false };
    return {
      createProvider: (settings) => createAzureProvider(settings, context, capabilities),
      preload: async () => {
        await loadOpenAISdk();
      },
    };
  },
});

function createAzureProvider(settings: ProviderSettings, context: PluginContext, capabilities: { multipleChoices?: boolean; embeddings?: boolean; listModels?: boolean }): Provider {
  let client: OpenAICompatibleClient | undefined;
  const getClient = (): OpenAICompatibleClient => (client ??= createAzureClient(settings, context));
  const kit = (maxTokensField: 'max_completion_tokens' | 'max_tokens'): Provider =>
    createOpenAICompatibleProvider(settings, {
      createClient: getClient,
      logger: context.logger,
      capabilities,
      modelMetadata: azureModelMetadata,
      // Azure accepts `developer` only for some models and API versions; `system` everywhere.
      dialect: { maxTokensField, developerRole: 'system' },
      extractThinkTags: false,
      maxEmbeddingInputsPerCall: MAX_EMBEDDING_INPUTS,
    });
  // The client's own spelling of the token limit goes through: older deployments know only
  // max_tokens, reasoning models only max_completion_tokens, and the client knows which it talks to.
  const current = kit('max_completion_tokens');
  const legacy = kit('max_tokens');
  return {
    ...current,
    languageModel(modelId) {
      const pick = (options: CallOptions): LanguageModel => (options.maxTokensLegacy === true ? legacy : current).languageModel(modelId);
      const model = current.languageModel(modelId);
      return withToolCallRepair({ ...model, generate: (options) => pick(options).generate(options), stream: (options) => pick(options).stream(options) });
    },
    async checkCredentials(options): Promise<CredentialCheck> {
      // Listing the resource's models is free and needs a valid key; one entry is enough.
      const deadline = createCallDeadline(options?.signal, settings.timeoutMs);
      try {
        for await (const model of getClient().models.list(deadline.signal !== undefined ? { signal: deadline.signal } : {})) {
          void model;
          break;
        }
        return { ok: true };
      } catch (error) {
        if (isCallerAbort(options?.signal)) throw error;
        const mapped = mapOpenAIError(error, { provider: settings.name });
        return { ok: false, code: mapped.code, message: mapped.message };
      } finally {
        deadline.clear();
      }
    },
  };
}
