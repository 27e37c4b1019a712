import t, { type Test } from 'tap';
import OpenAI from 'openai';
import { digestChunks, digestCompletion, sseJsonPayloads, type OutputDigest } from '../helpers/openai-output-digest.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { cassette, fakeUpstream, readRecorded, type FakeReply, type FakeUpstream } from '../helpers/recorded-fixtures.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { azureChunks, azureCompletionOf, CONTENT_FILTER_ERROR, PROMPT_FILTER_CHUNK, sse } from '../providers/azure/azure-fixtures.js';

// The OpenAI recordings served the way Azure OpenAI serves them (deployment URLs, api-key,
// api-version, content-filter annotations), through the whole gateway with the openai SDK as
// the client: answers must match the recordings and validate against the OpenAI spec.

type Json = Record<string, any>;
const API_VERSION = '2024-10-21';
const TOOLS = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];

interface Turn { readonly request: Json; readonly expected: OutputDigest; readonly stream: boolean }
interface Case { readonly name: string; readonly replies: FakeReply[]; readonly turns: Turn[] }

const lines = (file: string): Json[] => readRecorded(file).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));

function cassetteCase(file: string): Case {
  const recorded = cassette(file);
  return {
    name: file,
    replies: recorded.map((interaction): FakeReply => {
      const body = interaction.body.toString();
      return interaction.contentType.includes('event-stream')
        ? { contentType: 'text/event-stream', frames: sse(azureChunks(sseJsonPayloads(body))) }
        : { status: interaction.status, contentType: 'application/json', body: JSON.stringify(azureCompletionOf(JSON.parse(body))) };
    }),
    turns: recorded.map((interaction) => {
      const body = interaction.body.toString();
      const stream = interaction.contentType.includes('event-stream');
      return { request: { ...(interaction.request.body as Json) }, stream, expected: stream ? digestChunks(sseJsonPayloads(body)) : digestCompletion(JSON.parse(body)) };
    }),
  };
}

const CASES: Case[] = [
  { name: 'openai-text.json', replies: [{ contentType: 'application/json', body: JSON.stringify(azureCompletionOf(JSON.parse(readRecorded('openai/openai-text.json')))) }], turns: [{ request: { messages: [{ role: 'user', content: 'Hello' }], tools: TOOLS }, stream: false, expected: digestCompletion(JSON.parse(readRecorded('openai/openai-text.json'))) }] },
  { name: 'openai-text.chunks.txt', replies: [{ contentType: 'text/event-stream', frames: sse(azureChunks(lines('openai/openai-text.chunks.txt'))) }], turns: [{ request: { messages: [{ role: 'user', content: 'Hello' }] }, stream: true, expected: digestChunks(lines('openai/openai-text.chunks.txt')) }] },
  ...['tool-call', 'parallel-tool-calls', 'stream-parallel-tool-calls', 'stream-tool-call-then-text', 'reasoning-usage'].map((name) => cassetteCase(`openai/${name}.cassette.yaml`)),
];

function compare(t: Test, actual: OutputDigest, expected: OutputDigest, label: string): void {
  t.equal(actual.text, expected.text, `${label}: text`);
  t.equal(actual.finishReason, expected.finishReason, `${label}: finish_reason`);
  t.same(actual.toolCalls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments || '{}') })), expected.toolCalls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments || '{}') })), `${label}: tool calls`);
  t.same(actual.usage, expected.usage, `${label}: usage`);
}

t.test('OpenAI recordings in Azure shape reach OpenAI clients unchanged and spec-valid', async (t) => {
  const upstreams: FakeUpstream[] = [];
  t.teardown(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  const modelList = [];
  for (const [index, testCase] of CASES.entries()) {
    const upstream = await fakeUpstream(testCase.replies);
    upstreams.push(upstream);
    modelList.push({ model_name: `case-${index}`, litellm_params: { model: `azure/deployment-${index}`, api_base: `${upstream.baseURL}/`, api_key: 'azure-key', api_version: API_VERSION } });
  }
  const gateway = await startTestGateway({ config: { model_list: modelList } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });

  for (const [index, testCase] of CASES.entries()) {
    await t.test(testCase.name, async (t) => {
      for (const [turnIndex, turn] of testCase.turns.entries()) {
        const label = `turn ${turnIndex + 1}`;
        const body = { ...turn.request, model: `case-${index}`, stream: turn.stream, ...(turn.stream ? { stream_options: { include_usage: true } } : {}) } as never;
        if (turn.stream) {
          const chunks: Json[] = [];
          for await (const chunk of (await client.chat.completions.create(body)) as unknown as AsyncIterable<Json>) {
            const errors = openAISpecErrors('CreateChatCompletionStreamResponse', chunk);
            if (errors) t.fail(`${label}: chunk ${chunks.length} is not spec-valid: ${errors}`);
            chunks.push(chunk);
          }
          t.notOk(chunks.some((chunk) => chunk['created'] === 0 || chunk['id'] === ''), `${label}: no chunk carries Azure's empty prompt-filter identity`);
          compare(t, digestChunks(chunks), turn.expected, label);
        } else {
          const completion = (await client.chat.completions.create(body)) as unknown as Json;
          t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '', `${label}: spec-valid`);
          compare(t, digestCompletion(completion), turn.expected, label);
        }
        const sent = upstreams[index]!.requests[turnIndex]!;
        t.equal(sent.url, `/openai/deployments/deployment-${index}/chat/completions?api-version=${API_VERSION}`, `${label}: Azure deployment URL with api-version`);
        t.equal(sent.headers['api-key'], 'azure-key', `${label}: api-key header`);
        t.equal(sent.headers['authorization'], undefined, `${label}: no bearer token`);
      }
      t.equal(upstreams[index]!.requests.length, testCase.turns.length, 'one upstream call per turn');
    });
  }
});

t.test('Azure content filtering reaches clients: a blocked prompt is a 400, a filtered answer finishes with content_filter', async (t) => {
  const filteredChunk = { id: 'chatcmpl-f', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'content_filter', content_filter_results: {} }] };
  const upstream = await fakeUpstream([
    { status: 400, contentType: 'application/json', body: JSON.stringify(CONTENT_FILTER_ERROR) },
    { contentType: 'text/event-stream', frames: sse([PROMPT_FILTER_CHUNK, { ...filteredChunk, choices: [{ index: 0, delta: { role: 'assistant', content: 'Once' }, finish_reason: null }] }, filteredChunk]) },
  ]);
  t.teardown(() => upstream.close());
  const gateway = await startTestGateway({ config: { router_settings: { num_retries: 0 }, model_list: [{ model_name: 'gpt', litellm_params: { model: 'azure/gpt-4o', api_base: upstream.baseURL, api_key: 'azure-key' } }] } });
  t.teardown(() => gateway.close());
  const post = (stream: boolean) => fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt', stream, messages: [{ role: 'user', content: 'something violent' }] }) });
  const blocked = await post(false);
  t.equal(blocked.status, 400);
  const error = (await blocked.json()) as Json;
  t.equal(openAISpecErrors('ErrorResponse', error), '');
  t.equal(error['error'].code, 'content_policy_violation');
  t.match(error['error'].message, /content management policy/);
  t.equal(upstream.requests[0]?.url, `/openai/deployments/gpt-4o/chat/completions?api-version=${API_VERSION}`, 'the manifest default api-version');
  const streamed = await post(true);
  const chunks = sseJsonPayloads(await streamed.text());
  for (const chunk of chunks) t.equal(openAISpecErrors('CreateChatCompletionStreamResponse', chunk), '');
  t.equal(digestChunks(chunks).text, 'Once');
  t.equal(digestChunks(chunks).finishReason, 'content_filter');
});

t.test('Azure embeddings through the gateway: the deployment URL, spec-valid', async (t) => {
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: JSON.stringify({ object: 'list', model: 'text-embedding-3-small', data: [{ object: 'embedding', index: 0, embedding: [0.5, 0.25] }], usage: { prompt_tokens: 2, total_tokens: 2 } }) }]);
  t.teardown(() => upstream.close());
  const gateway = await startTestGateway({ config: { model_list: [{ model_name: 'emb', litellm_params: { model: 'azure/emb-small', api_base: upstream.baseURL, api_key: 'azure-key' } }] } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const response = (await client.embeddings.create({ model: 'emb', input: 'hi', encoding_format: 'float' })) as unknown as Json;
  t.equal(openAISpecErrors('CreateEmbeddingResponse', response), '');
  t.same(response['data'][0].embedding, [0.5, 0.25]);
  t.equal(upstream.requests[0]?.url, `/openai/deployments/emb-small/embeddings?api-version=${API_VERSION}`);
  t.equal(upstream.requests[0]?.headers['api-key'], 'azure-key');
});
