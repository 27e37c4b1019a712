import type { FinishReason } from '../../sdk/index.js';

/** Gemini finish reasons that mean the output was blocked or cut by a safety or policy filter. */
const FILTERED = new Set(['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION', 'LANGUAGE']);

/**
 * Maps a Gemini `finishReason` (or a prompt `blockReason`) to OpenAI's set. Gemini says STOP
 * after function calls, so a turn that made tool calls is `tool_calls` unless it was cut by the
 * token limit (`length`) or a filter (`content_filter`). MALFORMED_FUNCTION_CALL, OTHER and
 * unknown reasons end the turn normally: the raw reason stays in the log.
 */
export function mapGeminiFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  if (raw === 'MAX_TOKENS') return 'length';
  if (raw !== undefined && (FILTERED.has(raw) || raw.startsWith('IMAGE_'))) return 'content_filter';
  return hasToolCalls ? 'tool_calls' : 'stop';
}
