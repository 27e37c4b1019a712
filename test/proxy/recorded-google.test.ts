import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t, { type Test } from 'tap';
import OpenAI from 'openai';
import { cassette, fakeUpstream, readRecorded, sseFrames, type FakeReply, type FakeUpstream } from '../helpers/recorded-fixtures.js';
import { digestChunks, digestCompletion, sseJsonPayloads, type OutputDigest } from '../helpers/openai-output-digest.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';
import { normalizeContents, RECORDED_CASES, RECORDED_CONVERSATIONS, recordedResults, textOf, thoughtsOf, type Json } from '../providers/google/gemini-recordings.js';

// Every Google recording replayed from a fake upstream through the whole gateway, with the
// official openai SDK as the client: what it sees must match what Gemini said, and every
// response and chunk must be valid against the OpenAI spec. Multi-turn recordings are continued
// the way a plain OpenAI client does, so thought signatures must survive the round trip.

const TOOLS = [{ type: 'function', function: { name: 'lookup', description: 'Look something up', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
const VERTEX_PARAMS = { api_key: 'ya29.test-token', vertex_project: 'test-project', vertex_location: 'us-central1' };

/** Starts one fake upstream per entry and a gateway with a `case-<i>` model for each. */
async function setUp(t: Test, entries: readonly { replies: FakeReply[]; model: string; vertex?: boolean }[]): Promise<{ gateway: TestGateway; upstreams: FakeUpstream[]; client: OpenAI }> {
  const upstreams: FakeUpstream[] = [];
  const modelList = [];
  for (const [index, entry] of entries.entries()) {
    const upstream = await fakeUpstream(entry.replies);
    upstreams.push(upstream);
    const credentials = entry.vertex === true ? VERTEX_PARAMS : { api_key: 'gemini-test-key' };
    modelList.push({ model_name: `case-${index}`, litellm_params: { model: `${entry.vertex === true ? 'vertex_ai' : 'gemini'}/${entry.model}`, api_base: upstream.baseURL, ...credentials } });
  }
  const gateway = await startTestGateway({ config: { model_list: modelList, router_settings: { num_retries: 0 } } });
  t.teardown(async () => {
    await gateway.close();
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  return { gateway, upstreams, client: new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 }) };
}

/** Runs one chat call, checking every chunk or the response against the spec; returns the digest and what a plain client keeps of the assistant turn. */
async function chat(t: Test, client: OpenAI, body: Json, label: string): Promise<{ digest: OutputDigest; message: Json; usage: Json | undefined }> {
  if (body['stream'] !== true) {
    const completion = (await client.chat.completions.create(body as never)) as unknown as Json;
    t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '', `${label}: spec-valid`);
    return { digest: digestCompletion(completion), message: completion['choices'][0].message, usage: completion['usage'] };
  }
  const chunks: Json[] = [];
  for await (const chunk of (await client.chat.completions.create({ ...body, stream_options: { include_usage: true } } as never)) as unknown as AsyncIterable<Json>) {
    const errors = openAISpecErrors('CreateChatCompletionStreamResponse', chunk);
    if (errors) t.fail(`${label}: chunk ${chunks.length} is not spec-valid: ${errors}`);
    chunks.push(chunk);
  }
  const digest = digestChunks(chunks);
  const toolCalls = digest.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  const message = { role: 'assistant', content: digest.text === '' ? null : digest.text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) };
  return { digest, message, usage: chunks.find((chunk) => chunk['usage'])?.['usage'] };
}

t.test('single-turn recordings reach OpenAI clients unchanged and spec-valid', async (t) => {
  const { client, upstreams } = await setUp(t, RECORDED_CASES.map((testCase) => ({ replies: [testCase.reply], model: 'gemini-3-pro-preview', vertex: testCase.vertex })));
  for (const [index, testCase] of RECORDED_CASES.entries()) {
    await t.test(testCase.file, async (t) => {
      const body = { model: `case-${index}`, messages: [{ role: 'user', content: 'Hello' }], tools: TOOLS, stream: testCase.stream };
      const { digest, usage } = await chat(t, client, body, testCase.file);
      const { expected } = testCase;
      t.equal(digest.text, textOf(testCase.responses), 'text');
      t.equal(digest.reasoning, thoughtsOf(testCase.responses), 'reasoning_content');
      t.equal(digest.finishReason, expected.finish, 'finish_reason');
      t.same(digest.toolCalls.map((call) => ({ name: call.name, args: JSON.parse(call.arguments) as Json })), expected.toolCalls, 'tool calls');
      t.ok(digest.toolCalls.every((call) => /^call_[0-9a-f]{24}/.test(call.id ?? '')), 'tool call ids');
      t.same(digest.usage, { prompt: expected.usage.promptTokens, completion: expected.usage.completionTokens, total: expected.usage.totalTokens }, 'usage');
      t.equal(usage?.['completion_tokens_details']?.['reasoning_tokens'], expected.usage.reasoningTokens, 'reasoning tokens');
      t.equal(upstreams[index]!.requests.length, 1, 'one upstream call');
    });
  }
});

t.test('multi-turn recordings: a plain OpenAI client continues the conversation and Gemini gets what the recorded client sent', async (t) => {
  const { client, upstreams } = await setUp(t, RECORDED_CONVERSATIONS.map((conversation) => ({ replies: cassette(conversation.file), model: conversation.model })));
  for (const [index, conversation] of RECORDED_CONVERSATIONS.entries()) {
    await t.test(conversation.file, async (t) => {
      const recorded = cassette(conversation.file);
      const messages: Json[] = conversation.first.map((message) => ({ role: message.role, content: message.role === 'system' ? message.content : message.role === 'user' && message.content[0]?.type === 'text' ? message.content[0].text : '' }));
      const tools = conversation.tools.map((tool) => ({ type: 'function', function: { name: tool.name, parameters: tool.parameters } }));
      for (const [turn, interaction] of recorded.entries()) {
        const label = `turn ${turn + 1}`;
        const { digest, message } = await chat(t, client, { model: `case-${index}`, messages, tools, stream: conversation.stream }, label);
        const sent = upstreams[index]!.requests[turn]!.json as Json;
        t.same(normalizeContents(sent['contents']), normalizeContents((interaction.request.body as Json)['contents']), `${label}: contents sent upstream, signatures included`);
        const next = recorded[turn + 1];
        if (next === undefined) {
          if (conversation.finalText !== undefined) t.equal(digest.text, conversation.finalText, 'final answer');
          continue;
        }
        t.equal(digest.finishReason, 'tool_calls', `${label}: finish_reason`);
        messages.push(message);
        recordedResults(next.request.body).forEach((result, position) => {
          messages.push({ role: 'tool', tool_call_id: digest.toolCalls[position]!.id, content: JSON.stringify(result['functionResponse'].response) });
        });
      }
      t.equal(upstreams[index]!.requests.length, recorded.length, 'one upstream call per turn');
    });
  }
});

t.test('a text answer’s thought signature comes back as thinking_blocks and returns to Gemini with the message', async (t) => {
  const answer = readRecorded('google/google-text.json');
  const signature = (JSON.parse(answer) as Json)['candidates'][0].content.parts[0].thoughtSignature as string;
  const { client, upstreams } = await setUp(t, [{ replies: [{ contentType: 'application/json', body: answer }, { contentType: 'application/json', body: answer }], model: 'gemini-3-pro-preview' }]);
  const messages: Json[] = [{ role: 'user', content: 'How many r in strawberry?' }];
  const first = (await client.chat.completions.create({ model: 'case-0', messages } as never)) as unknown as Json;
  const message = first['choices'][0].message as Json;
  t.same(message['thinking_blocks'], [{ type: 'thinking', thinking: '', signature }]);
  messages.push(message, { role: 'user', content: 'Sure?' });
  await client.chat.completions.create({ model: 'case-0', messages } as never);
  const contents = (upstreams[0]!.requests[1]!.json as Json)['contents'] as Json[];
  t.same(contents[1], { role: 'model', parts: [{ text: textOf([JSON.parse(answer) as Json]), thoughtSignature: signature }] });
});

t.test('upstream errors get the right status, headers and OpenAI error body', async (t) => {
  const error = (status: number, rpc: string, message: string, details: unknown[] = []): FakeReply => ({ status, contentType: 'application/json', body: JSON.stringify({ error: { code: status, message, status: rpc, details } }) });
  const cases: { name: string; reply: FakeReply; stream?: boolean; status: number; type: string; code: string; retryAfter?: string }[] = [
    { name: 'recorded 404', reply: cassette('google/error-404-model-not-found.cassette.yaml')[0]!, status: 404, type: 'invalid_request_error', code: 'model_not_found' },
    { name: 'recorded 429 with RetryInfo', reply: { status: 429, contentType: 'application/json', body: readRecorded('google/google-429-retry-info.json') }, status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfter: '35' },
    { name: 'recorded 429 before the first SSE byte', reply: { status: 429, contentType: 'application/json', body: readRecorded('google/google-429-retry-info.json') }, stream: true, status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfter: '35' },
    { name: 'API_KEY_INVALID', reply: error(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]), status: 401, type: 'authentication_error', code: 'invalid_api_key' },
    { name: '401', reply: error(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'), status: 401, type: 'authentication_error', code: 'invalid_api_key' },
    { name: '403', reply: error(403, 'PERMISSION_DENIED', 'Permission denied.'), status: 403, type: 'permission_error', code: 'permission_denied' },
    { name: 'too many tokens', reply: error(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'), status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
    { name: '500', reply: error(500, 'INTERNAL', 'An internal error has occurred.'), status: 500, type: 'server_error', code: 'upstream_error' },
    { name: '503', reply: error(503, 'UNAVAILABLE', 'The model is overloaded.'), stream: true, status: 503, type: 'server_error', code: 'overloaded' },
  ];
  const { gateway } = await setUp(t, cases.map((testCase) => ({ replies: [testCase.reply], model: 'gemini-2.5-flash' })));
  for (const [index, testCase] of cases.entries()) {
    const response = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: `case-${index}`, messages: [{ role: 'user', content: 'hi' }], stream: testCase.stream ?? false }) });
    const body = (await response.json()) as { error: { type: string; code: string } };
    t.equal(response.status, testCase.status, `${testCase.name}: status`);
    t.equal(body.error.type, testCase.type, `${testCase.name}: type`);
    t.equal(body.error.code, testCase.code, `${testCase.name}: code`);
    t.equal(openAISpecErrors('ErrorResponse', body), '', `${testCase.name}: spec-valid`);
    if (testCase.retryAfter !== undefined) t.equal(response.headers.get('retry-after'), testCase.retryAfter, `${testCase.name}: Retry-After`);
  }
});

t.test('an error inside a Gemini stream becomes an SSE error event and the stream closes', async (t) => {
  const [first] = sseFrames('google/google-text.chunks.txt', 'gemini');
  const errorEvent = `data: ${JSON.stringify({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } })}\r\n\r\n`;
  const { gateway } = await setUp(t, [{ replies: [{ contentType: 'text/event-stream', frames: [first!, errorEvent] }], model: 'gemini-3-pro-preview' }]);
  const response = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'case-0', messages: [{ role: 'user', content: 'hi' }], stream: true }) });
  t.equal(response.status, 200);
  const text = await response.text();
  const payloads = sseJsonPayloads(text);
  t.equal(payloads[0]!['choices'][0].delta.content, 'There are **3**', 'the text before the error arrived');
  const last = payloads[payloads.length - 1]!;
  t.same(Object.keys(last), ['error']);
  t.equal(last['error'].code, 'overloaded');
  t.equal(openAISpecErrors('ErrorResponse', last), '');
  t.notMatch(text, /\[DONE\]/);
});

t.test('dropped parameters are reported in x-switchyard-warnings; drop_params: false makes them a 400', async (t) => {
  const { gateway } = await setUp(t, [{ replies: [{ contentType: 'application/json', body: readRecorded('google/google-text.json') }], model: 'gemini-2.5-flash' }]);
  const send = (extra: Json) => fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'case-0', messages: [{ role: 'user', content: 'hi' }], user: 'u-1', ...extra }) });
  const warned = await send({});
  t.equal(warned.status, 200);
  t.match(warned.headers.get('x-switchyard-warnings'), /^user: Gemini has no end-user identifier/);
  const rejected = await send({ drop_params: false });
  const body = (await rejected.json()) as { error: { code: string; param: string } };
  t.equal(rejected.status, 400);
  t.equal(body.error.code, 'unsupported_parameter');
  t.equal(body.error.param, 'user');
});

t.test('vertex_ai enabled by GOOGLE_CLOUD_PROJECT without credentials: a 401 naming what to set, nothing sent', async (t) => {
  const empty = mkdtempSync(path.join(tmpdir(), 'switchyard-gcloud-'));
  const gateway = await startTestGateway({ env: { GOOGLE_CLOUD_PROJECT: 'test-project', CLOUDSDK_CONFIG: empty, METADATA_SERVER_DETECTION: 'none' } });
  t.teardown(async () => {
    await gateway.close();
    rmSync(empty, { recursive: true, force: true });
  });
  const response = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] }) });
  const body = (await response.json()) as { error: { type: string; message: string } };
  t.equal(response.status, 401);
  t.equal(body.error.type, 'authentication_error');
  t.match(body.error.message, /GOOGLE_APPLICATION_CREDENTIALS/);
});

t.test('GEMINI_API_KEY (or GOOGLE_API_KEY) enables gemini/<model> handles; GEMINI_API_KEY wins when both are set', async (t) => {
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: readRecorded('google/google-text.json') }]);
  const gateway = await startTestGateway({ env: { GOOGLE_API_KEY: 'google-key', GEMINI_API_KEY: 'gemini-key', GEMINI_API_BASE: `${upstream.baseURL}/v1beta` } });
  t.teardown(async () => {
    await gateway.close();
    await upstream.close();
  });
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: 'gemini/gemini-3-pro-preview', messages: [{ role: 'user', content: 'hi' }] });
  t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '');
  t.equal(upstream.requests[0]!.headers['x-goog-api-key'], 'gemini-key');
  t.equal(upstream.requests[0]!.url, '/v1beta/models/gemini-3-pro-preview:generateContent');
});

t.test('embeddings through the gateway are spec-valid and in input order', async (t) => {
  const reply: FakeReply = { contentType: 'application/json', body: JSON.stringify({ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] }) };
  const { client, upstreams } = await setUp(t, [{ replies: [reply], model: 'gemini-embedding-001' }]);
  const result = await client.embeddings.create({ model: 'case-0', input: ['first', 'second'], encoding_format: 'float' });
  t.equal(openAISpecErrors('CreateEmbeddingResponse', result), '');
  t.same(result.data.map((item) => [item.index, item.embedding]), [[0, [0.1, 0.2]], [1, [0.3, 0.4]]]);
  t.match(upstreams[0]!.requests[0]!.url, /gemini-embedding-001:batchEmbedContents$/);
});
