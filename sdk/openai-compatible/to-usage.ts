import type { Usage } from '../provider/usage.js';
import { isRecord, readNumber, readRecord } from './json-guards.js';

/**
 * Reads OpenAI-style `usage`, including the places compatible providers put the same numbers:
 * DeepSeek `prompt_cache_hit_tokens`, Mistral `num_cached_tokens`, Together top-level
 * `cached_tokens`. Returns undefined when there is no usage object.
 */
export function toUsage(raw: unknown): Usage | undefined {
  if (!isRecord(raw)) return undefined;
  const promptTokens = readNumber(raw['prompt_tokens']) ?? 0;
  const completionTokens = readNumber(raw['completion_tokens']) ?? 0;
  const promptDetails = readRecord(raw['prompt_tokens_details']);
  const completionDetails = readRecord(raw['completion_tokens_details']);
  const usage: { -readonly [K in keyof Usage]: Usage[K] } = {
    promptTokens,
    completionTokens,
    // Kept as sent: xAI counts reasoning tokens in the total but not in completion_tokens.
    totalTokens: readNumber(raw['total_tokens']) ?? promptTokens + completionTokens,
  };
  const put = (key: Exclude<keyof Usage, 'promptTokens' | 'completionTokens' | 'totalTokens'>, value: number | undefined): void => {
    if (value !== undefined) usage[key] = value;
  };
  put('cachedPromptTokens', readNumber(promptDetails['cached_tokens']) ?? readNumber(raw['prompt_cache_hit_tokens']) ?? readNumber(raw['num_cached_tokens']) ?? readNumber(raw['cached_tokens']));
  put('reasoningTokens', readNumber(completionDetails['reasoning_tokens']));
  put('audioPromptTokens', readNumber(promptDetails['audio_tokens']));
  put('audioCompletionTokens', readNumber(completionDetails['audio_tokens']));
  put('acceptedPredictionTokens', readNumber(completionDetails['accepted_prediction_tokens']));
  put('rejectedPredictionTokens', readNumber(completionDetails['rejected_prediction_tokens']));
  return usage;
}
