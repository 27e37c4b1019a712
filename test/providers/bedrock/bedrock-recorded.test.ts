import t, { type Test } from 'tap';
import type { GenerateResult } from '../../../sdk/index.js';
import { bedrockFrames, EVENT_STREAM_CONTENT_TYPE, recordedEvents } from '../../helpers/bedrock-event-stream.js';
import type { OutputDigest } from '../../helpers/openai-output-digest.js';
import { fakeUpstream, readRecorded } from '../../helpers/recorded-fixtures.js';
import { collect, summarize, type StreamSummary } from '../provider-harness.js';
import { digestConverse, digestEvents, normalizeConverseBody, recordedTurns, toCallOptions } from './bedrock-recordings.js';
import { bedrockAt, userSays } from './bedrock-test-provider.js';

// Every Bedrock recording replayed at the plugin level: the plugin must send what the recorded
// client sent (field by field) and read back the text, reasoning, tool calls, finish and usage.

function fromResult(result: GenerateResult): OutputDigest {
  const choice = result.choices[0]!;
  return {
    text: choice.text ?? '',
    reasoning: choice.reasoning ?? '',
    toolCalls: choice.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
    finishReason: choice.finishReason,
    ...(result.usage ? { usage: { prompt: result.usage.promptTokens, completion: result.usage.completionTokens, total: result.usage.totalTokens } } : {}),
  };
}

function fromSummary(summary: StreamSummary): OutputDigest {
  return {
    text: summary.text,
    reasoning: summary.reasoning,
    toolCalls: summary.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
    finishReason: summary.finishes[0]?.finishReason ?? null,
    ...(summary.usage ? { usage: { prompt: summary.usage.promptTokens, completion: summary.usage.completionTokens, total: summary.usage.totalTokens } } : {}),
  };
}

function compare(t: Test, actual: OutputDigest, expected: OutputDigest, label: string): void {
  t.equal(actual.text, expected.text, `${label}: text`);
  t.equal(actual.reasoning, expected.reasoning, `${label}: reasoning`);
  t.equal(actual.finishReason, expected.finishReason, `${label}: finish reason`);
  t.equal(actual.toolCalls.length, expected.toolCalls.length, `${label}: number of tool calls`);
  expected.toolCalls.forEach((call, index) => {
    t.equal(actual.toolCalls[index]?.id, call.id, `${label}: tool call ${index} id`);
    t.equal(actual.toolCalls[index]?.name, call.name, `${label}: tool call ${index} name`);
    t.same(JSON.parse(actual.toolCalls[index]?.arguments ?? 'null'), JSON.parse(call.arguments), `${label}: tool call ${index} arguments`);
  });
  t.same(actual.usage, expected.usage, `${label}: usage`);
  t.ok(expected.usage && expected.usage.total === expected.usage.prompt + expected.usage.completion, `${label}: recorded usage adds up`);
}

const CASSETTES = [
  'converse-text', 'converse-tool-use', 'converse-reasoning',
  'converse-stream-text', 'converse-stream-tool-use', 'converse-stream-reasoning', 'converse-stream-redacted-reasoning',
];

for (const name of CASSETTES) {
  t.test(`cassette ${name}`, async (t) => {
    const turns = recordedTurns(`bedrock/${name}.cassette.yaml`);
    const upstream = await fakeUpstream(turns.map((turn) => turn.reply));
    t.teardown(() => upstream.close());
    const provider = await bedrockAt(upstream.baseURL);
    for (const [index, turn] of turns.entries()) {
      const label = `turn ${index + 1}`;
      const model = provider.languageModel(turn.modelId);
      const options = toCallOptions(turn.request);
      const actual = turn.streamed ? fromSummary(summarize(await collect((await model.stream(options)).stream))) : fromResult(await model.generate(options));
      compare(t, actual, turn.expected, label);
      const sent = upstream.requests[index]!;
      t.equal(sent.url, turn.path, `${label}: model id encoded in the path as recorded`);
      t.equal(sent.method, 'POST');
      t.same(normalizeConverseBody(sent.json as Record<string, unknown>), normalizeConverseBody(turn.request), `${label}: body sent as the recorded client sent it`);
      t.match(sent.headers['authorization'], /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/bedrock\/aws4_request/, `${label}: SigV4 signed for us-east-1`);
    }
    t.equal(upstream.requests.length, turns.length, 'one upstream call per turn');
  });
}

t.test('recorded JSON bodies (amazon-bedrock-*.json)', async (t) => {
  for (const file of ['bedrock/amazon-bedrock-text.json', 'bedrock/amazon-bedrock-reasoning.json']) {
    const upstream = await fakeUpstream([{ contentType: 'application/json', body: readRecorded(file) }]);
    const provider = await bedrockAt(upstream.baseURL);
    const result = await provider.languageModel('anthropic.claude-3-7-sonnet-20250219-v1:0').generate(userSays('How many r are in strawberry?'));
    compare(t, fromResult(result), digestConverse(JSON.parse(readRecorded(file))), file);
    t.equal(upstream.requests[0]?.url, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse');
    await upstream.close();
  }
});

t.test('recorded event streams (amazon-bedrock-*.chunks.txt) encoded as frames', async (t) => {
  for (const file of ['bedrock/amazon-bedrock-text.chunks.txt', 'bedrock/amazon-bedrock-reasoning.chunks.txt']) {
    const upstream = await fakeUpstream([{ contentType: EVENT_STREAM_CONTENT_TYPE, frames: bedrockFrames(file) }]);
    const provider = await bedrockAt(upstream.baseURL);
    const parts = await collect((await provider.languageModel('anthropic.claude-3-7-sonnet-20250219-v1:0').stream(userSays('How many r are in strawberry?'))).stream);
    compare(t, fromSummary(summarize(parts)), digestEvents(recordedEvents(file)), file);
    t.equal(upstream.requests[0]?.url, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream');
    await upstream.close();
  }
});
