import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { CredentialCheck, Logger, Provider, ProviderSettings } from '../../sdk/index.js';
import { createCallDeadline, isCallerAbort } from '../../sdk/openai-compatible/index.js';
import { bedrockModelMetadata, listBedrockModels, supportsNativeStructuredOutput } from './bedrock-model-metadata.js';
import { createBedrockClient } from './create-bedrock-client.js';
import { createBedrockEmbeddingModel } from './create-bedrock-embedding-model.js';
import { createBedrockLanguageModel } from './create-bedrock-language-model.js';
import { loadBedrockSdk } from './load-bedrock-sdk.js';
import { mapBedrockError } from './map-bedrock-error.js';
import { readBedrockSettings, type BedrockConnection } from './read-bedrock-settings.js';

/** Calls without a configured timeout are still bounded (the openai SDK's default). */
export const DEFAULT_TIMEOUT_MS = 600_000;

/**
 * Builds the Bedrock provider for one set of settings. The SDK is loaded and the client created on
 * first use, so a provider with broken settings still lists and every call reports the problem as
 * a ProviderError.
 * `listModels` lists the built-in metadata table: the live catalogue (ListFoundationModels) is on
 * the Bedrock control plane, another AWS client this plugin does not ship.
 */
export function createBedrockProvider(settings: ProviderSettings, logger?: Logger): Provider {
  const provider = settings.name;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let connection: BedrockConnection | undefined;
  let client: BedrockRuntimeClient | undefined;
  const getConnection = (): BedrockConnection => (connection ??= readBedrockSettings(settings));
  const getClient = async (): Promise<BedrockRuntimeClient> => {
    const sdk = await loadBedrockSdk();
    return (client ??= createBedrockClient({ connection: getConnection(), ...(settings.headers !== undefined ? { headers: settings.headers } : {}) }, sdk));
  };
  const nativeStructuredOutput = (modelId: string): boolean => {
    const mode = getConnection().structuredOutput;
    return mode === 'native' || (mode === 'auto' && supportsNativeStructuredOutput(modelId));
  };

  return {
    name: provider,
    languageModel(modelId) {
      const metadata = bedrockModelMetadata(modelId);
      return createBedrockLanguageModel({
        provider,
        modelId,
        client: getClient,
        // Read per call: a bad option must fail the call, not the model lookup.
        nativeStructuredOutput: () => nativeStructuredOutput(modelId),
        timeoutMs,
        ...(metadata !== undefined ? { metadata } : {}),
      });
    },
    embeddingModel: (modelId) => createBedrockEmbeddingModel({ provider, modelId, client: getClient, timeoutMs }),
    modelMetadata: (modelId) => bedrockModelMetadata(modelId),
    listModels: async () => listBedrockModels(),
    async checkCredentials(options): Promise<CredentialCheck> {
      // Listing async invocations is free and read-only; any signed answer proves the credentials.
      const deadline = createCallDeadline(options?.signal, timeoutMs);
      try {
        const { runtime } = await loadBedrockSdk();
        await (await getClient()).send(new runtime.ListAsyncInvokesCommand({ maxResults: 1 }), deadline.signal !== undefined ? { abortSignal: deadline.signal } : {});
        return { ok: true };
      } catch (error) {
        if (isCallerAbort(options?.signal)) throw error;
        const mapped = mapBedrockError(error, provider);
        if (mapped.code === 'PROVIDER_PERMISSION_DENIED') return { ok: true, message: 'The credentials are valid; they may not list async invocations.' };
        logger?.debug('bedrock credentials check failed', { provider, code: mapped.code });
        return { ok: false, code: mapped.code, message: mapped.message };
      } finally {
        deadline.clear();
      }
    },
    async dispose() {
      client?.destroy();
      client = undefined;
    },
  };
}
