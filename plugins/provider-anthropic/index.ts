import { defineProviderPlugin } from '../../sdk/index.js';
import { createAnthropicProvider } from './create-anthropic-provider.js';
import { loadAnthropicSdk } from './load-anthropic-sdk.js';

/**
 * The Anthropic provider: Claude models through the Messages API and the official
 * `@anthropic-ai/sdk`, translated to and from the gateway's neutral prompt and typed stream
 * parts. Retries are off: the gateway's router owns retries and fallbacks.
 */
export default defineProviderPlugin({
  setup(context) {
    return {
      createProvider: (settings) => createAnthropicProvider(settings, context),
      preload: async () => {
        await loadAnthropicSdk();
      },
    };
  },
});
