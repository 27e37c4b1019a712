import type { FakeReply } from './recorded-fixtures.js';
import { EVENT_STREAM_CONTENT_TYPE, eventFrames } from './bedrock-event-stream.js';

/** The upstream wire formats Switchyard's provider plugins speak. */
export type WireFormat = 'openai' | 'anthropic' | 'gemini' | 'bedrock';

/** A tool call the fake upstream makes. */
export interface WireToolCall { readonly id: string; readonly name: string; readonly args: Record<string, unknown> }

const USAGE = { prompt: 20, completion: 10 };
const halves = (text: string): [string, string] => [text.slice(0, Math.ceil(text.length / 2)), text.slice(Math.ceil(text.length / 2))];
const sse = (payloads: unknown[], done: boolean): string[] => [...payloads.map((payload) => `data: ${JSON.stringify(payload)}\n\n`), ...(done ? ['data: [DONE]\n\n'] : [])];
const json = (body: unknown): FakeReply => ({ contentType: 'application/json', body: JSON.stringify(body) });

function openAIReply(calls: readonly WireToolCall[], text: string | undefined, stream: boolean): FakeReply {
  const usage = { prompt_tokens: USAGE.prompt, completion_tokens: USAGE.completion, total_tokens: USAGE.prompt + USAGE.completion };
  const finish = calls.length > 0 ? 'tool_calls' : 'stop';
  const base = { id: 'chatcmpl-matrix', created: 1_770_000_000, model: 'matrix-model' };
  if (!stream) {
    const toolCalls = calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } }));
    return json({ ...base, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text ?? null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) }, finish_reason: finish }], usage });
  }
  const chunk = (delta: unknown, finishReason: string | null = null) => ({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] });
  const payloads: unknown[] = [chunk({ role: 'assistant', content: text === undefined ? null : '' })];
  if (text !== undefined) for (const piece of halves(text)) payloads.push(chunk({ content: piece }));
  calls.forEach((call, index) => {
    payloads.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of halves(JSON.stringify(call.args))) payloads.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  payloads.push(chunk({}, finish), { ...base, object: 'chat.completion.chunk', choices: [], usage });
  return { contentType: 'text/event-stream', frames: sse(payloads, true) };
}

function anthropicReply(calls: readonly WireToolCall[], text: string | undefined, stream: boolean): FakeReply {
  const stop = calls.length > 0 ? 'tool_use' : 'end_turn';
  const message = { id: 'msg_matrix', type: 'message', role: 'assistant', model: 'claude-matrix' };
  if (!stream) {
    const content = [...(text !== undefined ? [{ type: 'text', text }] : []), ...calls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.args }))];
    return json({ ...message, content, stop_reason: stop, stop_sequence: null, usage: { input_tokens: USAGE.prompt, output_tokens: USAGE.completion } });
  }
  const events: Record<string, unknown>[] = [{ type: 'message_start', message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: USAGE.prompt, output_tokens: 1 } } }];
  let index = 0;
  if (text !== undefined) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    for (const piece of halves(text)) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
    events.push({ type: 'content_block_stop', index: index++ });
  }
  for (const call of calls) {
    events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } });
    for (const piece of halves(JSON.stringify(call.args))) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
    events.push({ type: 'content_block_stop', index: index++ });
  }
  events.push({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: USAGE.completion } }, { type: 'message_stop' });
  return { contentType: 'text/event-stream', frames: events.map((event) => `event: ${event['type']}\ndata: ${JSON.stringify(event)}\n\n`) };
}

function geminiReply(calls: readonly WireToolCall[], text: string | undefined, stream: boolean): FakeReply {
  const usageMetadata = { promptTokenCount: USAGE.prompt, candidatesTokenCount: USAGE.completion, totalTokenCount: USAGE.prompt + USAGE.completion };
  const parts = [...(text !== undefined ? [{ text }] : []), ...calls.map((call) => ({ functionCall: { name: call.name, args: call.args } }))];
  const response = { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: 'gemini-matrix' };
  if (!stream) return json(response);
  return { contentType: 'text/event-stream', frames: [`data: ${JSON.stringify(response)}\r\n\r\n`] };
}

function bedrockReply(calls: readonly WireToolCall[], text: string | undefined, stream: boolean): FakeReply {
  const stopReason = calls.length > 0 ? 'tool_use' : 'end_turn';
  const usage = { inputTokens: USAGE.prompt, outputTokens: USAGE.completion, totalTokens: USAGE.prompt + USAGE.completion };
  if (!stream) {
    const content = [...(text !== undefined ? [{ text }] : []), ...calls.map((call) => ({ toolUse: { toolUseId: call.id, name: call.name, input: call.args } }))];
    return json({ output: { message: { role: 'assistant', content } }, stopReason, usage, metrics: { latencyMs: 5 } });
  }
  const events: Record<string, unknown>[] = [{ messageStart: { role: 'assistant' } }];
  let index = 0;
  if (text !== undefined) {
    for (const piece of halves(text)) events.push({ contentBlockDelta: { delta: { text: piece }, contentBlockIndex: index } });
    events.push({ contentBlockStop: { contentBlockIndex: index++ } });
  }
  for (const call of calls) {
    events.push({ contentBlockStart: { start: { toolUse: { toolUseId: call.id, name: call.name } }, contentBlockIndex: index } });
    for (const piece of halves(JSON.stringify(call.args))) events.push({ contentBlockDelta: { delta: { toolUse: { input: piece } }, contentBlockIndex: index } });
    events.push({ contentBlockStop: { contentBlockIndex: index++ } });
  }
  events.push({ messageStop: { stopReason } }, { metadata: { usage, metrics: { latencyMs: 5 } } });
  return { contentType: EVENT_STREAM_CONTENT_TYPE, frames: eventFrames(events) };
}

const BUILDERS: Record<WireFormat, (calls: readonly WireToolCall[], text: string | undefined, stream: boolean) => FakeReply> = {
  openai: openAIReply,
  anthropic: anthropicReply,
  gemini: geminiReply,
  bedrock: bedrockReply,
};

/** An upstream answer in `format`: tool calls, or a text answer when `calls` is empty. */
export function wireReply(format: WireFormat, options: { calls?: readonly WireToolCall[]; text?: string; stream: boolean }): FakeReply {
  return BUILDERS[format](options.calls ?? [], options.text, options.stream);
}
