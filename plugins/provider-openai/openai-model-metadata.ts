import type { ModelMetadata } from '../../sdk/index.js';

const chat = (contextWindow: number, maxOutputTokens: number, supportsReasoning: boolean, supportsVision = true): ModelMetadata => ({
  contextWindow,
  maxOutputTokens,
  supportsReasoning,
  supportsTools: true,
  supportsVision,
});
const embedding = (contextWindow: number): ModelMetadata => ({ contextWindow, supportsEmbeddings: true, supportsTools: false });

/** Published limits of current OpenAI models, by undated id. */
export const OPENAI_MODEL_METADATA: Readonly<Record<string, ModelMetadata>> = {
  'gpt-4o': chat(128_000, 16_384, false),
  'gpt-4o-mini': chat(128_000, 16_384, false),
  'chatgpt-4o-latest': chat(128_000, 16_384, false),
  'gpt-4.1': chat(1_047_576, 32_768, false),
  'gpt-4.1-mini': chat(1_047_576, 32_768, false),
  'gpt-4.1-nano': chat(1_047_576, 32_768, false),
  'gpt-4-turbo': chat(128_000, 4_096, false),
  'gpt-3.5-turbo': chat(16_385, 4_096, false, false),
  o1: chat(200_000, 100_000, true),
  'o1-pro': chat(200_000, 100_000, true),
  'o1-mini': chat(128_000, 65_536, true, false),
  o3: chat(200_000, 100_000, true),
  'o3-pro': chat(200_000, 100_000, true),
  'o3-mini': chat(200_000, 100_000, true, false),
  'o4-mini': chat(200_000, 100_000, true),
  'gpt-5': chat(400_000, 128_000, true),
  'gpt-5-mini': chat(400_000, 128_000, true),
  'gpt-5-nano': chat(400_000, 128_000, true),
  'gpt-5-chat-latest': chat(128_000, 16_384, false),
  'gpt-5.1': chat(400_000, 128_000, true),
  'text-embedding-3-small': embedding(8_191),
  'text-embedding-3-large': embedding(8_191),
  'text-embedding-ada-002': embedding(8_191),
};

/** Metadata for an OpenAI model id, including dated snapshots such as `gpt-4o-2024-08-06`. */
export function openAIModelMetadata(modelId: string): ModelMetadata | undefined {
  return OPENAI_MODEL_METADATA[modelId] ?? OPENAI_MODEL_METADATA[modelId.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
}
