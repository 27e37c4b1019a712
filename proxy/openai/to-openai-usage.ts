import type { Usage } from '../../sdk/index.js';

/** OpenAI's `usage` object. */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number; accepted_prediction_tokens?: number; rejected_prediction_tokens?: number };
}

/** Converts neutral usage to OpenAI's shape, with detail objects only where a provider reported them. */
export function toOpenAIUsage(usage: Usage): OpenAIUsage {
  const result: OpenAIUsage = { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens };
  if (usage.cachedPromptTokens !== undefined || usage.audioPromptTokens !== undefined) {
    result.prompt_tokens_details = {
      ...(usage.cachedPromptTokens !== undefined ? { cached_tokens: usage.cachedPromptTokens } : {}),
      ...(usage.audioPromptTokens !== undefined ? { audio_tokens: usage.audioPromptTokens } : {}),
    };
  }
  if (usage.reasoningTokens !== undefined || usage.audioCompletionTokens !== undefined || usage.acceptedPredictionTokens !== undefined || usage.rejectedPredictionTokens !== undefined) {
    result.completion_tokens_details = {
      ...(usage.reasoningTokens !== undefined ? { reasoning_tokens: usage.reasoningTokens } : {}),
      ...(usage.audioCompletionTokens !== undefined ? { audio_tokens: usage.audioCompletionTokens } : {}),
      ...(usage.acceptedPredictionTokens !== undefined ? { accepted_prediction_tokens: usage.acceptedPredictionTokens } : {}),
      ...(usage.rejectedPredictionTokens !== undefined ? { rejected_prediction_tokens: usage.rejectedPredictionTokens } : {}),
    };
  }
  return result;
}
