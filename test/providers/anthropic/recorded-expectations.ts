/**
 * What a recorded Anthropic response says, read straight from the recording with no plugin code,
 * so tests can compare the plugin's translation against it.
 */
import type { StreamPart } from '../../../sdk/index.js';
import { sseJsonPayloads } from '../../helpers/openai-output-digest.js';
import { readRecorded } from '../../helpers/recorded-fixtures.js';

type Json = Record<string, any>;

/** The values a translation must preserve. */
export interface Expected {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; input: unknown }[];
  signatures: string[];
  redacted: string[];
  rawFinishReason: string;
  finishReason: string;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number; cachedPromptTokens: number; cacheWritePromptTokens: number };
}

const FINISH: Record<string, string> = { end_turn: 'stop', stop_sequence: 'stop', tool_use: 'tool_calls', max_tokens: 'length', refusal: 'content_filter' };

function usageOf(usage: Json): Expected['usage'] {
  const cached = usage['cache_read_input_tokens'] ?? 0;
  const written = usage['cache_creation_input_tokens'] ?? 0;
  const promptTokens = usage['input_tokens'] + cached + written;
  return { promptTokens, completionTokens: usage['output_tokens'], totalTokens: promptTokens + usage['output_tokens'], cachedPromptTokens: cached, cacheWritePromptTokens: written };
}

/** Expectations from a non-streaming response body. */
export function expectFromMessage(message: Json): Expected {
  const blocks = message['content'] as Json[];
  return {
    text: blocks.filter((block) => block['type'] === 'text').map((block) => block['text']).join(''),
    reasoning: blocks.filter((block) => block['type'] === 'thinking').map((block) => block['thinking']).join(''),
    toolCalls: blocks.filter((block) => block['type'] === 'tool_use').map((block) => ({ id: block['id'], name: block['name'], input: block['input'] })),
    signatures: blocks.filter((block) => block['type'] === 'thinking').map((block) => block['signature']),
    redacted: blocks.filter((block) => block['type'] === 'redacted_thinking').map((block) => block['data']),
    rawFinishReason: message['stop_reason'],
    finishReason: FINISH[message['stop_reason']]!,
    usage: usageOf(message['usage']),
  };
}

/** Expectations from the parsed events of a streamed response. */
export function expectFromEvents(events: Json[]): Expected {
  const blocks = new Map<number, Json>();
  let usage: Json = {};
  let stop = '';
  for (const event of events) {
    if (event['type'] === 'message_start') usage = { ...event['message']['usage'] };
    if (event['type'] === 'content_block_start') blocks.set(event['index'], { ...event['content_block'], json: '' });
    if (event['type'] === 'content_block_delta') {
      const block = blocks.get(event['index'])!;
      const delta = event['delta'];
      if (delta['type'] === 'text_delta') block['text'] += delta['text'];
      if (delta['type'] === 'thinking_delta') block['thinking'] += delta['thinking'];
      if (delta['type'] === 'signature_delta') block['signature'] += delta['signature'];
      if (delta['type'] === 'input_json_delta') block['json'] += delta['partial_json'];
    }
    if (event['type'] === 'message_delta') {
      stop = event['delta']['stop_reason'];
      for (const [key, value] of Object.entries(event['usage'] as Json)) if (value !== null) usage[key] = value;
    }
  }
  const content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => (block['type'] === 'tool_use' ? { ...block, input: block['json'] === '' ? {} : JSON.parse(block['json']) } : block));
  return expectFromMessage({ content, stop_reason: stop, usage });
}

/** Events of a `*.chunks.txt` recording. */
export function chunkEvents(file: string): Json[] {
  return readRecorded(file).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}

/** Events of a recorded SSE body. */
export function bodyEvents(body: string | Buffer): Json[] {
  return sseJsonPayloads(body.toString());
}

/** Signatures and redacted blocks a stream carried on its reasoning parts. */
export function reasoningExtras(parts: readonly StreamPart[]): { signatures: string[]; redacted: string[]; blocks: number[] } {
  const signatures: string[] = [];
  const redacted: string[] = [];
  const blocks: number[] = [];
  for (const part of parts) {
    if (part.type !== 'reasoning-delta') continue;
    if (part.signature !== undefined) signatures.push(part.signature);
    if (part.redactedData !== undefined) redacted.push(part.redactedData);
    if (part.block !== undefined && !blocks.includes(part.block)) blocks.push(part.block);
  }
  return { signatures, redacted, blocks };
}
