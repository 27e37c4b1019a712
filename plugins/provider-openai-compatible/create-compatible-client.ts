import { ProviderError, type PluginContext, type ProviderManifestEntry, type ProviderSettings } from '../../sdk/index.js';
import { createChatCompletionsTransport, lazyOpenAIServices, openAISdkBaseOptions, type OpenAICompatibleClient } from '../../sdk/openai-compatible/index.js';
import { loadOpenAISdk } from './load-openai-sdk.js';

/** Sent in place of a key to servers that need none; the Authorization header is then removed. */
const NO_KEY = 'switchyard-no-key';

/**
 * Builds the client for one preset: the kit's chat transport, and the `openai` SDK (loaded on
 * first use) for the rest. Fails with PROVIDER_NOT_CONFIGURED (on first use, through the kit)
 * when the base URL or a required key is missing, naming the variable to set.
 */
export function createCompatibleClient(settings: ProviderSettings, preset: ProviderManifestEntry | undefined, baseURLPath: string | undefined, context: PluginContext): OpenAICompatibleClient {
  const provider = settings.name;
  const configuredBaseURL = settings.baseURL ?? preset?.defaults?.baseURL;
  if (configuredBaseURL === undefined || configuredBaseURL === '') {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { message: `Provider '${provider}' has no base URL: set ${envVarFor(preset, 'baseURL') ?? `providers.${provider}.api_base`}.`, provider });
  }
  const hasKey = settings.apiKey !== undefined && settings.apiKey !== '';
  if (!hasKey && preset?.requiresApiKey !== false) {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { message: `Provider '${provider}' has no API key: set ${envVarFor(preset, 'apiKey') ?? `providers.${provider}.api_key`}.`, provider });
  }
  const baseURL = withPath(configuredBaseURL, baseURLPath);
  const services = lazyOpenAIServices(async () => new (await loadOpenAISdk()).OpenAI({
    apiKey: hasKey ? settings.apiKey : NO_KEY,
    // Every field is explicit so the SDK never falls back to OPENAI_* variables meant for OpenAI itself.
    baseURL,
    organization: null,
    project: null,
    ...openAISdkBaseOptions(context, settings.timeoutMs),
    // A null header is removed by the SDK: keyless local servers get no bogus Bearer token.
    defaultHeaders: { ...settings.headers, ...(hasKey ? {} : { Authorization: null }) },
  }));
  // Chat, the hot path, goes through the kit's lean transport on the gateway's lean HTTP call (same pool); the SDK
  // (loaded on first use) serves embeddings, model listing and the credentials check.
  const chat = createChatCompletionsTransport({
    httpRequest: context.httpRequest,
    baseURL,
    ...(hasKey ? { apiKey: settings.apiKey } : {}),
    ...(settings.headers ? { headers: settings.headers } : {}),
  });
  return { chat, ...services };
}

/** Appends `path` (for example `/v1`) to a base URL that lacks it. */
export function withPath(baseURL: string, path: string | undefined): string {
  const trimmed = baseURL.replace(/\/+$/, '');
  if (path === undefined || trimmed.endsWith(path)) return trimmed;
  return `${trimmed}${path}`;
}

function envVarFor(preset: ProviderManifestEntry | undefined, setting: string): string | undefined {
  return preset?.envVars?.find((variable) => variable.setting === setting)?.name;
}

