import t from 'tap';
import type { StreamPart } from '../../../sdk/index.js';
import { parseJsonPath, PartialArgumentsWriter } from '../../../plugins/provider-google/partial-arguments-writer.js';
import { decodeToolCallId } from '../../../plugins/provider-google/tool-call-id.js';
import { fakeUpstream, readRecorded, sseFrames } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { geminiAt, userSays, vertexAt } from './google-test-provider.js';

type Json = Record<string, unknown>;
const hello = userSays('hello');
const event = (chunk: Json): string => `data: ${JSON.stringify(chunk)}\r\n\r\n`;
const call = (functionCall: Json, extra: Json = {}): Json => ({ candidates: [{ content: { role: 'model', parts: [{ functionCall, ...extra }] } }] });

async function streamParts(frames: readonly (string | Buffer)[], vertex = true, n?: number): Promise<StreamPart[]> {
  const upstream = await fakeUpstream([{ contentType: 'text/event-stream', frames }]);
  try {
    const provider = vertex ? await vertexAt(upstream.baseURL) : await geminiAt(upstream.baseURL);
    return await collect((await provider.languageModel('gemini-3-flash-preview').stream({ ...hello, ...(n !== undefined ? { n } : {}) })).stream);
  } finally {
    await upstream.close();
  }
}

t.test('partialArgs cut off by the token limit: one closing delta repairs the JSON, finish stays length', async (t) => {
  const parts = await streamParts([
    event(call({ name: 'book', willContinue: true }, { thoughtSignature: 'c2lnbmF0dXJl' })),
    event(call({ partialArgs: [{ jsonPath: '$.city', stringValue: 'San Fr', willContinue: true }], willContinue: true })),
    event({ candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'MAX_TOKENS' }], usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 8, totalTokenCount: 13 } }),
  ]);
  const toolParts = parts.filter((part) => part.type.startsWith('tool-call'));
  t.same(toolParts, [
    { type: 'tool-call-start', index: 0, id: toolParts[0]!.type === 'tool-call-start' ? toolParts[0]!.id : '', name: 'book', choice: 0 },
    { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"San Fr', choice: 0 },
    { type: 'tool-call-delta', index: 0, argumentsDelta: '"}', choice: 0 },
    { type: 'tool-call-end', index: 0, choice: 0 },
  ]);
  const summary = summarize(parts);
  t.same(JSON.parse(summary.toolCalls[0]!.arguments), { city: 'San Fr' });
  t.equal(decodeToolCallId(summary.toolCalls[0]!.id).signature, 'c2lnbmF0dXJl');
  t.same(summary.finishes.map((finish) => [finish.finishReason, finish.rawFinishReason]), [['length', 'MAX_TOKENS']]);
  t.same(summary.usage, { promptTokens: 5, completionTokens: 8, totalTokens: 13 });
});

t.test('nested partialArgs of every value type assemble into the right JSON', async (t) => {
  const pieces = [
    { jsonPath: '$.trip.from', stringValue: 'Par', willContinue: true },
    { jsonPath: '$.trip.from', stringValue: 'is "CDG"' },
    { jsonPath: '$.trip.to', stringValue: 'Zürich' },
    { jsonPath: '$.stops[0]', stringValue: 'Lyon' },
    { jsonPath: '$.stops[1]', numberValue: 2.5 },
    { jsonPath: "$['flex dates']", boolValue: true },
    { jsonPath: '$.note', nullValue: 'NULL_VALUE' },
    { jsonPath: '$.legs[0].seat', stringValue: '12A' },
    { jsonPath: '$.legs[1].seat', stringValue: '3C' },
  ];
  const parts = await streamParts([
    event(call({ name: 'plan', willContinue: true })),
    ...pieces.map((piece) => event(call({ partialArgs: [piece], willContinue: true }))),
    event(call({})),
    event({ candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }] }),
  ]);
  const summary = summarize(parts);
  t.same(JSON.parse(summary.toolCalls[0]!.arguments), { trip: { from: 'Paris "CDG"', to: 'Zürich' }, stops: ['Lyon', 2.5], 'flex dates': true, note: null, legs: [{ seat: '12A' }, { seat: '3C' }] });
  t.equal(parts.filter((part) => part.type === 'tool-call-delta').length, pieces.length + 1, 'one delta per piece, plus the closing one');
  t.same(summary.finishes.map((finish) => finish.finishReason), ['tool_calls']);
});

t.test('PartialArgumentsWriter and parseJsonPath on their own', async (t) => {
  t.same(parseJsonPath('$.a.b[0].c'), ['a', 'b', 0, 'c']);
  t.same(parseJsonPath("$['x y'][\"q\"][12]"), ['x y', 'q', 12]);
  t.same(parseJsonPath('$'), []);
  const writer = new PartialArgumentsWriter();
  t.equal(writer.push({ jsonPath: '$.a', stringValue: 'x\n', willContinue: true }), '{"a":"x\\n');
  t.equal(writer.push({ jsonPath: '$.b', numberValue: 1 }), '","b":1', 'a string left open is closed when the path moves on');
  t.equal(writer.text, '{"a":"x\\n","b":1');
});

t.test('text and tool calls in the same turn; the turn ends as tool_calls', async (t) => {
  const parts = await streamParts([
    event({ candidates: [{ content: { role: 'model', parts: [{ text: 'Let me check. ' }] } }], responseId: 'r-1' }),
    event({ candidates: [{ content: { role: 'model', parts: [{ functionCall: { name: 'weather', args: { city: 'Oslo' } } }, { functionCall: { name: 'weather', args: { city: 'Rome' } } }] }, finishReason: 'STOP' }] }),
  ], false);
  const summary = summarize(parts);
  t.equal(summary.text, 'Let me check. ');
  t.same(summary.toolCalls.map((entry) => [entry.index, entry.name, entry.arguments]), [[0, 'weather', '{"city":"Oslo"}'], [1, 'weather', '{"city":"Rome"}']]);
  t.same(summary.finishes.map((finish) => [finish.finishReason, finish.rawFinishReason]), [['tool_calls', 'STOP']]);
  t.equal(summary.metadata?.id, 'chatcmpl-r-1');
});

t.test('several candidates (n > 1) stream as separate choices, in generate too', async (t) => {
  const two = { candidates: [{ index: 0, content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'STOP' }, { index: 1, content: { role: 'model', parts: [{ text: 'Hello' }] }, finishReason: 'MAX_TOKENS' }] };
  const parts = await streamParts([event(two)], false, 2);
  t.same([summarize(parts, 0).text, summarize(parts, 1).text], ['Hi', 'Hello']);
  t.same([summarize(parts, 0).finishes[0]!.finishReason, summarize(parts, 1).finishes[0]!.finishReason], ['stop', 'length']);
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: JSON.stringify(two) }]);
  t.teardown(() => upstream.close());
  const result = await (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash').generate({ ...hello, n: 2 });
  t.same(result.choices.map((choice) => [choice.index, choice.text, choice.finishReason]), [[0, 'Hi', 'stop'], [1, 'Hello', 'length']]);
  t.equal((upstream.requests[0]!.json as { generationConfig: Json }).generationConfig['candidateCount'], 2);
});

t.test('usage repeats on every chunk: one usage part, the last one, with cached and reasoning tokens', async (t) => {
  const usage = (candidates: number): Json => ({ promptTokenCount: 100, cachedContentTokenCount: 60, candidatesTokenCount: candidates, thoughtsTokenCount: 40, totalTokenCount: 140 + candidates });
  const parts = await streamParts([
    event({ candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] } }], usageMetadata: usage(1) }),
    event({ candidates: [{ content: { role: 'model', parts: [{ text: 'b' }] } }], usageMetadata: usage(2) }),
    event({ candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP' }], usageMetadata: usage(3) }),
  ], false);
  const usageParts = parts.filter((part) => part.type === 'usage');
  t.same(usageParts, [{ type: 'usage', usage: { promptTokens: 100, completionTokens: 43, totalTokens: 143, cachedPromptTokens: 60, reasoningTokens: 40 } }]);
});

t.test('thought summaries stream as reasoning, their signature as a reasoning signature', async (t) => {
  const parts = await streamParts([
    event({ candidates: [{ content: { role: 'model', parts: [{ text: 'Thinking about it.', thought: true }] } }] }),
    event({ candidates: [{ content: { role: 'model', parts: [{ text: 'Answer.', thoughtSignature: 'c2ln' }] }, finishReason: 'STOP' }] }),
  ], false);
  t.same(parts.filter((part) => part.type === 'reasoning-delta' || part.type === 'text-delta'), [
    { type: 'reasoning-delta', delta: 'Thinking about it.', choice: 0 },
    { type: 'text-delta', delta: 'Answer.', choice: 0 },
    { type: 'reasoning-delta', delta: '', signature: 'c2ln', choice: 0 },
  ]);
});

t.test('a stream split at arbitrary byte offsets (inside CRLF and multi-byte characters) reads the same', async (t) => {
  const frames = sseFrames('google/google-stream-tool-call-arguments.chunks.txt', 'gemini');
  // Before the last (finishing) chunk: text with two- and three-byte characters.
  frames.splice(frames.length - 1, 0, event({ candidates: [{ content: { role: 'model', parts: [{ text: 'é日本' }] } }] }));
  const whole = Buffer.from(frames.join(''), 'utf8');
  const pieces: Buffer[] = [];
  for (let start = 0, size = 1; start < whole.length; start += size, size = (size % 13) + 1) pieces.push(whole.subarray(start, start + size));
  const split = summarize(await streamParts(pieces));
  const reference = summarize(await streamParts([whole.toString('utf8')]));
  t.same(split.toolCalls.map((entry) => [entry.name, JSON.parse(entry.arguments)]), [['getWeather', { location: 'Boston' }], ['getWeather', { location: 'San Francisco' }]]);
  t.same(split.toolCalls, reference.toolCalls);
  t.equal(split.text, 'é日本');
  t.same(split.usage, reference.usage);
  t.ok(readRecorded('google/google-stream-tool-call-arguments.chunks.txt').includes('partialArgs'), 'the recording streams partialArgs');
});
