import type { Usage } from '../../sdk/index.js';

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * Reads Converse `usage` into OpenAI's terms. Bedrock's `inputTokens` leave out tokens read
 * from or written to the prompt cache, while OpenAI's `prompt_tokens` include cached ones, so
 * both cache counts are added to the prompt and reported as details.
 */
export function toBedrockUsage(raw: unknown): Usage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const usage = raw as Record<string, unknown>;
  const cacheRead = count(usage['cacheReadInputTokens']);
  const cacheWrite = count(usage['cacheWriteInputTokens']);
  const promptTokens = count(usage['inputTokens']) + cacheRead + cacheWrite;
  const completionTokens = count(usage['outputTokens']);
  return {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    ...(usage['cacheReadInputTokens'] !== undefined ? { cachedPromptTokens: cacheRead } : {}),
    ...(usage['cacheWriteInputTokens'] !== undefined ? { cacheWritePromptTokens: cacheWrite } : {}),
  };
}
