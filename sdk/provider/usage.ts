/** Token accounting for one call, in OpenAI's terms. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  /** Prompt tokens served from the provider's cache. */
  readonly cachedPromptTokens?: number;
  /** Prompt tokens written to the provider's cache (Anthropic cache creation). */
  readonly cacheWritePromptTokens?: number;
  readonly reasoningTokens?: number;
  readonly audioPromptTokens?: number;
  readonly audioCompletionTokens?: number;
  readonly acceptedPredictionTokens?: number;
  readonly rejectedPredictionTokens?: number;
}

/** Unified finish reasons (OpenAI's set). */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';
