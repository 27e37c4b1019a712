import type { FinishReason } from '../../sdk/index.js';

const STOP_REASONS: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};

/**
 * Maps a Converse `stopReason` to the unified set. A turn that made tool calls finishes with
 * `tool_calls` unless it was cut off or filtered; a forced `response_format` tool call is an
 * answer, not a tool call, so it finishes with `stop`.
 */
export function mapStopReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  const mapped = raw === undefined ? undefined : STOP_REASONS[raw];
  if (hasToolCalls && (mapped === undefined || mapped === 'stop')) return 'tool_calls';
  if (!hasToolCalls && mapped === 'tool_calls') return 'stop';
  return mapped ?? 'stop';
}
