import type { ModelMetadata } from '../../sdk/index.js';

const chat = (contextWindow: number, maxOutputTokens: number, supportsReasoning: boolean): ModelMetadata => ({ contextWindow, maxOutputTokens, supportsReasoning, supportsTools: true, supportsVision: true });
const embedding = (contextWindow: number): ModelMetadata => ({ contextWindow, supportsEmbeddings: true, supportsTools: false });

/** Published limits of the models Azure OpenAI deploys, by model name (Azure spells GPT-3.5 `gpt-35-turbo`). */
export const AZURE_MODEL_METADATA: Readonly<Record<string, ModelMetadata>> = {
  'gpt-4o': chat(128_000, 16_384, false),
  'gpt-4o-mini': chat(128_000, 16_384, false),
  'gpt-4.1': chat(1_047_576, 32_768, false),
  'gpt-4.1-mini': chat(1_047_576, 32_768, false),
  'gpt-4.1-nano': chat(1_047_576, 32_768, false),
  'gpt-35-turbo': { contextWindow: 16_385, maxOutputTokens: 4_096, supportsReasoning: false, supportsTools: true, supportsVision: false },
  o1: chat(200_000, 100_000, true),
  o3: chat(200_000, 100_000, true),
  'o3-mini': { ...chat(200_000, 100_000, true), supportsVision: false },
  'o4-mini': chat(200_000, 100_000, true),
  'gpt-5': chat(400_000, 128_000, true),
  'gpt-5-mini': chat(400_000, 128_000, true),
  'gpt-5-nano': chat(400_000, 128_000, true),
  'text-embedding-3-small': embedding(8_191),
  'text-embedding-3-large': embedding(8_191),
  'text-embedding-ada-002': embedding(8_191),
};

/**
 * Metadata for a deployment, when its name starts with a known model name followed by nothing
 * or a dash (`gpt-4o-mini-prod` → gpt-4o-mini). Deployment names are chosen freely, so an
 * unrelated name gets no metadata rather than a guess.
 */
export function azureModelMetadata(deployment: string): ModelMetadata | undefined {
  const name = deployment.toLowerCase();
  let best: string | undefined;
  for (const model of Object.keys(AZURE_MODEL_METADATA)) {
    if ((name === model || name.startsWith(`${model}-`)) && (best === undefined || model.length > best.length)) best = model;
  }
  return best === undefined ? undefined : AZURE_MODEL_METADATA[best];
}
