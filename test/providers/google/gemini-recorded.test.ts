import t from 'tap';
import type { StreamPart } from '../../../sdk/index.js';
import { decodeToolCallId } from '../../../plugins/provider-google/tool-call-id.js';
import { fakeUpstream, readRecorded, recordedJson } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { callSignaturesOf, partsOf, RECORDED_CASES, textOf, thoughtsOf, type Json } from './gemini-recordings.js';
import { geminiAt, userSays, vertexAt } from './google-test-provider.js';

// Every single-turn Google recording, replayed at the plugin level (the same recordings go
// through the whole gateway in test/proxy/recorded-google.test.ts).

for (const testCase of RECORDED_CASES) {
  t.test(`${testCase.stream ? 'stream' : 'generate'}: ${testCase.file}`, async (t) => {
    const upstream = await fakeUpstream([testCase.reply]);
    t.teardown(() => upstream.close());
    const provider = testCase.vertex ? await vertexAt(upstream.baseURL) : await geminiAt(upstream.baseURL);
    const model = provider.languageModel('gemini-3-pro-preview');
    const { expected, responses } = testCase;
    let got: { text: string; reasoning: string; calls: { id: string; name: string; arguments: string }[]; finish: string; raw?: string; usage: unknown };
    let parts: StreamPart[] = [];
    if (testCase.stream) {
      parts = await collect((await model.stream(userSays('Hello'))).stream);
      const summary = summarize(parts);
      t.equal(summary.errors.length, 0, 'no error part');
      t.ok(summary.toolCalls.every((call) => call.ended), 'every tool call ended');
      got = { text: summary.text, reasoning: summary.reasoning, calls: summary.toolCalls, finish: summary.finishes[0]!.finishReason, raw: summary.finishes[0]!.rawFinishReason, usage: summary.usage };
      t.equal(summary.metadata?.id, `chatcmpl-${responses[0]!['responseId']}`, 'an OpenAI-shaped response id');
      const signatures = parts.filter((part) => part.type === 'reasoning-delta' && part.signature !== undefined).map((part) => (part as { signature: string }).signature);
      const textSignatures = partsOf(responses).filter((part) => part['thoughtSignature'] !== undefined && part['functionCall'] === undefined).map((part) => part['thoughtSignature']);
      t.same(signatures, textSignatures, 'text signatures stream as reasoning signatures');
    } else {
      const result = await model.generate(userSays('Hello'));
      const choice = result.choices[0]!;
      got = { text: choice.text ?? '', reasoning: choice.reasoning ?? '', calls: [...choice.toolCalls], finish: choice.finishReason, raw: choice.rawFinishReason, usage: result.usage };
      const textSignature = partsOf(responses).find((part) => part['thoughtSignature'] !== undefined && part['functionCall'] === undefined)?.['thoughtSignature'];
      t.equal(choice.reasoningSignature, textSignature, 'the answer’s thought signature is kept');
      t.equal(result.id, `chatcmpl-${responses[0]!['responseId']}`);
    }
    t.equal(got.text, textOf(responses), 'text');
    t.equal(got.reasoning, thoughtsOf(responses), 'reasoning');
    t.equal(got.finish, expected.finish, 'finish reason');
    t.equal(got.raw, 'STOP', 'raw finish reason kept');
    t.same(got.usage, expected.usage, 'usage');
    t.same(got.calls.map((call) => ({ name: call.name, args: JSON.parse(call.arguments) as Json })), expected.toolCalls, 'tool calls');
    const signatures = callSignaturesOf(responses);
    got.calls.forEach((call, index) => {
      t.match(call.id, /^call_[0-9a-f]{24}(__thought__[A-Za-z0-9_-]+)?$/, `tool call ${index} id`);
      t.equal(decodeToolCallId(call.id).signature, signatures[index], `tool call ${index} carries its thought signature`);
    });
    t.equal(new Set(got.calls.map((call) => call.id)).size, got.calls.length, 'tool call ids are unique');
  });
}

t.test('the same response gives the same tool call ids, streamed or not', async (t) => {
  const file = 'google/google-tool-call.json';
  const upstream = await fakeUpstream([
    { contentType: 'application/json', body: readRecorded(file) },
    { contentType: 'application/json', body: readRecorded(file) },
    { contentType: 'text/event-stream', frames: [`data: ${JSON.stringify(recordedJson(file))}\r\n\r\n`] },
  ]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL)).languageModel('gemini-3-pro-preview');
  const first = (await model.generate(userSays('Hello'))).choices[0]!.toolCalls[0]!.id;
  const second = (await model.generate(userSays('Hello'))).choices[0]!.toolCalls[0]!.id;
  const streamed = summarize(await collect((await model.stream(userSays('Hello'))).stream)).toolCalls[0]!.id;
  t.equal(second, first);
  t.equal(streamed, first);
  t.equal(decodeToolCallId(first).signature, callSignaturesOf([recordedJson<Json>(file)])[0]);
});
