import { type GeneratedToolCall, type GenerateResult, isRecord, ProviderError, readString, type ReasoningPart, repairTruncatedJson } from '../../sdk/index.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { mapStopReason } from './map-stop-reason.js';
import { mergeTokenCounts, toUsage } from './to-usage.js';

/** Options of {@link fromAnthropicMessage}. */
export interface FromAnthropicMessageOptions {
  /** Provider name, for errors. */
  readonly provider: string;
  /** The response-format tool whose input is the answer text, not a tool call. */
  readonly responseTool?: string;
}

/**
 * Reads a Messages API response into a GenerateResult: text blocks joined; `thinking` and
 * `redacted_thinking` blocks kept whole (with signatures) as `reasoningBlocks` and their text as
 * `reasoning`; `tool_use` blocks as tool calls with JSON-string arguments, except the
 * response-format tool, whose input becomes the text; usage with cache reads and writes.
 */
export function fromAnthropicMessage(message: unknown, options: FromAnthropicMessageOptions): GenerateResult {
  if (isRecord(message) && message['type'] === 'error') throw mapAnthropicError({ error: message }, options);
  if (!isRecord(message) || !Array.isArray(message['content'])) {
    throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${options.provider} sent a response that is not a message.`, provider: options.provider });
  }
  const texts: string[] = [];
  const blocks: ReasoningPart[] = [];
  const toolCalls: GeneratedToolCall[] = [];
  for (const block of message['content']) {
    if (!isRecord(block)) continue;
    switch (block['type']) {
      case 'text':
        texts.push(readString(block['text']) ?? '');
        break;
      case 'thinking': {
        const signature = readString(block['signature']);
        blocks.push({ type: 'reasoning', text: readString(block['thinking']) ?? '', ...(signature ? { signature } : {}) });
        break;
      }
      case 'redacted_thinking':
        blocks.push({ type: 'reasoning', text: '', redactedData: readString(block['data']) ?? '' });
        break;
      case 'tool_use': {
        const name = readString(block['name']) ?? '';
        const input = toArguments(block['input']);
        if (options.responseTool !== undefined && name === options.responseTool) texts.push(input);
        else toolCalls.push({ id: readString(block['id']) ?? '', name, arguments: input });
        break;
      }
      default:
        // Server-tool blocks (web search and the like) have no OpenAI chat equivalent.
        break;
    }
  }
  const raw = readString(message['stop_reason']);
  const reasoning = blocks.map((block) => block.text).join('');
  const text = texts.join('');
  const usage = toUsage(mergeTokenCounts({}, message['usage']));
  const id = readString(message['id']);
  const model = readString(message['model']);
  return {
    ...(id !== undefined ? { id } : {}),
    ...(model !== undefined ? { model } : {}),
    choices: [
      {
        index: 0,
        text: text === '' && toolCalls.length > 0 ? null : text,
        ...(reasoning !== '' ? { reasoning } : {}),
        ...(blocks.length > 0 ? { reasoningBlocks: blocks } : {}),
        refusal: null,
        toolCalls,
        finishReason: mapStopReason(raw, toolCalls.length > 0),
        ...(raw !== undefined ? { rawFinishReason: raw } : {}),
        logprobs: null,
      },
    ],
    ...(usage !== undefined ? { usage } : {}),
  };
}

/** Tool input as JSON text; a proxy that forwards partial input as a string gets it completed. */
function toArguments(input: unknown): string {
  if (typeof input === 'string') return input.trim() === '' ? '{}' : repairTruncatedJson(input);
  return JSON.stringify(input ?? {});
}
