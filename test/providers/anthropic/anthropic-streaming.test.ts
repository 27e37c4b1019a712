import t from 'tap';
import type { StreamPart } from '../../../sdk/index.js';
import { collect, summarize } from '../provider-harness.js';
import { ask, eventFrames, messageReply, upstreamWithProvider } from './anthropic-harness.js';

// Stream translation details: truncated tool arguments, usage arithmetic, reasoning blocks, the
// response-format tool streamed as text.

const start = (usage: Record<string, unknown> = { input_tokens: 20, output_tokens: 1 }) => ({ type: 'message_start', message: { id: 'msg_s', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, usage } });
const end = (stopReason: string, usage: Record<string, unknown> = { output_tokens: 30 }) => [{ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage }, { type: 'message_stop' }];

async function streamParts(events: Record<string, unknown>[], options = ask('go')): Promise<StreamPart[]> {
  const { provider, close } = await upstreamWithProvider([{ contentType: 'text/event-stream', frames: eventFrames(events) }]);
  try {
    return await collect((await provider.languageModel('claude-haiku-4-5').stream(options)).stream);
  } finally {
    await close();
  }
}

t.test('a tool call cut off by max_tokens is completed by one closing fragment and keeps finish length', async (t) => {
  const parts = await streamParts([
    start(),
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_t', name: 'write', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"path": "a.txt", "lines": ["one", "tw' } },
    { type: 'content_block_stop', index: 0 },
    ...end('max_tokens'),
  ]);
  const deltas = parts.filter((part) => part.type === 'tool-call-delta').map((part) => part.argumentsDelta);
  t.same(deltas, ['{"path": "a.txt", "lines": ["one", "tw', '"]}']);
  const summary = summarize(parts);
  t.same(JSON.parse(summary.toolCalls[0]!.arguments), { path: 'a.txt', lines: ['one', 'tw'] });
  t.ok(summary.toolCalls[0]!.ended);
  t.equal(summary.finishes[0]?.finishReason, 'length');
  t.equal(summary.finishes[0]?.rawFinishReason, 'max_tokens');
  const endIndex = parts.findIndex((part) => part.type === 'tool-call-end');
  t.equal(parts[endIndex - 1]?.type, 'tool-call-delta', 'the closing fragment comes right before tool-call-end');
});

t.test('a tool block the stream never closed is completed at message_stop', async (t) => {
  const parts = await streamParts([
    start(),
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_u', name: 'f', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"n": 1' } },
    ...end('max_tokens'),
  ]);
  const summary = summarize(parts);
  t.equal(summary.toolCalls[0]?.arguments, '{"n": 1}');
  t.equal(summary.finishes[0]?.finishReason, 'length');
});

t.test('usage: cache reads and writes count as prompt tokens and are reported apart', async (t) => {
  const parts = await streamParts([
    start({ input_tokens: 12, cache_read_input_tokens: 1800, cache_creation_input_tokens: 300, output_tokens: 1 }),
    { type: 'ping' },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
    { type: 'content_block_stop', index: 0 },
    ...end('end_turn', { input_tokens: null, output_tokens: 42, output_tokens_details: { thinking_tokens: 7 } }),
  ]);
  t.same(summarize(parts).usage, { promptTokens: 2112, completionTokens: 42, totalTokens: 2154, cachedPromptTokens: 1800, cacheWritePromptTokens: 300, reasoningTokens: 7 });
  t.same(parts.map((part) => part.type), ['response-metadata', 'text-delta', 'usage', 'finish'], 'ping adds nothing; usage comes once, before the finish');

  const { provider, close } = await upstreamWithProvider([messageReply([{ type: 'text', text: 'cached' }], { usage: { input_tokens: 4, cache_read_input_tokens: 1000, cache_creation_input_tokens: 0, output_tokens: 3 } })]);
  t.teardown(close);
  const result = await provider.languageModel('claude-haiku-4-5').generate(ask('again'));
  t.same(result.usage, { promptTokens: 1004, completionTokens: 3, totalTokens: 1007, cachedPromptTokens: 1000, cacheWritePromptTokens: 0 });
});

t.test('reasoning blocks are numbered; signatures and redacted data attach to their block', async (t) => {
  const parts = await streamParts([
    start(),
    { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'enc-1' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: 'Step one.' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'signature_delta', signature: 'sig-b' } },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Done.' } },
    { type: 'content_block_stop', index: 2 },
    ...end('end_turn'),
  ]);
  t.same(parts.filter((part) => part.type === 'reasoning-delta'), [
    { type: 'reasoning-delta', delta: '', redactedData: 'enc-1', block: 0 },
    { type: 'reasoning-delta', delta: 'Step one.', block: 1 },
    { type: 'reasoning-delta', delta: '', signature: 'sig-b', block: 1 },
  ]);
  t.equal(summarize(parts).text, 'Done.');
});

t.test('text and several tool calls in one turn get dense indexes and finish tool_calls', async (t) => {
  const tool = (index: number, id: string, json: string) => [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: 'lookup', input: {} } },
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(0, 4) } },
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(4) } },
    { type: 'content_block_stop', index },
  ];
  const parts = await streamParts([
    start(),
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Looking up.' } },
    { type: 'content_block_stop', index: 0 },
    ...tool(1, 'toolu_a', '{"q":"a"}'),
    ...tool(2, 'toolu_b', '{"q":"b"}'),
    ...end('tool_use'),
  ]);
  const summary = summarize(parts);
  t.equal(summary.text, 'Looking up.');
  t.same(summary.toolCalls.map(({ index, id, arguments: args, ended }) => ({ index, id, args, ended })), [
    { index: 0, id: 'toolu_a', args: '{"q":"a"}', ended: true },
    { index: 1, id: 'toolu_b', args: '{"q":"b"}', ended: true },
  ]);
  t.equal(summary.finishes[0]?.finishReason, 'tool_calls');
});

t.test('the response-format tool streams as text and the turn finishes stop', async (t) => {
  const parts = await streamParts([
    start(),
    { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_j', name: 'json_tool_call', input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"answer": ' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '4}' } },
    { type: 'content_block_stop', index: 0 },
    ...end('tool_use'),
  ], ask('2+2', { responseFormat: { type: 'json_object' } }));
  const summary = summarize(parts);
  t.equal(summary.text, '{"answer": 4}');
  t.same(summary.toolCalls, []);
  t.equal(summary.finishes[0]?.finishReason, 'stop');
});

t.test('stop sequences and refusals map to stop and content_filter', async (t) => {
  for (const [reason, finish] of [['stop_sequence', 'stop'], ['refusal', 'content_filter'], ['pause_turn', 'stop'], ['model_context_window_exceeded', 'length']] as const) {
    const parts = await streamParts([start(), ...end(reason)]);
    t.equal(summarize(parts).finishes[0]?.finishReason, finish, reason);
  }
});

t.test('a non-streamed tool_use whose input arrives as cut-off text is completed', async (t) => {
  const { provider, close } = await upstreamWithProvider([messageReply([{ type: 'tool_use', id: 'toolu_p', name: 'f', input: '{"a": [1, 2' }], { stop_reason: 'max_tokens' })]);
  t.teardown(close);
  const choice = (await provider.languageModel('claude-haiku-4-5').generate(ask('go'))).choices[0]!;
  t.equal(choice.toolCalls[0]?.arguments, '{"a": [1, 2]}');
  t.equal(choice.finishReason, 'length');
  t.equal(choice.text, null);
});
