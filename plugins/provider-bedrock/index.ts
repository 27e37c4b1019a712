import { defineProviderPlugin } from '../../sdk/index.js';
import { createBedrockProvider } from './create-bedrock-provider.js';
import { loadBedrockSdk } from './load-bedrock-sdk.js';

/**
 * The Amazon Bedrock provider: every Bedrock chat model through the Converse and ConverseStream
 * APIs of the official AWS SDK, Titan and Cohere embeddings through InvokeModel, a credentials
 * check and model metadata. Retries are off: the gateway's router owns retries and fallbacks.
 */
export default defineProviderPlugin({
  setup(context) {
    return {
      createProvider: (settings) => createBedrockProvider(settings, context.logger),
      preload: async () => {
        await loadBedrockSdk();
      },
    };
  },
});
