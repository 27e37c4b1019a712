import t, { type Test } from 'tap';
import { cassette, readRecorded, sseFrames, type FakeReply } from '../helpers/recorded-fixtures.js';
import { digestChunks, digestCompletion, type OutputDigest } from '../helpers/openai-output-digest.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { assistantFromChunks, startAnthropicGateway, toDigest, type DeploymentCase } from '../providers/anthropic/anthropic-gateway.js';
import { bodyEvents, chunkEvents, expectFromEvents, expectFromMessage } from '../providers/anthropic/recorded-expectations.js';

// Every Anthropic recording replayed through the whole gateway with the official openai SDK as
// the client: what the client sees must match the recording and validate against the spec.

type Json = Record<string, any>;
interface Turn { readonly stream: boolean; readonly expected: OutputDigest }
const TOOLS = [{ type: 'function', function: { name: 'lookup', description: 'Look something up', parameters: { type: 'object', properties: { query: { type: 'string' } } } } }];
const request = (stream: boolean) => ({ messages: [{ role: 'user', content: 'Hello' }], tools: TOOLS, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) });

const jsonTurn = (file: string): [FakeReply[], Turn[]] => [[{ contentType: 'application/json', body: readRecorded(file) }], [{ stream: false, expected: toDigest(expectFromMessage(JSON.parse(readRecorded(file)))) }]];
const chunksTurn = (file: string): [FakeReply[], Turn[]] => [[{ contentType: 'text/event-stream', frames: sseFrames(file, 'anthropic') }], [{ stream: true, expected: toDigest(expectFromEvents(chunkEvents(file))) }]];
const cassetteTurns = (file: string): [FakeReply[], Turn[]] => {
  const recorded = cassette(file);
  return [recorded, recorded.map((reply) => {
    const stream = reply.contentType.includes('event-stream');
    return { stream, expected: toDigest(stream ? expectFromEvents(bodyEvents(reply.body)) : expectFromMessage(JSON.parse(reply.body.toString()))) };
  })];
};

const FILES = ['anthropic-text.json', 'anthropic-tool-no-args.json', 'anthropic-claude-opus-5-reasoning-high.1.json', 'anthropic-text.chunks.txt', 'anthropic-tool-no-args.chunks.txt', 'anthropic-json-tool.2.chunks.txt',
  'parallel-tool-use.cassette.yaml', 'stream-parallel-tool-use.cassette.yaml', 'thinking.cassette.yaml', 'thinking-tool-use.cassette.yaml', 'stream-thinking.cassette.yaml', 'stream-thinking-tool-use.cassette.yaml', 'stream-redacted-thinking.cassette.yaml'];
const CASES = FILES.map((file) => {
  const path = `anthropic/${file}`;
  return { file, turns: file.endsWith('.json') ? jsonTurn(path) : file.endsWith('.chunks.txt') ? chunksTurn(path) : cassetteTurns(path) };
});

function compare(t: Test, actual: OutputDigest, expected: OutputDigest, label: string): void {
  t.equal(actual.text, expected.text, `${label}: text`);
  t.equal(actual.reasoning, expected.reasoning, `${label}: reasoning`);
  t.equal(actual.finishReason, expected.finishReason, `${label}: finish_reason`);
  t.same(actual.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: JSON.parse(call.arguments) })), expected.toolCalls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) })), `${label}: tool calls`);
  t.same(actual.usage, expected.usage, `${label}: usage`);
}

async function chat(client: Json, body: Json): Promise<{ completion?: Json; chunks?: Json[]; errors: string }> {
  if (!body['stream']) {
    const completion = await client['chat'].completions.create(body);
    return { completion, errors: openAISpecErrors('CreateChatCompletionResponse', completion) };
  }
  const chunks: Json[] = [];
  let errors = '';
  for await (const chunk of await client['chat'].completions.create(body)) {
    errors += openAISpecErrors('CreateChatCompletionStreamResponse', chunk);
    chunks.push(chunk);
  }
  return { chunks, errors };
}

t.test('every Anthropic recording reaches OpenAI clients unchanged and spec-valid', async (t) => {
  const { client, upstreams } = await startAnthropicGateway(t, CASES.map(({ turns }): DeploymentCase => ({ replies: turns[0] })));
  for (const [index, { file, turns }] of CASES.entries()) {
    for (const [turn, { stream, expected }] of turns[1].entries()) {
      const label = `${file} turn ${turn + 1}`;
      const result = await chat(client as unknown as Json, { ...request(stream), model: `case-${index}` });
      t.equal(result.errors, '', `${label}: every response and chunk is spec-valid`);
      compare(t, result.completion ? digestCompletion(result.completion) : digestChunks(result.chunks!), expected, label);
    }
    t.equal(upstreams[index]!.requests.length, turns[1].length, `${file}: one upstream call per turn`);
  }
});

t.test('thinking signatures reach the client as thinking_blocks', async (t) => {
  const { client } = await startAnthropicGateway(t, [{ replies: cassette('anthropic/thinking.cassette.yaml').slice(0, 1) }, { replies: cassette('anthropic/stream-redacted-thinking.cassette.yaml') }]);
  const completion = (await client.chat.completions.create({ model: 'case-0', messages: [{ role: 'user', content: 'street?' }] })) as unknown as Json;
  const recorded = JSON.parse(cassette('anthropic/thinking.cassette.yaml')[0]!.body.toString()).content[0];
  t.same(completion['choices'][0]['message']['thinking_blocks'], [{ type: 'thinking', thinking: recorded.thinking, signature: recorded.signature }]);
  const { chunks } = await chat(client as unknown as Json, { model: 'case-1', messages: [{ role: 'user', content: 'magic' }], stream: true });
  const redacted = chunks!.flatMap((chunk) => chunk['choices'][0]?.['delta']?.['thinking_blocks'] ?? []);
  t.same(redacted.map((block: Json) => block['type']), ['redacted_thinking', 'redacted_thinking']);
  t.match(redacted[0].data, /^EqkECkYIBxgC/);
});

t.test('multi-turn tool use with thinking round-trips the signed thinking block (non-streamed)', async (t) => {
  const recorded = cassette('anthropic/thinking-tool-use.cassette.yaml');
  const { client, upstreams } = await startAnthropicGateway(t, [{ replies: recorded, model: 'claude-sonnet-4-0' }]);
  const first = recorded[0]!.request.body as Json;
  const tools = first['tools'].map((tool: Json) => ({ type: 'function', function: { name: tool['name'], description: tool['description'], parameters: tool['input_schema'] } }));
  const ask = { role: 'user', content: 'What is the largest city in the user country?' };
  const base = { model: 'case-0', tools, tool_choice: 'auto', max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 3000 } };
  const turn1 = (await client.chat.completions.create({ ...base, messages: [ask] } as never)) as unknown as Json;
  const { stream: _stream1, ...expected1 } = first;
  t.same(upstreams[0]!.requests[0]!.json, expected1, 'turn 1 upstream body equals the recorded one');
  const assistant = turn1['choices'][0]['message'];
  t.equal(turn1['choices'][0]['finish_reason'], 'tool_calls');
  t.equal(assistant['thinking_blocks'][0]['signature'], JSON.parse(recorded[0]!.body.toString()).content[0].signature, 'the client got the signature');
  const turn2 = (await client.chat.completions.create({ ...base, messages: [ask, assistant, { role: 'tool', tool_call_id: assistant['tool_calls'][0]['id'], content: 'Mexico' }] } as never)) as unknown as Json;
  const { stream: _stream2, ...expected2 } = recorded[1]!.request.body as Json;
  for (const block of expected2['messages'][2]['content']) delete block['is_error'];
  t.same(upstreams[0]!.requests[1]!.json, expected2, 'turn 2 sends the thinking block with its signature, text and tool_use back');
  t.match(turn2['choices'][0]['message']['content'], /Mexico City/);
  t.equal(openAISpecErrors('CreateChatCompletionResponse', turn2), '');
});

t.test('multi-turn tool use with thinking round-trips the signed thinking block (streamed)', async (t) => {
  const recorded = cassette('anthropic/stream-thinking-tool-use.cassette.yaml');
  const { client, upstreams } = await startAnthropicGateway(t, [{ replies: recorded, model: 'claude-haiku-4-5-20251001', params: { api_version: '2023-06-01' } }]);
  const first = recorded[0]!.request.body as Json;
  const tools = first['tools'].map((tool: Json) => ({ type: 'function', function: { name: tool['name'], description: tool['description'], parameters: tool['input_schema'] } }));
  const ask = { role: 'user', content: first['messages'][0]['content'][0]['text'] };
  const base = { model: 'case-0', tools, max_tokens: 64000, temperature: 1, thinking: first['thinking'], stream: true, stream_options: { include_usage: true } };
  const turn1 = await chat(client as unknown as Json, { ...base, messages: [ask] });
  t.equal(turn1.errors, '');
  t.same(upstreams[0]!.requests[0]!.json, first, 'turn 1 upstream body equals the recorded one');
  t.equal(upstreams[0]!.requests[0]!.headers['anthropic-version'], '2023-06-01');
  const assistant = assistantFromChunks(turn1.chunks!);
  t.equal(assistant['thinking_blocks'].length, 1, 'the signature arrived as one thinking block');
  const turn2 = await chat(client as unknown as Json, { ...base, messages: [ask, assistant, { role: 'tool', tool_call_id: assistant['tool_calls'][0]['id'], content: '0.32a0' }] });
  t.same(upstreams[0]!.requests[1]!.json, recorded[1]!.request.body, 'turn 2 sends the full thinking text with its signature and the tool_use back');
  t.match(digestChunks(turn2.chunks!).text, /^The version is \*\*0\.32a0\*\*/);
});

t.test('dropped parameters are named in x-switchyard-warnings; drop_params: false makes them a 400', async (t) => {
  const { gateway } = await startAnthropicGateway(t, [{ replies: [{ contentType: 'application/json', body: readRecorded('anthropic/anthropic-text.json') }, { contentType: 'text/event-stream', frames: sseFrames('anthropic/anthropic-text.chunks.txt', 'anthropic') }] }]);
  const post = (body: Json) => fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'case-0', messages: [{ role: 'user', content: 'hi' }], ...body }) });
  for (const stream of [false, true]) {
    const response = await post({ seed: 42, presence_penalty: 0.5, stream });
    t.equal(response.status, 200);
    t.match(response.headers.get('x-switchyard-warnings'), /^seed: .*; presence_penalty: /, `stream ${stream}: warnings header`);
    await response.text();
  }
  const refused = await post({ seed: 42, drop_params: false });
  t.equal(refused.status, 400);
  const body = (await refused.json()) as Json;
  t.same({ param: body['error']['param'], code: body['error']['code'], type: body['error']['type'] }, { param: 'seed', code: 'unsupported_parameter', type: 'invalid_request_error' });
  t.equal(openAISpecErrors('ErrorResponse', body), '');
});

const anthropicError = (status: number, type: string, message: string, headers: Record<string, string> = {}): FakeReply => ({ status, headers, contentType: 'application/json', body: JSON.stringify({ type: 'error', error: { type, message } }) });
const ERRORS: { name: string; reply: FakeReply; stream?: boolean; status: number; type: string; code: string; retryAfter?: string }[] = [
  { name: 'recorded 400', reply: cassette('anthropic/error-400-invalid-request.cassette.yaml')[0]!, status: 400, type: 'invalid_request_error', code: 'invalid_request_error' },
  { name: 'recorded 404', reply: cassette('anthropic/error-404-not-found.cassette.yaml')[0]!, status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  { name: '401', reply: anthropicError(401, 'authentication_error', 'invalid x-api-key'), status: 401, type: 'authentication_error', code: 'invalid_api_key' },
  { name: '403', reply: anthropicError(403, 'permission_error', 'not allowed'), status: 403, type: 'permission_error', code: 'permission_denied' },
  { name: '429', reply: anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '9' }), stream: true, status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfter: '9' },
  { name: '529', reply: anthropicError(529, 'overloaded_error', 'Overloaded'), status: 503, type: 'server_error', code: 'overloaded' },
  { name: '500', reply: anthropicError(500, 'api_error', 'Internal server error'), status: 500, type: 'server_error', code: 'upstream_error' },
  { name: 'prompt too long', reply: anthropicError(400, 'invalid_request_error', 'prompt is too long: 250000 tokens > 200000 maximum'), status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
];

t.test('upstream errors get the right status and OpenAI error body; a mid-stream error becomes an SSE error event', async (t) => {
  const overloaded = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_o","model":"claude-haiku-4-5","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}\n\n',
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Half an ans"}}\n\n',
    'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
  ];
  const { gateway } = await startAnthropicGateway(t, [...ERRORS.map((error) => ({ replies: [error.reply] })), { replies: [{ contentType: 'text/event-stream', frames: overloaded }] }]);
  const post = (index: number, stream: boolean) => fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: `case-${index}`, messages: [{ role: 'user', content: 'hi' }], stream }) });
  for (const [index, error] of ERRORS.entries()) {
    const response = await post(index, error.stream ?? false);
    const body = (await response.json()) as Json;
    t.equal(response.status, error.status, `${error.name}: status`);
    t.same({ type: body['error']['type'], code: body['error']['code'] }, { type: error.type, code: error.code }, `${error.name}: body`);
    t.equal(openAISpecErrors('ErrorResponse', body), '', `${error.name}: spec-valid`);
    if (error.retryAfter) t.equal(response.headers.get('retry-after'), error.retryAfter, `${error.name}: Retry-After`);
  }
  const streamed = await post(ERRORS.length, true);
  t.equal(streamed.status, 200);
  const events = (await streamed.text()).split('\n\n').filter(Boolean);
  const last = JSON.parse(events.at(-1)!.slice('data: '.length)) as Json;
  t.same(last, { error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' } });
  t.equal(openAISpecErrors('ErrorResponse', last), '');
  t.equal(digestChunks(events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)) as Json)).text, 'Half an ans', 'the text before the error reached the client');
  t.notOk(events.some((event) => event.includes('[DONE]')), 'no [DONE] after the error');
});
