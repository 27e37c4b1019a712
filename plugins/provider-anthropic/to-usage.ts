import { isRecord, readNumber, readRecord, type Usage } from '../../sdk/index.js';

/** Anthropic's token counts as they accumulate over a response. */
export interface AnthropicTokenCounts {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  thinkingTokens?: number;
}

/**
 * Folds an Anthropic `usage` object into `counts`. Streams report usage in `message_start` and
 * again, cumulatively, in `message_delta`; a field that is null or absent keeps its earlier value.
 */
export function mergeTokenCounts(counts: AnthropicTokenCounts, raw: unknown): AnthropicTokenCounts {
  if (!isRecord(raw)) return counts;
  counts.inputTokens = readNumber(raw['input_tokens']) ?? counts.inputTokens;
  counts.outputTokens = readNumber(raw['output_tokens']) ?? counts.outputTokens;
  counts.cacheReadTokens = readNumber(raw['cache_read_input_tokens']) ?? counts.cacheReadTokens;
  counts.cacheWriteTokens = readNumber(raw['cache_creation_input_tokens']) ?? counts.cacheWriteTokens;
  counts.thinkingTokens = readNumber(readRecord(raw['output_tokens_details'])['thinking_tokens']) ?? counts.thinkingTokens;
  return counts;
}

/**
 * OpenAI-style usage. Anthropic's `input_tokens` counts only the uncached part of the prompt, so
 * prompt tokens = input + cache reads + cache writes; cache reads are also `cachedPromptTokens`
 * and cache writes `cacheWritePromptTokens`. Thinking tokens are part of `output_tokens` and are
 * reported as `reasoningTokens`. Undefined when the response carried no usage at all.
 */
export function toUsage(counts: AnthropicTokenCounts): Usage | undefined {
  if (counts.inputTokens === undefined && counts.outputTokens === undefined) return undefined;
  const cacheRead = counts.cacheReadTokens ?? 0;
  const cacheWrite = counts.cacheWriteTokens ?? 0;
  const promptTokens = (counts.inputTokens ?? 0) + cacheRead + cacheWrite;
  const completionTokens = counts.outputTokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    ...(counts.cacheReadTokens !== undefined ? { cachedPromptTokens: cacheRead } : {}),
    ...(counts.cacheWriteTokens !== undefined ? { cacheWritePromptTokens: cacheWrite } : {}),
    ...(counts.thinkingTokens !== undefined ? { reasoningTokens: counts.thinkingTokens } : {}),
  };
}
