import type { FinishReason } from '../../sdk/index.js';

/**
 * Maps Anthropic's `stop_reason` to OpenAI's `finish_reason`: `max_tokens` and
 * `model_context_window_exceeded` → length (even when a tool call was cut off), `refusal` →
 * content_filter, any turn with tool calls → tool_calls, everything else (`end_turn`,
 * `stop_sequence`, `pause_turn`, and `tool_use` of the response-format tool) → stop.
 */
export function mapStopReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  if (raw === 'max_tokens' || raw === 'model_context_window_exceeded') return 'length';
  if (raw === 'refusal') return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
