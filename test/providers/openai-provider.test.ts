import t from 'tap';
import type { CallOptions, FunctionTool, PromptMessage } from '../../sdk/index.js';
import { cassette, fakeUpstream, readRecorded, recordedJson, sseFrames } from '../helpers/recorded-fixtures.js';
import { collect, openaiAt, summarize } from './provider-harness.js';

const user = (text: string): PromptMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const objectTool = (name: string, properties: Record<string, unknown>, required: string[], description = ''): FunctionTool => ({
  type: 'function', name, description, strict: true,
  parameters: { additionalProperties: false, properties, required, type: 'object' },
});

t.test('generate: plain text from openai-text.json', async (t) => {
  const recorded = recordedJson<{ choices: { message: { content: string } }[] }>('openai/openai-text.json');
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: readRecorded('openai/openai-text.json') }]);
  t.teardown(() => upstream.close());
  const provider = await openaiAt(upstream.baseURL);
  const result = await provider.languageModel('gpt-4.1-nano').generate({ messages: [user('Invent a new holiday and describe its traditions.')], maxOutputTokens: 400, temperature: 0.5 });

  t.equal(result.id, 'chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
  t.equal(result.model, 'gpt-4.1-nano-2025-04-14');
  t.equal(result.systemFingerprint, 'fp_de604bd877');
  t.equal(result.serviceTier, 'default');
  t.equal(result.choices.length, 1);
  const [choice] = result.choices;
  t.equal(choice?.text, recorded.choices[0]?.message.content);
  t.match(choice?.text, /^\*\*Holiday Name:\*\* Galaxy Day/);
  t.equal(choice?.finishReason, 'stop');
  t.equal(choice?.rawFinishReason, 'stop');
  t.equal(choice?.refusal, null);
  t.equal(choice?.logprobs, null);
  t.same(choice?.toolCalls, []);
  t.strictSame(result.usage, {
    promptTokens: 16, completionTokens: 363, totalTokens: 379, cachedPromptTokens: 0, reasoningTokens: 0,
    audioPromptTokens: 0, audioCompletionTokens: 0, acceptedPredictionTokens: 0, rejectedPredictionTokens: 0,
  });

  const [request] = upstream.requests;
  t.equal(request?.method, 'POST');
  t.equal(request?.url, '/chat/completions');
  t.equal(request?.headers['authorization'], 'Bearer sk-test');
  t.strictSame(request?.json, {
    model: 'gpt-4.1-nano',
    messages: [{ role: 'user', content: 'Invent a new holiday and describe its traditions.' }],
    temperature: 0.5,
    max_completion_tokens: 400,
  });
});

t.test('stream: openai-text.chunks.txt gives metadata, the whole text, one finish and usage', async (t) => {
  const expected = readRecorded('openai/openai-text.chunks.txt').split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as { choices: { delta: { content?: string } }[] })
    .map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  const upstream = await fakeUpstream([{ contentType: 'text/event-stream', frames: sseFrames('openai/openai-text.chunks.txt', 'openai') }]);
  t.teardown(() => upstream.close());
  const provider = await openaiAt(upstream.baseURL);
  const { stream, warnings } = await provider.languageModel('gpt-4.1-nano').stream({ messages: [user('Invent a holiday')] });
  t.equal(warnings, undefined);
  const summary = summarize(await collect(stream));

  t.strictSame(summary.metadata, { type: 'response-metadata', id: 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0', model: 'gpt-4.1-nano-2025-04-14', created: 1770933892, systemFingerprint: 'fp_de604bd877', serviceTier: 'default' });
  t.equal(summary.text, expected);
  t.equal(summary.text.length, 1724);
  t.strictSame(summary.finishes, [{ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', choice: 0 }]);
  t.equal(summary.usage?.promptTokens, 16);
  t.equal(summary.usage?.completionTokens, 300);
  t.equal(summary.usage?.totalTokens, 316);
  t.same(summary.errors, []);
  t.strictSame(upstream.requests[0]?.json, { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'Invent a holiday' }], stream: true, stream_options: { include_usage: true } });
});

t.test('stream: the same recording cut at arbitrary byte offsets (inside UTF-8 characters too) reads the same', async (t) => {
  const bytes = Buffer.from(sseFrames('openai/openai-text.chunks.txt', 'openai').join(''));
  const pieces: Buffer[] = [];
  for (let at = 0, size = 1; at < bytes.length; at += size, size = (size % 61) + 1) pieces.push(bytes.subarray(at, at + size));
  const upstream = await fakeUpstream([
    { contentType: 'text/event-stream', frames: sseFrames('openai/openai-text.chunks.txt', 'openai') },
    { contentType: 'text/event-stream', frames: pieces },
  ]);
  t.teardown(() => upstream.close());
  const model = (await openaiAt(upstream.baseURL)).languageModel('gpt-4.1-nano');
  const whole = summarize(await collect((await model.stream({ messages: [user('x')] })).stream));
  const cut = summarize(await collect((await model.stream({ messages: [user('x')] })).stream));
  t.ok(whole.text.includes('\u2014'), 'the text has a multi-byte character');
  t.equal(cut.text, whole.text);
  t.strictSame(cut.usage, whole.usage);
  t.strictSame(cut.finishes, whole.finishes);
});

t.test('tool-call cassette: a required tool call, then the final_result call after the tool result', async (t) => {
  const turns = cassette('openai/tool-call.cassette.yaml');
  const upstream = await fakeUpstream(turns);
  t.teardown(() => upstream.close());
  const model = (await openaiAt(upstream.baseURL)).languageModel('gpt-4o');
  const tools: FunctionTool[] = [
    { type: 'function', name: 'get_user_country', description: '', parameters: { additionalProperties: false, properties: {}, type: 'object' } },
    {
      type: 'function', name: 'final_result', description: 'The final response which ends this conversation',
      parameters: { properties: { city: { type: 'string' }, country: { type: 'string' } }, required: ['city', 'country'], type: 'object' },
    },
  ];
  const base: CallOptions = { messages: [user('What is the largest city in the user country?')], tools, toolChoice: { type: 'required' }, n: 1 };

  const first = await model.generate(base);
  t.strictSame(first.choices[0]?.toolCalls, [{ id: 'call_iXFttys57ap0o16JSlC8yhYo', name: 'get_user_country', arguments: '{}' }]);
  t.equal(first.choices[0]?.finishReason, 'tool_calls');
  t.equal(first.choices[0]?.text, null);

  const second = await model.generate({
    ...base,
    messages: [
      ...base.messages,
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_iXFttys57ap0o16JSlC8yhYo', name: 'get_user_country', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'call_iXFttys57ap0o16JSlC8yhYo', content: [{ type: 'text', text: 'Mexico' }] },
    ],
  });
  t.strictSame(second.choices[0]?.toolCalls, [{ id: 'call_gmD2oUZUzSoCkmNmp3JPUF7R', name: 'final_result', arguments: '{"city": "Mexico City", "country": "Mexico"}' }]);
  t.equal(second.usage?.totalTokens, 125);

  // The recorded client sent the same conversation; compare field by field (it also sent stream: false).
  const sent = upstream.requests[1]?.json as Record<string, unknown>;
  const recorded = turns[1]?.request.body as Record<string, unknown>;
  for (const field of ['model', 'tools', 'tool_choice', 'n']) t.strictSame(sent[field], recorded[field], field);
  t.strictSame(sent['messages'], [
    { role: 'user', content: 'What is the largest city in the user country?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_iXFttys57ap0o16JSlC8yhYo', type: 'function', function: { name: 'get_user_country', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'call_iXFttys57ap0o16JSlC8yhYo', content: 'Mexico' },
  ]);
});

t.test('parallel-tool-calls cassette: two calls in one turn, request body equals the recorded one', async (t) => {
  const turns = cassette('openai/parallel-tool-calls.cassette.yaml');
  const upstream = await fakeUpstream(turns);
  t.teardown(() => upstream.close());
  const model = (await openaiAt(upstream.baseURL)).languageModel('gpt-4o');
  const tools = [objectTool('create_file', { path: { type: 'string' } }, ['path']), objectTool('delete_file', { path: { type: 'string' } }, ['path'])];
  const messages: PromptMessage[] = [{ role: 'system', content: 'Just call tools without asking for confirmation.' }, user('Delete the file `.env` and create `test.txt`')];

  const first = await model.generate({ messages, tools, toolChoice: { type: 'auto' } });
  const calls = first.choices[0]?.toolCalls ?? [];
  t.strictSame(calls, [
    { id: 'call_jYdIdRZHxZTn5bWCq5jlMrJi', name: 'delete_file', arguments: '{"path": ".env"}' },
    { id: 'call_TmlTVWQbzrXCZ4jNsCVNbNqu', name: 'create_file', arguments: '{"path": "test.txt"}' },
  ]);

  const second = await model.generate({
    messages: [
      ...messages,
      { role: 'assistant', content: calls.map((call) => ({ type: 'tool-call' as const, ...call })) },
      { role: 'tool', toolCallId: 'call_jYdIdRZHxZTn5bWCq5jlMrJi', content: [{ type: 'text', text: 'true' }] },
      { role: 'tool', toolCallId: 'call_TmlTVWQbzrXCZ4jNsCVNbNqu', content: [{ type: 'text', text: 'Success' }] },
    ],
    tools,
    toolChoice: { type: 'auto' },
  });
  t.equal(second.choices[0]?.text, 'The file `.env` has been deleted and `test.txt` has been created successfully.');
  t.equal(second.choices[0]?.finishReason, 'stop');
  const { stream: _stream, ...recordedBody } = turns[1]?.request.body as Record<string, unknown>;
  t.strictSame(upstream.requests[1]?.json, recordedBody);
});

t.test('stream-parallel-tool-calls cassette: three streamed turns with stable indexes and full arguments', async (t) => {
  const upstream = await fakeUpstream(cassette('openai/stream-parallel-tool-calls.cassette.yaml'));
  t.teardown(() => upstream.close());
  const model = (await openaiAt(upstream.baseURL)).languageModel('gpt-4o');
  const turn = async () => summarize(await collect((await model.stream({ messages: [user('Tell me: the capital of the country; the weather there; the product name')] })).stream));

  const first = await turn();
  t.same(first.toolCalls, [
    { index: 0, id: 'call_q2UyBRP7eXNTzAoR8lEhjc9Z', name: 'get_country', arguments: '{}', ended: true },
    { index: 1, id: 'call_b51ijcpFkDiTQG1bQzsrmtW5', name: 'get_product_name', arguments: '{}', ended: true },
  ]);
  t.equal(first.finishes[0]?.finishReason, 'tool_calls');
  t.equal(first.usage?.totalTokens, 404);

  const second = await turn();
  t.same(second.toolCalls, [{ index: 0, id: 'call_LwxJUB9KppVyogRRLQsamRJv', name: 'get_weather', arguments: '{"city":"Mexico City"}', ended: true }]);
  t.equal(second.usage?.totalTokens, 438);

  const third = await turn();
  t.equal(third.toolCalls.length, 1);
  t.equal(third.toolCalls[0]?.name, 'final_result');
  t.same(JSON.parse(third.toolCalls[0]?.arguments ?? ''), {
    answers: [
      { label: 'Capital', answer: 'The capital of Mexico is Mexico City.' },
      { label: 'Weather', answer: 'The weather in Mexico City is currently sunny.' },
      { label: 'Product Name', answer: 'The product name is Pydantic AI.' },
    ],
  });
  t.equal(third.usage?.totalTokens, 510);
});

t.test('stream-tool-call-then-text cassette: a streamed call, then streamed text', async (t) => {
  const upstream = await fakeUpstream(cassette('openai/stream-tool-call-then-text.cassette.yaml'));
  t.teardown(() => upstream.close());
  const model = (await openaiAt(upstream.baseURL)).languageModel('gpt-4o-mini');
  const tools = [objectTool('get_capital', { country: { type: 'string' } }, ['country'])];
  const question = user('What is the capital of the UK? Use the tool, then answer.');

  const first = summarize(await collect((await model.stream({ messages: [question], tools, toolChoice: { type: 'auto' } })).stream));
  t.same(first.toolCalls, [{ index: 0, id: 'call_ZR5UUuTt3pf61kjwAJIYdVMj', name: 'get_capital', arguments: '{"country":"UK"}', ended: true }]);
  t.equal(first.text, '');
  t.strictSame(first.finishes, [{ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls', choice: 0 }]);

  const second = summarize(await collect((await model.stream({
    messages: [
      question,
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_ZR5UUuTt3pf61kjwAJIYdVMj', name: 'get_capital', arguments: '{"country":"UK"}' }] },
      { role: 'tool', toolCallId: 'call_ZR5UUuTt3pf61kjwAJIYdVMj', content: [{ type: 'text', text: 'London' }] },
    ],
    tools,
    toolChoice: { type: 'auto' },
  })).stream));
  t.equal(second.text, 'The capital of the UK is London.');
  t.same(second.toolCalls, []);
  t.equal(second.finishes[0]?.finishReason, 'stop');
  t.same({ prompt: second.usage?.promptTokens, completion: second.usage?.completionTokens, total: second.usage?.totalTokens }, { prompt: 78, completion: 9, total: 87 });
});

t.test('reasoning-usage cassette: o3-mini reasoning tokens, missing logprobs normalised to null', async (t) => {
  const upstream = await fakeUpstream(cassette('openai/reasoning-usage.cassette.yaml'));
  t.teardown(() => upstream.close());
  const result = await (await openaiAt(upstream.baseURL)).languageModel('o3-mini').generate({ messages: [user('hello')], maxOutputTokens: 100, maxTokensLegacy: true });
  t.equal(result.choices[0]?.text, 'Hello there! How can I help you today?');
  t.equal(result.choices[0]?.logprobs, null);
  t.equal(result.usage?.reasoningTokens, 64);
  t.equal(result.usage?.completionTokens, 87);
  // Even for a client that spoke `max_tokens`, OpenAI gets `max_completion_tokens` (reasoning models reject the old name).
  t.strictSame(upstream.requests[0]?.json, { model: 'o3-mini', messages: [{ role: 'user', content: 'hello' }], max_completion_tokens: 100 });
});
