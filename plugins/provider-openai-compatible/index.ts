import { defineProviderPlugin } from '../../sdk/index.js';
import { createOpenAICompatibleProvider } from '../../sdk/openai-compatible/index.js';
import { compatibleModelMetadata } from './compatible-model-metadata.js';
import { createCompatibleClient } from './create-compatible-client.js';
import { loadOpenAISdk } from './load-openai-sdk.js';
import { readCompatibleOptions } from './read-compatible-options.js';

/** The preset used for provider names the manifest does not list. */
const GENERIC_PRESET = 'openai_compatible';

/**
 * One plugin, many providers: every preset in the manifest's `provider.providers` is an upstream
 * that speaks OpenAI chat completions. Presets differ only in data (base URL, key variable,
 * capabilities and the request knobs in `defaults.options`), so adding one is a manifest edit.
 */
export default defineProviderPlugin({
  setup(context) {
    const presets = new Map((context.manifest.provider?.providers ?? []).map((entry) => [entry.name, entry]));
    return {
      createProvider(settings) {
        const preset = presets.get(settings.name) ?? presets.get(GENERIC_PRESET);
        // Core already merges manifest defaults; merging again keeps direct callers (tests, tools) correct.
        const knobs = readCompatibleOptions({ ...preset?.defaults?.options, ...settings.options }, context.logger, settings.name);
        return createOpenAICompatibleProvider(settings, {
          createClient: (current) => createCompatibleClient(current, preset, knobs.baseURLPath, context),
          logger: context.logger,
          capabilities: preset?.capabilities ?? {},
          modelMetadata: (modelId) => compatibleModelMetadata(settings.name, modelId),
          dialect: knobs.dialect,
          extractThinkTags: knobs.extractThinkTags,
        });
      },
      preload: async () => {
        await loadOpenAISdk();
      },
    };
  },
});
