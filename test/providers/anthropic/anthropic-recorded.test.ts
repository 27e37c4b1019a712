import t, { type Test } from 'tap';
import type { GenerateResult, StreamPart } from '../../../sdk/index.js';
import { cassette, readRecorded, sseFrames, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { ask, upstreamWithProvider } from './anthropic-harness.js';
import { bodyEvents, chunkEvents, expectFromEvents, expectFromMessage, reasoningExtras, type Expected } from './recorded-expectations.js';

// Every recording in recorded/anthropic/ replayed from a fake upstream at the plugin level: the
// translation must keep the text, reasoning (with signatures), tool calls, finish reason and
// usage the recording holds.

function checkGenerated(t: Test, result: GenerateResult, expected: Expected, label: string): void {
  const choice = result.choices[0]!;
  t.equal(choice.text ?? '', expected.text, `${label}: text`);
  t.equal(choice.reasoning ?? '', expected.reasoning, `${label}: reasoning`);
  t.same(choice.toolCalls.map((call) => ({ id: call.id, name: call.name, input: JSON.parse(call.arguments) })), expected.toolCalls, `${label}: tool calls`);
  t.same((choice.reasoningBlocks ?? []).filter((block) => block.signature !== undefined).map((block) => block.signature), expected.signatures, `${label}: signatures`);
  t.same((choice.reasoningBlocks ?? []).filter((block) => block.redactedData !== undefined).map((block) => block.redactedData), expected.redacted, `${label}: redacted`);
  t.equal(choice.finishReason, expected.finishReason, `${label}: finish reason`);
  t.equal(choice.rawFinishReason, expected.rawFinishReason, `${label}: raw finish reason`);
  t.match(result.usage, expected.usage, `${label}: usage`);
}

function checkStreamed(t: Test, parts: StreamPart[], expected: Expected, label: string): void {
  const summary = summarize(parts);
  t.equal(summary.errors.length, 0, `${label}: no error part`);
  t.equal(summary.text, expected.text, `${label}: text`);
  t.equal(summary.reasoning, expected.reasoning, `${label}: reasoning`);
  t.same(summary.toolCalls.map((call) => ({ id: call.id, name: call.name, input: JSON.parse(call.arguments) })), expected.toolCalls, `${label}: tool calls`);
  t.ok(summary.toolCalls.every((call) => call.ended), `${label}: every tool call ended`);
  const extras = reasoningExtras(parts);
  t.same(extras.signatures, expected.signatures, `${label}: signatures`);
  t.same(extras.redacted, expected.redacted, `${label}: redacted`);
  t.equal(summary.finishes[0]?.finishReason, expected.finishReason, `${label}: finish reason`);
  t.equal(summary.finishes[0]?.rawFinishReason, expected.rawFinishReason, `${label}: raw finish reason`);
  t.match(summary.usage, expected.usage, `${label}: usage`);
  t.equal(parts.at(-1)?.type, 'finish', `${label}: finish is the last part`);
}

async function replayJson(t: Test, file: string): Promise<void> {
  const body = readRecorded(file);
  const { provider, close } = await upstreamWithProvider([{ contentType: 'application/json', body }]);
  t.teardown(close);
  const result = await provider.languageModel('claude-haiku-4-5').generate(ask('hello'));
  checkGenerated(t, result, expectFromMessage(JSON.parse(body)), file);
}

async function replayChunks(t: Test, file: string): Promise<void> {
  const { provider, close } = await upstreamWithProvider([{ contentType: 'text/event-stream', frames: sseFrames(file, 'anthropic') }]);
  t.teardown(close);
  const parts = await collect((await provider.languageModel('claude-haiku-4-5').stream(ask('hello'))).stream);
  checkStreamed(t, parts, expectFromEvents(chunkEvents(file)), file);
}

async function replayCassette(t: Test, file: string): Promise<void> {
  const recorded = cassette(file);
  const { provider, upstream, close } = await upstreamWithProvider(recorded as FakeReply[]);
  t.teardown(close);
  for (const [turn, interaction] of recorded.entries()) {
    const label = `${file} turn ${turn + 1}`;
    const model = provider.languageModel('claude-haiku-4-5');
    if (interaction.contentType.includes('event-stream')) {
      checkStreamed(t, await collect((await model.stream(ask('hello'))).stream), expectFromEvents(bodyEvents(interaction.body)), label);
    } else {
      checkGenerated(t, await model.generate(ask('hello')), expectFromMessage(JSON.parse(interaction.body.toString())), label);
    }
  }
  t.equal(upstream.requests.length, recorded.length, 'one upstream call per turn');
  t.ok(upstream.requests.every((request) => request.url === '/v1/messages'), 'every call went to /v1/messages');
}

for (const file of ['anthropic/anthropic-text.json', 'anthropic/anthropic-tool-no-args.json', 'anthropic/anthropic-claude-opus-5-reasoning-high.1.json']) {
  t.test(file, (t) => replayJson(t, file));
}
for (const file of ['anthropic/anthropic-text.chunks.txt', 'anthropic/anthropic-tool-no-args.chunks.txt', 'anthropic/anthropic-json-tool.2.chunks.txt']) {
  t.test(file, (t) => replayChunks(t, file));
}
for (const file of [
  'anthropic/parallel-tool-use.cassette.yaml',
  'anthropic/stream-parallel-tool-use.cassette.yaml',
  'anthropic/thinking.cassette.yaml',
  'anthropic/thinking-tool-use.cassette.yaml',
  'anthropic/stream-thinking.cassette.yaml',
  'anthropic/stream-thinking-tool-use.cassette.yaml',
  'anthropic/stream-redacted-thinking.cassette.yaml',
]) {
  t.test(file, (t) => replayCassette(t, file));
}

t.test('known values of the recordings come through', async (t) => {
  const body = readRecorded('anthropic/anthropic-claude-opus-5-reasoning-high.1.json');
  const { provider, close } = await upstreamWithProvider([{ contentType: 'application/json', body }, ...(cassette('anthropic/parallel-tool-use.cassette.yaml') as FakeReply[])]);
  t.teardown(close);
  const reasoning = await provider.languageModel('claude-opus-5').generate(ask('roots'));
  t.same(reasoning.usage, { promptTokens: 51, completionTokens: 1699, totalTokens: 1750, cachedPromptTokens: 0, cacheWritePromptTokens: 0, reasoningTokens: 139 });
  t.equal(reasoning.model, 'claude-opus-5');
  t.equal(reasoning.id, 'msg_011CdMNhurHSJCxCC2NB7WYc');
  const parallel = await provider.languageModel('claude-haiku-4-5').generate(ask('who is youngest?'));
  const choice = parallel.choices[0]!;
  t.same(choice.toolCalls.map((call) => call.arguments), ['{"name":"Alice"}', '{"name":"Bob"}', '{"name":"Charlie"}', '{"name":"Daisy"}']);
  t.equal(choice.finishReason, 'tool_calls');
  t.match(choice.text, /^I'll help you find out who is the youngest/);
});

t.test('streamed no-argument tool call gets "{}" arguments and a stable index', async (t) => {
  const file = 'anthropic/anthropic-tool-no-args.chunks.txt';
  const { provider, close } = await upstreamWithProvider([{ contentType: 'text/event-stream', frames: sseFrames(file, 'anthropic') }]);
  t.teardown(close);
  const parts = await collect((await provider.languageModel('claude-haiku-4-5').stream(ask('update'))).stream);
  const deltas = parts.filter((part) => part.type === 'tool-call-delta');
  t.same(deltas, [{ type: 'tool-call-delta', index: 0, argumentsDelta: '{}' }]);
  t.same(parts.find((part) => part.type === 'tool-call-start'), { type: 'tool-call-start', index: 0, id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList' });
  t.same(parts[0], { type: 'response-metadata', id: 'msg_01GE2RKp1VYsPzdFs3sS9z5S', model: 'claude-sonnet-4-5-20250929' });
});
