import t, { type Test } from 'tap';
import OpenAI from 'openai';
import { bedrockFrames, eventFrames, EVENT_STREAM_CONTENT_TYPE, exceptionFrame, recordedEvents } from '../helpers/bedrock-event-stream.js';
import { digestChunks, digestCompletion, sseJsonPayloads, type OutputDigest } from '../helpers/openai-output-digest.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { cassette, fakeUpstream, readRecorded, type FakeReply, type FakeUpstream } from '../helpers/recorded-fixtures.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';
import { digestConverse, digestEvents, normalizeConverseBody, recordedTurns } from '../providers/bedrock/bedrock-recordings.js';

// Every Bedrock recording replayed from a fake Bedrock through the whole gateway, with the
// official openai SDK as the client: answers must match the recordings and the spec, and each
// upstream body must be what the recorded client sent, including reasoning signatures and tool
// results sent back on later turns.

type Json = Record<string, any>;
const AWS = { aws_access_key_id: 'AKIDTEST', aws_secret_access_key: 'secret', aws_region_name: 'us-east-1' };
const HELLO = { messages: [{ role: 'user', content: 'How many r are in strawberry?' }] };

/** The OpenAI request a client sends to make the gateway send `request` (a recorded Converse body). */
function toOpenAIRequest(request: Json): Json {
  const messages: Json[] = (request['system'] ?? []).map((block: Json) => ({ role: 'system', content: block['text'] }));
  for (const message of request['messages'] as Json[]) {
    if (message['role'] === 'assistant') {
      const out: Json = { role: 'assistant', content: null };
      for (const block of message['content'] as Json[]) {
        if (block['text'] !== undefined) out['content'] = (out['content'] ?? '') + block['text'];
        if (block['toolUse']) (out['tool_calls'] ??= []).push({ id: block['toolUse'].toolUseId, type: 'function', function: { name: block['toolUse'].name, arguments: JSON.stringify(block['toolUse'].input) } });
        if (block['reasoningContent']) {
          const { text, signature } = block['reasoningContent'].reasoningText;
          out['reasoning_content'] = text;
          (out['thinking_blocks'] ??= []).push({ type: 'thinking', thinking: text, signature });
        }
      }
      messages.push(out);
      continue;
    }
    for (const block of message['content'] as Json[]) {
      if (block['toolResult']) messages.push({ role: 'tool', tool_call_id: block['toolResult'].toolUseId, content: block['toolResult'].content[0].text });
      else messages.push({ role: 'user', content: block['text'] });
    }
  }
  const inference = request['inferenceConfig'] ?? {};
  const choice = request['toolConfig']?.toolChoice;
  return {
    messages,
    ...(request['toolConfig'] ? { tools: request['toolConfig'].tools.map((tool: Json) => ({ type: 'function', function: { name: tool['toolSpec'].name, description: tool['toolSpec'].description, parameters: tool['toolSpec'].inputSchema.json } })) } : {}),
    ...(choice ? { tool_choice: choice.auto ? 'auto' : choice.any ? 'required' : { type: 'function', function: { name: choice.tool.name } } } : {}),
    ...(inference['temperature'] !== undefined ? { temperature: inference['temperature'] } : {}),
    ...(inference['topP'] !== undefined ? { top_p: inference['topP'] } : {}),
    ...(inference['maxTokens'] !== undefined ? { max_tokens: inference['maxTokens'] } : {}),
    // Model extras (Anthropic `thinking`) pass through as unknown request fields.
    ...request['additionalModelRequestFields'],
  };
}

interface Turn { readonly request: Json; readonly expected: OutputDigest; readonly upstreamBody?: Json; readonly path?: string }
interface Case { readonly name: string; readonly model: string; readonly replies: FakeReply[]; readonly turns: Turn[]; readonly streamed: boolean[] }

function cassetteCase(name: string): Case {
  const turns = recordedTurns(`bedrock/${name}.cassette.yaml`);
  return {
    name,
    model: turns[0]!.modelId,
    replies: turns.map((turn) => turn.reply),
    streamed: turns.map((turn) => turn.streamed),
    turns: turns.map((turn) => ({ request: toOpenAIRequest(turn.request), expected: turn.expected, upstreamBody: normalizeConverseBody(turn.request), path: turn.path })),
  };
}

const CASES: Case[] = [
  ...['converse-text', 'converse-tool-use', 'converse-reasoning', 'converse-stream-text', 'converse-stream-tool-use', 'converse-stream-reasoning', 'converse-stream-redacted-reasoning'].map(cassetteCase),
  ...['text', 'reasoning'].flatMap((kind): Case[] => [
    { name: `amazon-bedrock-${kind}.json`, model: 'anthropic.claude-3-7-sonnet-20250219-v1:0', replies: [{ contentType: 'application/json', body: readRecorded(`bedrock/amazon-bedrock-${kind}.json`) }], streamed: [false], turns: [{ request: HELLO, expected: digestConverse(JSON.parse(readRecorded(`bedrock/amazon-bedrock-${kind}.json`))) }] },
    { name: `amazon-bedrock-${kind}.chunks.txt`, model: 'anthropic.claude-3-7-sonnet-20250219-v1:0', replies: [{ contentType: EVENT_STREAM_CONTENT_TYPE, frames: bedrockFrames(`bedrock/amazon-bedrock-${kind}.chunks.txt`) }], streamed: [true], turns: [{ request: HELLO, expected: digestEvents(recordedEvents(`bedrock/amazon-bedrock-${kind}.chunks.txt`)) }] },
  ]),
];

function compare(t: Test, actual: OutputDigest, expected: OutputDigest, label: string): void {
  t.equal(actual.text, expected.text, `${label}: text`);
  t.equal(actual.reasoning, expected.reasoning, `${label}: reasoning`);
  t.equal(actual.finishReason, expected.finishReason, `${label}: finish_reason`);
  t.same(actual.toolCalls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) })), expected.toolCalls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) })), `${label}: tool calls`);
  t.same(actual.usage, expected.usage, `${label}: usage`);
}

t.test('recorded Bedrock traffic reaches OpenAI clients as OpenAI answers, spec-valid', async (t) => {
  const upstreams: FakeUpstream[] = [];
  t.teardown(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  const modelList = [];
  for (const [index, testCase] of CASES.entries()) {
    const upstream = await fakeUpstream(testCase.replies);
    upstreams.push(upstream);
    modelList.push({ model_name: `case-${index}`, litellm_params: { model: `bedrock/${testCase.model}`, api_base: upstream.baseURL, ...AWS } });
  }
  const gateway = await startTestGateway({ config: { model_list: modelList } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });

  for (const [index, testCase] of CASES.entries()) {
    await t.test(testCase.name, async (t) => {
      for (const [turnIndex, turn] of testCase.turns.entries()) {
        const label = `turn ${turnIndex + 1}`;
        const stream = testCase.streamed[turnIndex] === true;
        const body = { ...turn.request, model: `case-${index}`, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) } as never;
        if (stream) {
          const chunks: Json[] = [];
          for await (const chunk of (await client.chat.completions.create(body)) as unknown as AsyncIterable<Json>) {
            const errors = openAISpecErrors('CreateChatCompletionStreamResponse', chunk);
            if (errors) t.fail(`${label}: chunk ${chunks.length} is not spec-valid: ${errors}`);
            chunks.push(chunk);
          }
          compare(t, digestChunks(chunks), turn.expected, label);
          const signatures = chunks.flatMap((chunk) => chunk['choices'][0]?.delta?.thinking_blocks ?? []);
          if (turn.expected.reasoning !== '') t.ok(signatures.some((block: Json) => block.signature), `${label}: the reasoning signature reaches the client`);
        } else {
          const completion = (await client.chat.completions.create(body)) as unknown as Json;
          t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '', `${label}: spec-valid`);
          compare(t, digestCompletion(completion), turn.expected, label);
          if (turn.expected.reasoning !== '') t.match(completion['choices'][0].message.thinking_blocks?.[0]?.signature, /\S/, `${label}: thinking_blocks carry the signature`);
        }
        const sent = upstreams[index]!.requests[turnIndex]!;
        if (turn.path) t.equal(sent.url, turn.path, `${label}: upstream path`);
        if (turn.upstreamBody) t.same(normalizeConverseBody(sent.json as Json), turn.upstreamBody, `${label}: upstream body as the recorded client sent it`);
      }
      t.equal(upstreams[index]!.requests.length, testCase.turns.length, 'one upstream call per turn');
    });
  }
});

t.test('Bedrock errors reach clients with the right status, before and inside the stream', async (t) => {
  const [converse400] = cassette('bedrock/error-400-converse.cassette.yaml');
  const [stream400] = cassette('bedrock/error-400-converse-stream.cassette.yaml');
  const throttled: FakeReply = { status: 429, contentType: 'application/json', headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: JSON.stringify({ message: 'Too many requests.' }) };
  const midStream: FakeReply = { contentType: EVENT_STREAM_CONTENT_TYPE, frames: [...eventFrames([{ messageStart: { role: 'assistant' } }, { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' } } }]), exceptionFrame('throttlingException', 'Too many tokens, please wait before trying again.')] };
  const replies = [converse400!, stream400!, throttled, midStream];
  const upstreams = await Promise.all(replies.map((reply) => fakeUpstream([reply])));
  t.teardown(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  const gateway = await startTestGateway({
    config: {
      router_settings: { num_retries: 0 },
      model_list: upstreams.map((upstream, index) => ({ model_name: `error-${index}`, litellm_params: { model: 'bedrock/us.does-not-exist-model-v1:0', api_base: upstream.baseURL, ...AWS } })),
    },
  });
  t.teardown(() => gateway.close());
  const post = (model: string, stream: boolean) => fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'hello' }] }) });

  for (const [model, stream, status, type] of [['error-0', false, 400, 'invalid_request_error'], ['error-1', true, 400, 'invalid_request_error'], ['error-2', false, 429, 'rate_limit_error']] as const) {
    const response = await post(model, stream);
    t.equal(response.status, status, `${model}: HTTP ${status}`);
    const body = (await response.json()) as Json;
    t.equal(openAISpecErrors('ErrorResponse', body), '', `${model}: spec-valid error body`);
    t.equal(body['error'].type, type);
    if (model !== 'error-2') t.equal(body['error'].message, 'The provided model identifier is invalid.', `${model}: the upstream message is kept`);
  }

  const response = await post('error-3', true);
  t.equal(response.status, 200, 'the stream had begun');
  const text = await response.text();
  const payloads = sseJsonPayloads(text);
  const failure = payloads.at(-1)!;
  t.equal(openAISpecErrors('ErrorResponse', failure), '', 'the SSE error event is spec-valid');
  t.equal(failure['error'].code, 'rate_limit_exceeded');
  t.equal(failure['error'].message, 'Too many tokens, please wait before trying again.');
  t.equal(digestChunks(payloads.slice(0, -1)).text, 'Hel', 'what arrived before the failure was delivered');
  t.notMatch(text, /\[DONE\]/, 'no [DONE] after an error');
});

t.test('a parameter Bedrock cannot honour is reported in x-switchyard-warnings, or refused with drop_params: false', async (t) => {
  const upstream = await fakeUpstream(cassette('bedrock/converse-text.cassette.yaml'));
  t.teardown(() => upstream.close());
  const gateway = await startTestGateway({ config: { model_list: [{ model_name: 'nova', litellm_params: { model: 'bedrock/us.amazon.nova-micro-v1:0', api_base: upstream.baseURL, ...AWS } }] } });
  t.teardown(() => gateway.close());
  const post = (extra: Json) => fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'nova', messages: [{ role: 'user', content: 'Hello!' }], seed: 7, ...extra }) });
  const refused = await post({ drop_params: false });
  t.equal(refused.status, 400);
  const error = (await refused.json()) as Json;
  t.equal(error['error'].param, 'seed');
  t.equal(error['error'].code, 'unsupported_parameter');
  t.equal(upstream.requests.length, 0, 'refused before any upstream call');
  const dropped = await post({});
  t.equal(dropped.status, 200);
  t.match(dropped.headers.get('x-switchyard-warnings'), /^seed: /);
  t.equal(upstream.requests[0]?.json && (upstream.requests[0].json as Json)['seed'], undefined);
});

t.test('Titan embeddings through the gateway: input order kept, spec-valid', async (t) => {
  const upstream = await fakeUpstream([1, 2].map((): FakeReply => (_request, response) => {
    const { inputText } = upstream.requests.at(-1)!.json as Json;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ embedding: [inputText.length, 0], inputTextTokenCount: inputText.length }));
  }));
  t.teardown(() => upstream.close());
  const gateway = await startTestGateway({ config: { model_list: [{ model_name: 'titan', litellm_params: { model: 'bedrock/amazon.titan-embed-text-v2:0', api_base: upstream.baseURL, ...AWS } }] } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const response = (await client.embeddings.create({ model: 'titan', input: ['abc', 'a'], encoding_format: 'float' })) as unknown as Json;
  t.equal(openAISpecErrors('CreateEmbeddingResponse', response), '');
  t.same(response['data'].map((item: Json) => item.embedding), [[3, 0], [1, 0]]);
  t.same(response['usage'], { prompt_tokens: 4, total_tokens: 4 });
});
