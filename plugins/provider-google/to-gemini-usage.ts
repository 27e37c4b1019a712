import type { GenerateContentResponseUsageMetadata } from '@google/genai';
import type { Usage } from '../../sdk/index.js';

/**
 * Converts Gemini `usageMetadata` to OpenAI's accounting. Gemini counts thinking apart from the
 * answer (`thoughtsTokenCount` is not part of `candidatesTokenCount`) while OpenAI's
 * `completion_tokens` includes reasoning, so:
 *
 *   prompt_tokens     = promptTokenCount (+ toolUsePromptTokenCount, prompt tokens of built-in tools)
 *   completion_tokens = candidatesTokenCount + thoughtsTokenCount
 *   total_tokens      = totalTokenCount, else prompt + completion
 *   cached_tokens     = cachedContentTokenCount      reasoning_tokens = thoughtsTokenCount
 *
 * Returns undefined for metadata without counts (Vertex stream chunks carry only `trafficType`).
 */
export function toGeminiUsage(metadata: GenerateContentResponseUsageMetadata | undefined): Usage | undefined {
  if (metadata === undefined || (metadata.promptTokenCount === undefined && metadata.totalTokenCount === undefined && metadata.candidatesTokenCount === undefined)) return undefined;
  const promptTokens = (metadata.promptTokenCount ?? 0) + (metadata.toolUsePromptTokenCount ?? 0);
  const completionTokens = (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0);
  return {
    promptTokens,
    completionTokens,
    totalTokens: metadata.totalTokenCount ?? promptTokens + completionTokens,
    ...(metadata.cachedContentTokenCount !== undefined ? { cachedPromptTokens: metadata.cachedContentTokenCount } : {}),
    ...(metadata.thoughtsTokenCount !== undefined ? { reasoningTokens: metadata.thoughtsTokenCount } : {}),
  };
}
