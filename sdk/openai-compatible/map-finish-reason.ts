import type { FinishReason } from '../provider/usage.js';

const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  function_call: 'function_call',
  // Spellings seen from compatible servers and model runtimes.
  tool_call: 'tool_calls',
  eos: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  max_output_tokens: 'length',
  safety: 'content_filter',
};

/**
 * Maps a provider's finish reason to the unified set. A call that produced tool calls
 * finishes with `tool_calls` even when the server said `stop` (Ollama and some local servers
 * do), because clients decide whether to run tools from this field.
 */
export function mapFinishReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  const mapped = raw === null || raw === undefined ? undefined : FINISH_REASONS[raw];
  if (hasToolCalls && (mapped === undefined || mapped === 'stop')) return 'tool_calls';
  return mapped ?? 'stop';
}
