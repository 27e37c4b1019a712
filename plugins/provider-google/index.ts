import { defineProviderPlugin } from '../../sdk/index.js';
import { createGoogleProvider } from './create-google-provider.js';
import { loadGoogleSdk } from './load-google-sdk.js';

/** The manifest's provider name for Vertex AI; every other name (`gemini`) is the Gemini API. */
const VERTEX_PROVIDER = 'vertex_ai';

/**
 * Google's models on @google/genai, as two providers: `gemini` (the Gemini API, API key) and
 * `vertex_ai` (Vertex AI, Google Cloud credentials). Chat, streaming, tools, reasoning with
 * thought signatures, structured output, embeddings, model listing and a credentials check.
 * The SDK's own retries stay off: the gateway's router owns retries and fallbacks.
 */
export default defineProviderPlugin({
  setup(context) {
    return {
      createProvider(settings) {
        return createGoogleProvider(settings, { vertex: settings.name === VERTEX_PROVIDER, fetch: context.fetch, logger: context.logger });
      },
      preload: async () => {
        await loadGoogleSdk();
      },
    };
  },
});
