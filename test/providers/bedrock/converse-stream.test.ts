import t from 'tap';
import type { StreamPart } from '../../../sdk/index.js';
import { bedrockFrames, eventFrames, EVENT_STREAM_CONTENT_TYPE, rechunk } from '../../helpers/bedrock-event-stream.js';
import { cassette, fakeUpstream, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { bedrockAt, userSays } from './bedrock-test-provider.js';

// ConverseStream events → typed parts: tool-call indexes, several calls per turn, truncated
// arguments repaired, reasoning blocks with signatures, finish reasons and usage.

async function streamParts(reply: FakeReply, model = 'us.anthropic.claude-sonnet-4-20250514-v1:0'): Promise<StreamPart[]> {
  const upstream = await fakeUpstream([reply]);
  try {
    const provider = await bedrockAt(upstream.baseURL);
    return await collect((await provider.languageModel(model).stream(userSays('Go'))).stream);
  } finally {
    await upstream.close();
  }
}
const frames = (events: Record<string, unknown>[]): FakeReply => ({ contentType: EVENT_STREAM_CONTENT_TYPE, frames: eventFrames(events) });
const toolStart = (block: number, id: string, name: string) => ({ contentBlockStart: { contentBlockIndex: block, start: { toolUse: { toolUseId: id, name } } } });
const toolInput = (block: number, input: string) => ({ contentBlockDelta: { contentBlockIndex: block, delta: { toolUse: { input } } } });
const usage = { metadata: { usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadInputTokens: 4, cacheWriteInputTokens: 2 }, metrics: { latencyMs: 1 } } };

t.test('text then several tool calls in one turn: dense indexes, ids, names and arguments', async (t) => {
  const parts = await streamParts(frames([
    { messageStart: { role: 'assistant' } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Checking.' } } },
    { contentBlockStop: { contentBlockIndex: 0 } },
    toolStart(1, 'tooluse_a', 'weather'), toolInput(1, '{"city":'), toolInput(1, '"Paris"}'), { contentBlockStop: { contentBlockIndex: 1 } },
    toolStart(2, 'tooluse_b', 'weather'), toolInput(2, '{"city":"Rome"}'), { contentBlockStop: { contentBlockIndex: 2 } },
    toolStart(3, 'tooluse_c', 'clock'), { contentBlockStop: { contentBlockIndex: 3 } },
    { messageStop: { stopReason: 'tool_use' } },
    usage,
  ]));
  const summary = summarize(parts);
  t.equal(summary.text, 'Checking.');
  t.same(summary.toolCalls, [
    { index: 0, id: 'tooluse_a', name: 'weather', arguments: '{"city":"Paris"}', ended: true },
    { index: 1, id: 'tooluse_b', name: 'weather', arguments: '{"city":"Rome"}', ended: true },
    { index: 2, id: 'tooluse_c', name: 'clock', arguments: '{}', ended: true },
  ]);
  t.same(summary.finishes, [{ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use' }]);
  t.same(summary.usage, { promptTokens: 16, completionTokens: 5, totalTokens: 21, cachedPromptTokens: 4, cacheWritePromptTokens: 2 }, 'cache reads and writes count as prompt tokens');
  t.same(summary.metadata, { type: 'response-metadata', model: 'us.anthropic.claude-sonnet-4-20250514-v1:0' });
});

t.test('arguments cut off by max_tokens get one closing delta before the end; the finish stays length', async (t) => {
  const parts = await streamParts(frames([
    { messageStart: { role: 'assistant' } },
    toolStart(0, 'tooluse_a', 'write'), toolInput(0, '{"path":"a.txt","text":"Hello, wor'),
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: 'max_tokens' } },
  ]));
  const toolParts = parts.filter((part) => part.type.startsWith('tool-call') || part.type === 'finish');
  t.same(toolParts, [
    { type: 'tool-call-start', index: 0, id: 'tooluse_a', name: 'write' },
    { type: 'tool-call-delta', index: 0, argumentsDelta: '{"path":"a.txt","text":"Hello, wor' },
    { type: 'tool-call-delta', index: 0, argumentsDelta: '"}' },
    { type: 'tool-call-end', index: 0 },
    { type: 'finish', finishReason: 'length', rawFinishReason: 'max_tokens' },
  ]);
  t.same(JSON.parse(summarize(parts).toolCalls[0]!.arguments), { path: 'a.txt', text: 'Hello, wor' });
});

t.test('stop reasons: guardrails and content filters finish with content_filter, stop sequences with stop', async (t) => {
  for (const [raw, expected] of [['guardrail_intervened', 'content_filter'], ['content_filtered', 'content_filter'], ['stop_sequence', 'stop'], ['max_tokens', 'length'], ['end_turn', 'stop']] as const) {
    const parts = await streamParts(frames([{ messageStart: { role: 'assistant' } }, { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'x' } } }, { messageStop: { stopReason: raw } }]));
    t.same(summarize(parts).finishes, [{ type: 'finish', finishReason: expected, rawFinishReason: raw }], raw);
  }
});

t.test('a stream that ends without messageStop still finishes once', async (t) => {
  const parts = await streamParts(frames([{ messageStart: { role: 'assistant' } }, { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'partial' } } }]));
  t.same(summarize(parts).finishes, [{ type: 'finish', finishReason: 'stop' }]);
});

t.test('reasoning: text, then the signature on the same block; redacted blocks numbered separately', async (t) => {
  const [signed] = cassette('bedrock/converse-stream-reasoning.cassette.yaml');
  const parts = await streamParts(signed!);
  const reasoning = parts.filter((part) => part.type === 'reasoning-delta');
  const signatures = reasoning.filter((part) => part.signature !== undefined);
  t.equal(signatures.length, 1);
  t.equal(signatures[0]!.block, 0);
  t.match(signatures[0]!.signature, /^Eu0CCkgIBxAB/);
  t.ok(reasoning.every((part) => part.block === 0), 'one reasoning block');
  const [redacted] = cassette('bedrock/converse-stream-redacted-reasoning.cassette.yaml');
  const redactedParts = (await streamParts(redacted!)).filter((part) => part.type === 'reasoning-delta');
  t.same(redactedParts.map((part) => part.block), [0, 1]);
  // The SDK decodes the base64 blob; the plugin re-encodes it, which must give the wire text back.
  t.match(redactedParts[0]!.redactedData, /^RXRrRUNrZ0lCeEFCR0FJcVFKVGZxUy9QWXVBRlplT2xzNlI4dUdOMDE0WU5U/);
});

t.test('frames split at arbitrary byte offsets decode to the same answer', async (t) => {
  const whole = bedrockFrames('bedrock/amazon-bedrock-reasoning.chunks.txt');
  const expected = summarize(await streamParts({ contentType: EVENT_STREAM_CONTENT_TYPE, frames: whole }));
  for (const sizes of [[1], [7, 3, 50], [333]]) {
    const actual = summarize(await streamParts({ contentType: EVENT_STREAM_CONTENT_TYPE, frames: rechunk(whole, sizes) }));
    t.equal(actual.text, expected.text, `pieces of ${sizes.join('/')}`);
    t.equal(actual.reasoning, expected.reasoning);
    t.same(actual.usage, expected.usage);
  }
  t.match(expected.reasoning, /strawberry/);
});
