import type { ModelMetadata } from '../../sdk/index.js';

const model = (contextWindow: number, maxOutputTokens: number | undefined, supportsReasoning: boolean): ModelMetadata => ({
  contextWindow,
  ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
  supportsReasoning,
  supportsTools: true,
});

/** Published limits of well-known models, by provider name and model id; only values we are sure of. */
export const COMPATIBLE_MODEL_METADATA: Readonly<Record<string, Readonly<Record<string, ModelMetadata>>>> = {
  groq: {
    'llama-3.3-70b-versatile': model(131_072, 32_768, false),
    'llama-3.1-8b-instant': model(131_072, undefined, false),
    'openai/gpt-oss-120b': model(131_072, 65_536, true),
    'openai/gpt-oss-20b': model(131_072, 65_536, true),
    'qwen/qwen3-32b': model(131_072, 40_960, true),
  },
  deepseek: {
    'deepseek-chat': model(128_000, 8_192, false),
    'deepseek-reasoner': model(128_000, 65_536, true),
  },
  xai: {
    'grok-3': model(131_072, undefined, false),
    'grok-3-mini': model(131_072, undefined, true),
    'grok-4': model(256_000, undefined, true),
  },
  mistral: {
    'mistral-large-latest': model(128_000, undefined, false),
    'mistral-small-latest': model(128_000, undefined, false),
    'mistral-embed': { contextWindow: 8_192, supportsEmbeddings: true, supportsTools: false },
  },
  together: {
    'meta-llama/Llama-3.3-70B-Instruct-Turbo': model(131_072, undefined, false),
  },
};

/** Metadata for a model of one provider, if known. */
export function compatibleModelMetadata(provider: string, modelId: string): ModelMetadata | undefined {
  return COMPATIBLE_MODEL_METADATA[provider]?.[modelId];
}
