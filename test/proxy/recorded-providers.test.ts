import t, { type Test } from 'tap';
import OpenAI from 'openai';
import { cassette, fakeUpstream, readRecorded, sseFrames, type FakeReply, type FakeUpstream } from '../helpers/recorded-fixtures.js';
import { digestChunks, digestCompletion, sseJsonPayloads, type OutputDigest } from '../helpers/openai-output-digest.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// Every recording below is replayed from a fake upstream through the whole gateway, with the
// official openai SDK as the client. What the client sees must match what the provider said.

const TOOLS = [{ type: 'function', function: { name: 'lookup', description: 'Look something up', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
const genericRequest = (stream: boolean) => ({ messages: [{ role: 'user', content: 'Hello' }], tools: TOOLS, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) });

interface Turn { readonly request: Record<string, unknown>; readonly expected: OutputDigest }
interface Case { readonly name: string; readonly handle: string; readonly replies: FakeReply[]; readonly turns: Turn[] }

const lines = (file: string) => readRecorded(file).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));

function jsonCase(provider: string, file: string): Case {
  return { name: `${provider}: ${file}`, handle: `${provider}/recorded-model`, replies: [{ contentType: 'application/json', body: readRecorded(file) }], turns: [{ request: genericRequest(false), expected: digestCompletion(JSON.parse(readRecorded(file))) }] };
}

function chunksCase(provider: string, file: string): Case {
  return { name: `${provider}: ${file}`, handle: `${provider}/recorded-model`, replies: [{ contentType: 'text/event-stream', frames: sseFrames(file, 'openai') }], turns: [{ request: genericRequest(true), expected: digestChunks(lines(file)) }] };
}

function rawSseCase(provider: string, file: string): Case {
  const body = readRecorded(file);
  return { name: `${provider}: ${file}`, handle: `${provider}/recorded-model`, replies: [{ contentType: 'text/event-stream', frames: [body] }], turns: [{ request: genericRequest(true), expected: digestChunks(sseJsonPayloads(body)) }] };
}

function cassetteCase(provider: string, file: string): Case {
  const recorded = cassette(file);
  return {
    name: `${provider}: ${file}`,
    handle: `${provider}/recorded-model`,
    replies: recorded,
    turns: recorded.map((interaction) => {
      const body = interaction.body.toString();
      const request = { ...(interaction.request.body as Record<string, unknown>) };
      const streamed = interaction.contentType.includes('event-stream');
      request['stream'] = streamed;
      if (streamed) request['stream_options'] = { include_usage: true };
      return { request, expected: streamed ? digestChunks(sseJsonPayloads(body)) : digestCompletion(JSON.parse(body)) };
    }),
  };
}

const CASES: Case[] = [
  jsonCase('openai', 'openai/openai-text.json'),
  chunksCase('openai', 'openai/openai-text.chunks.txt'),
  cassetteCase('openai', 'openai/tool-call.cassette.yaml'),
  cassetteCase('openai', 'openai/parallel-tool-calls.cassette.yaml'),
  cassetteCase('openai', 'openai/stream-parallel-tool-calls.cassette.yaml'),
  cassetteCase('openai', 'openai/stream-tool-call-then-text.cassette.yaml'),
  cassetteCase('openai', 'openai/reasoning-usage.cassette.yaml'),
  jsonCase('groq', 'groq/groq-text.json'),
  chunksCase('groq', 'groq/groq-text.chunks.txt'),
  jsonCase('groq', 'groq/groq-tool-call.json'),
  chunksCase('groq', 'groq/groq-tool-call.chunks.txt'),
  cassetteCase('groq', 'groq/parallel-tool-calls.cassette.yaml'),
  jsonCase('groq', 'groq/groq-reasoning.json'),
  chunksCase('groq', 'groq/groq-reasoning.chunks.txt'),
  jsonCase('mistral', 'mistral/mistral-text.json'),
  chunksCase('mistral', 'mistral/mistral-text.chunks.txt'),
  jsonCase('mistral', 'mistral/mistral-tool-call.json'),
  chunksCase('mistral', 'mistral/mistral-tool-call.chunks.txt'),
  chunksCase('mistral', 'mistral/mistral-incremental-tool-call.chunks.txt'),
  jsonCase('mistral', 'mistral/mistral-reasoning.json'),
  jsonCase('deepseek', 'deepseek/deepseek-text.json'),
  chunksCase('deepseek', 'deepseek/deepseek-text.chunks.txt'),
  jsonCase('deepseek', 'deepseek/deepseek-tool-call.json'),
  chunksCase('deepseek', 'deepseek/deepseek-tool-call.chunks.txt'),
  jsonCase('deepseek', 'deepseek/deepseek-reasoning.json'),
  chunksCase('deepseek', 'deepseek/deepseek-reasoning.chunks.txt'),
  cassetteCase('deepseek', 'deepseek/parallel-tool-calls-reasoning.cassette.yaml'),
  jsonCase('xai', 'xai/xai-text.json'),
  chunksCase('xai', 'xai/xai-text.chunks.txt'),
  jsonCase('xai', 'xai/xai-tool-call.json'),
  chunksCase('xai', 'xai/xai-tool-call.chunks.txt'),
  cassetteCase('together', 'together/parallel-tool-calls.cassette.yaml'),
  cassetteCase('openrouter', 'openrouter/tool-call.cassette.yaml'),
  cassetteCase('openrouter', 'openrouter/reasoning.cassette.yaml'),
  cassetteCase('openrouter', 'openrouter/stream-reasoning.cassette.yaml'),
  cassetteCase('ollama', 'ollama/cloud-reasoning-tool-call.cassette.yaml'),
  cassetteCase('ollama', 'ollama/local-json-schema.cassette.yaml'),
  rawSseCase('openai_compatible', 'openai-compatible/tool-call-index-starts-at-1.sse.txt'),
];

function compare(t: Test, actual: OutputDigest, expected: OutputDigest, label: string): void {
  t.equal(actual.text, expected.text, `${label}: text`);
  t.equal(actual.reasoning, expected.reasoning, `${label}: reasoning`);
  t.equal(actual.finishReason, expected.finishReason, `${label}: finish_reason`);
  t.equal(actual.toolCalls.length, expected.toolCalls.length, `${label}: number of tool calls`);
  expected.toolCalls.forEach((call, index) => {
    const got = actual.toolCalls[index];
    t.equal(got?.name, call.name, `${label}: tool call ${index} name`);
    t.same(JSON.parse(got?.arguments || '{}'), JSON.parse(call.arguments || '{}'), `${label}: tool call ${index} arguments`);
    if (call.id) t.equal(got?.id, call.id, `${label}: tool call ${index} id`);
    else t.match(got?.id, /\S/, `${label}: tool call ${index} has an id`);
  });
  if (expected.usage) t.same(actual.usage, expected.usage, `${label}: usage`);
}

t.test('recorded provider traffic reaches OpenAI clients unchanged and spec-valid', async (t) => {
  const upstreams: FakeUpstream[] = [];
  t.teardown(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  const modelList = [];
  for (const [index, testCase] of CASES.entries()) {
    const upstream = await fakeUpstream(testCase.replies);
    upstreams.push(upstream);
    modelList.push({ model_name: `case-${index}`, litellm_params: { model: testCase.handle, api_base: upstream.baseURL, api_key: 'sk-test' } });
  }
  const gateway = await startTestGateway({ config: { model_list: modelList } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });

  for (const [index, testCase] of CASES.entries()) {
    await t.test(testCase.name, async (t) => {
      for (const [turnIndex, turn] of testCase.turns.entries()) {
        const label = `turn ${turnIndex + 1}`;
        const body = { ...turn.request, model: `case-${index}` } as never;
        if ((turn.request as { stream?: boolean }).stream) {
          const chunks: Record<string, any>[] = [];
          const stream = (await client.chat.completions.create(body)) as unknown as AsyncIterable<Record<string, any>>;
          for await (const chunk of stream) {
            const errors = openAISpecErrors('CreateChatCompletionStreamResponse', chunk);
            if (errors) t.fail(`${label}: chunk ${chunks.length} is not spec-valid: ${errors}`);
            chunks.push(chunk);
          }
          t.ok(chunks.length > 0, `${label}: chunks arrived`);
          compare(t, digestChunks(chunks), turn.expected, label);
        } else {
          const completion = (await client.chat.completions.create(body)) as unknown as Record<string, any>;
          t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '', `${label}: spec-valid`);
          compare(t, digestCompletion(completion), turn.expected, label);
        }
      }
      t.equal(upstreams[index]!.requests.length, testCase.turns.length, 'one upstream call per turn');
    });
  }
});
