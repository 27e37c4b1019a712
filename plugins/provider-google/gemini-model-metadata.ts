import type { ModelMetadata } from '../../sdk/index.js';

const chat = (contextWindow: number, maxOutputTokens: number, supportsReasoning: boolean): ModelMetadata => ({
  contextWindow,
  maxOutputTokens,
  supportsReasoning,
  supportsTools: true,
  supportsVision: true,
});
const embedding = (contextWindow: number): ModelMetadata => ({ contextWindow, supportsEmbeddings: true, supportsTools: false });

/**
 * Published limits of current Gemini models (Gemini API and Vertex AI share them), by base id.
 * `contextWindow` is the input token limit Google publishes, which already covers the output.
 */
export const GEMINI_MODEL_METADATA: Readonly<Record<string, ModelMetadata>> = {
  'gemini-3-pro-preview': chat(1_048_576, 65_536, true),
  'gemini-3.1-pro-preview': chat(1_048_576, 65_536, true),
  'gemini-3-flash-preview': chat(1_048_576, 65_536, true),
  'gemini-3-pro-image-preview': { contextWindow: 65_536, maxOutputTokens: 32_768, supportsReasoning: true, supportsTools: false, supportsVision: true },
  'gemini-2.5-pro': chat(1_048_576, 65_536, true),
  'gemini-2.5-flash': chat(1_048_576, 65_536, true),
  'gemini-2.5-flash-lite': chat(1_048_576, 65_536, true),
  'gemini-2.5-flash-image': { contextWindow: 32_768, maxOutputTokens: 32_768, supportsReasoning: false, supportsTools: false, supportsVision: true },
  'gemini-2.0-flash': chat(1_048_576, 8_192, false),
  'gemini-2.0-flash-lite': chat(1_048_576, 8_192, false),
  'gemini-embedding-001': embedding(2_048),
  'text-embedding-005': embedding(2_048),
  'text-multilingual-embedding-002': embedding(2_048),
  'text-embedding-004': embedding(2_048),
};

/**
 * Metadata for a Gemini model id, also for `models/…` and `publishers/google/models/…` names and
 * for dated or suffixed variants (`gemini-2.5-flash-preview-09-2025`, `gemini-2.0-flash-001`):
 * the longest table id the name starts with, followed by `-` or nothing.
 */
export function geminiModelMetadata(modelId: string): ModelMetadata | undefined {
  const name = modelId.slice(modelId.lastIndexOf('/') + 1);
  let best: string | undefined;
  for (const id of Object.keys(GEMINI_MODEL_METADATA)) {
    if ((name === id || name.startsWith(`${id}-`)) && (best === undefined || id.length > best.length)) best = id;
  }
  return best === undefined ? undefined : GEMINI_MODEL_METADATA[best];
}
