import type OpenAI from 'openai';
import type { OpenAICompatibleClient } from '../../sdk/openai-compatible/index.js';
import { loadOpenAISdk, type OpenAISdk } from './load-openai-sdk.js';

/**
 * Embeddings and model listing through an `openai` SDK client that `build` creates on first call,
 * once the SDK is loaded: chat goes through the kit's transport, so it never waits for the SDK.
 */
export function lazyOpenAIServices(build: (sdk: OpenAISdk) => OpenAI): Pick<OpenAICompatibleClient, 'embeddings' | 'models'> {
  let client: OpenAI | undefined;
  const getClient = async (): Promise<OpenAI> => {
    const sdk = await loadOpenAISdk();
    return (client ??= build(sdk));
  };
  return {
    embeddings: { create: async (body, options) => (await getClient()).embeddings.create(body, options) },
    models: {
      async *list(options) {
        yield* (await getClient()).models.list(options);
      },
    },
  };
}
