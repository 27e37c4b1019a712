import { defineProviderPlugin, ProviderError, type PluginContext, type ProviderSettings } from '../../sdk/index.js';
import { createChatCompletionsTransport, createOpenAICompatibleProvider, lazyOpenAIServices, openAISdkBaseOptions, type OpenAICompatibleClient } from '../../sdk/openai-compatible/index.js';
import { loadOpenAISdk } from './load-openai-sdk.js';
import { openAIModelMetadata } from './openai-model-metadata.js';

/** OpenAI's `/embeddings` accepts at most this many inputs per call. */
const MAX_EMBEDDING_INPUTS = 2048;

/**
 * The OpenAI provider: chat (generate and stream), embeddings, model listing and a credentials
 * check through the official SDK, loaded on first use. Retries are off: the gateway's router owns
 * retries and fallbacks.
 */
export default defineProviderPlugin({
  setup(context) {
    const entry = context.manifest.provider?.providers.find((provider) => provider.name === 'openai');
    const capabilities = entry?.capabilities ?? {};
    const defaultBaseURL = entry?.defaults?.baseURL ?? 'https://api.openai.com/v1';
    return {
      createProvider(settings) {
        return createOpenAICompatibleProvider(settings, {
          createClient: (current) => createOpenAIClient(current, context, defaultBaseURL),
          logger: context.logger,
          capabilities,
          modelMetadata: openAIModelMetadata,
          dialect: { maxTokensField: 'max_completion_tokens', developerRole: 'developer' },
          extractThinkTags: false,
          maxEmbeddingInputsPerCall: MAX_EMBEDDING_INPUTS,
        });
      },
      preload: async () => {
        await loadOpenAISdk();
      },
    };
  },
});

function createOpenAIClient(settings: ProviderSettings, context: PluginContext, defaultBaseURL: string): OpenAICompatibleClient {
  if (settings.apiKey === undefined || settings.apiKey === '') {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', {
      message: `Provider '${settings.name}' has no API key: set OPENAI_API_KEY or providers.${settings.name}.api_key.`,
      provider: settings.name,
    });
  }
  const apiKey = settings.apiKey;
  const project = settings.options['project'];
  const baseURL = settings.baseURL ?? defaultBaseURL;
  const services = lazyOpenAIServices(async () => new (await loadOpenAISdk()).OpenAI({
    apiKey,
    // Every field is explicit: left out, the SDK would read OPENAI_* variables behind the gateway's back.
    baseURL,
    organization: settings.organization ?? null,
    project: typeof project === 'string' ? project : null,
    ...openAISdkBaseOptions(context, settings.timeoutMs),
    ...(settings.headers !== undefined ? { defaultHeaders: { ...settings.headers } } : {}),
  }));
  // Chat, the hot path, goes through the kit's lean transport on the gateway's lean HTTP call (same pool); the SDK
  // (loaded on first use) serves embeddings, model listing and the credentials check.
  const chat = createChatCompletionsTransport({
    httpRequest: context.httpRequest,
    baseURL,
    apiKey: settings.apiKey,
    ...(settings.organization ? { organization: settings.organization } : {}),
    ...(typeof project === 'string' ? { project } : {}),
    ...(settings.headers ? { headers: settings.headers } : {}),
  });
  return { chat, ...services };
}

