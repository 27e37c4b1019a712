import t from 'tap';
import type { CallOptions, FunctionTool } from '../../sdk/index.js';
import { cassette, fakeUpstream, readRecorded } from '../helpers/recorded-fixtures.js';
import { collect, compatibleAt, createTestProvider, summarize, toPrompt, type WireMessage } from './provider-harness.js';

const ask = (text: string, extra: Partial<CallOptions> = {}): CallOptions => ({ messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra });
const cityTools: FunctionTool[] = [
  { type: 'function', name: 'get_weather', description: 'Get the current weather for a city.', parameters: { additionalProperties: false, properties: { city: { type: 'string' } }, required: ['city'], type: 'object' } },
  { type: 'function', name: 'final_result', description: 'The final response which ends this conversation', parameters: { properties: { city: { type: 'string' }, summary: { type: 'string' } }, required: ['city', 'summary'], title: 'CityInfo', type: 'object' } },
];

t.test('together: <think> tags become reasoning (generated and streamed), parallel calls', async (t) => {
  const [streamReply] = cassette('together/stream-think-tags.cassette.yaml');
  const upstream = await fakeUpstream([...cassette('together/text-think-tags.cassette.yaml'), streamReply!, ...cassette('together/parallel-tool-calls.cassette.yaml')]);
  t.teardown(() => upstream.close());
  const provider = await compatibleAt('together', upstream.baseURL);
  const r1 = provider.languageModel('deepseek-ai/DeepSeek-R1');

  const text = await r1.generate(ask('hello'));
  t.equal(text.choices[0]?.text, 'Hello! 👋 How can I help you today?');
  t.match(text.choices[0]?.reasoning, /^Hmm, the user just said "hello"\./);
  t.match(text.choices[0]?.reasoning, /feels right here\.$/);
  t.strictSame(text.usage, { promptTokens: 4, completionTokens: 197, totalTokens: 201, cachedPromptTokens: 0 });

  // Oracle: the raw streamed content, split once at the closing tag.
  const raw = String(streamReply!.body).split('\n\n').filter((frame) => frame.startsWith('data: {'))
    .map((frame) => (JSON.parse(frame.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '').join('');
  const [thought, answer] = raw.replace(/^\s*<think>/, '').split('</think>');
  const streamed = summarize(await collect((await r1.stream(ask('hello'))).stream));
  t.notOk(streamed.text.includes('<think>') || streamed.reasoning.includes('</think>'), 'no tags leak');
  t.equal(streamed.reasoning.trim(), thought?.trim());
  t.equal(streamed.text, answer?.trimStart());
  t.equal(streamed.usage?.completionTokens, 955);
  t.equal(streamed.finishes[0]?.finishReason, 'stop');

  const calls = await provider.languageModel('meta-llama/Llama-4-Scout-17B-16E-Instruct').generate(ask('Get weather for Paris and summarize', { tools: cityTools, toolChoice: { type: 'required' } }));
  t.strictSame(calls.choices[0]?.toolCalls, [
    { id: 'call_c67bb6b901354ca19bd1b70d', name: 'get_weather', arguments: '{"city": "Paris"}' },
    { id: 'call_1113747bb7de47ce8bffe3e9', name: 'final_result', arguments: '{"city": "Paris", "summary": "Weather in Paris"}' },
  ]);
  t.equal(calls.choices[0]?.reasoning, undefined, 'reasoning: null is no reasoning');
  const { stream: _ignored, ...recorded } = cassette('together/parallel-tool-calls.cassette.yaml')[0]?.request.body as Record<string, unknown>;
  t.strictSame(upstream.requests[2]?.json, recorded);
});

t.test('openrouter: tool call, reasoning, streamed reasoning with signature, in-stream error, 429', async (t) => {
  const upstream = await fakeUpstream([
    ...cassette('openrouter/tool-call.cassette.yaml'),
    ...cassette('openrouter/reasoning.cassette.yaml'),
    ...cassette('openrouter/stream-reasoning.cassette.yaml'),
    ...cassette('openrouter/stream-error.cassette.yaml'),
    ...cassette('openrouter/error-429.cassette.yaml'),
  ]);
  t.teardown(() => upstream.close());
  const provider = await compatibleAt('openrouter', upstream.baseURL, { headers: { 'HTTP-Referer': 'https://example.test', 'X-Title': 'Switchyard tests' } });

  const divide: FunctionTool = { type: 'function', name: 'divide', description: 'Divide two numbers.', parameters: { type: 'object' } };
  const tool = await provider.languageModel('mistralai/mistral-small').generate(ask('What is 123 / 456?', { tools: [divide], toolChoice: { type: 'auto' } }));
  t.strictSame(tool.choices[0]?.toolCalls, [{ id: '3sniiMddS', name: 'divide', arguments: '{"numerator": 123, "denominator": 456, "on_inf": "infinity"}' }]);
  t.equal(tool.choices[0]?.finishReason, 'tool_calls');
  t.equal(upstream.requests[0]?.headers['http-referer'], 'https://example.test');
  t.equal(upstream.requests[0]?.headers['x-title'], 'Switchyard tests');

  const reasoning = await provider.languageModel('z-ai/glm-4.6').generate(ask("What was the impact of Voltaire's writings?"));
  t.match(reasoning.choices[0]?.reasoning, /^1\. {2}\*\*Deconstruct the User's Prompt:\*\*/);
  t.notOk(reasoning.choices[0]?.reasoning?.includes('format: unknown'), 'reasoning_details are not appended');
  t.match(reasoning.choices[0]?.text, /Of course\. This is an excellent question/);
  t.equal(reasoning.systemFingerprint, null, 'OpenRouter sends system_fingerprint: null; kept as null');

  const parts = await collect((await provider.languageModel('anthropic/claude-sonnet-4.5').stream(ask('2+2?'))).stream);
  const streamed = summarize(parts);
  t.equal(streamed.reasoning, 'This is a simple arithmetic question. 2+2 equals 4.');
  t.equal(streamed.text, '2 + 2 = 4');
  const signatures = parts.flatMap((part) => (part.type === 'reasoning-delta' && part.signature !== undefined ? [part.signature] : []));
  t.equal(signatures.length, 1);
  t.match(signatures[0], /^Et0BCkgIChACGAIqQA2s7h7tA7IG35fb/);
  t.strictSame(streamed.usage, { promptTokens: 43, completionTokens: 36, totalTokens: 79, cachedPromptTokens: 0, reasoningTokens: 13, audioPromptTokens: 0 });

  const failed = summarize(await collect((await provider.languageModel('minimax/minimax-m2:free').stream(ask('hi', { maxOutputTokens: 10 }))).stream));
  t.equal(failed.reasoning, 'We need to respond to a greeting. The user');
  t.strictSame(failed.finishes, [{ type: 'finish', finishReason: 'length', rawFinishReason: 'length', choice: 0 }], 'the repeated finish chunk counts once');
  t.equal(failed.errors.length, 1);
  t.equal(failed.errors[0]?.code, 'PROVIDER_BAD_REQUEST');
  t.equal(failed.errors[0]?.message, 'Token limit reached');
  t.equal(failed.errors[0]?.details['upstreamStatus'], 400);

  await t.rejects(provider.languageModel('google/gemini-2.0-flash-exp:free').generate(ask('hi')), {
    code: 'PROVIDER_RATE_LIMITED', status: 429, upstreamStatus: 429, message: 'Provider returned error', details: { upstreamCode: '429' },
  });
});

t.test('ollama: keyless, /v1 appended, reasoning sent back as `reasoning`, json_schema request', async (t) => {
  const turns = cassette('ollama/cloud-reasoning-tool-call.cassette.yaml');
  const [schemaTurn] = cassette('ollama/local-json-schema.cassette.yaml');
  const upstream = await fakeUpstream([...turns, schemaTurn!]);
  t.teardown(() => upstream.close());
  const provider = await createTestProvider('provider-openai-compatible', { name: 'ollama', baseURL: upstream.baseURL });
  const model = provider.languageModel('gpt-oss:20b');
  t.equal(model.supportsMultipleChoices, false);
  const requestOf = (turn: number) => turns[turn]?.request.body as { messages: WireMessage[]; tools: { function: Omit<FunctionTool, 'type'> }[] };
  const tools = requestOf(0).tools.map((tool): FunctionTool => ({ type: 'function', ...tool.function }));

  const first = await model.generate({ messages: toPrompt(requestOf(0).messages), tools, toolChoice: { type: 'auto' } });
  t.equal(first.choices[0]?.text, 'Paris.');
  t.match(first.choices[0]?.reasoning, /^We need to answer question/);
  t.equal(first.systemFingerprint, 'fp_ollama');
  t.equal(upstream.requests[0]?.url, '/v1/chat/completions');
  t.equal(upstream.requests[0]?.headers['authorization'], undefined, 'no bogus bearer token for a keyless server');

  const second = await model.generate({ messages: toPrompt(requestOf(1).messages), tools, toolChoice: { type: 'auto' } });
  t.strictSame(second.choices[0]?.toolCalls, [{ id: 'call_o2vnpxrw', name: 'final_result', arguments: '{"city":"Paris","country":"France"}' }]);
  t.equal(second.choices[0]?.finishReason, 'tool_calls');
  const { stream: _ignored, ...recorded } = requestOf(1) as unknown as Record<string, unknown>;
  t.strictSame(upstream.requests[1]?.json, recorded, 'the assistant turn carries `reasoning`, as Ollama expects');

  const schema = { properties: { city: { type: 'string' }, country: { type: 'string' } }, required: ['city', 'country'], title: 'CityLocation', type: 'object' };
  const structured = await provider.languageModel('qwen3:0.6b').generate(ask('What is the capital of France?', { responseFormat: { type: 'json_schema', name: 'CityLocation', schema } }));
  t.same(JSON.parse(structured.choices[0]?.text ?? ''), { city: 'Paris', country: 'France' });
  const { stream: _alsoIgnored, ...recordedSchema } = schemaTurn!.request.body as Record<string, unknown>;
  t.strictSame(upstream.requests[2]?.json, recordedSchema);
});

t.test('openai_compatible: a stream whose tool-call index starts at 1 is renumbered from 0', async (t) => {
  const upstream = await fakeUpstream([{ contentType: 'text/event-stream', body: readRecorded('openai-compatible/tool-call-index-starts-at-1.sse.txt') }]);
  t.teardown(() => upstream.close());
  const provider = await createTestProvider('provider-openai-compatible', { name: 'openai_compatible', baseURL: `${upstream.baseURL}/v1` });
  const parts = await collect((await provider.languageModel('claude-haiku-4-5').stream(ask('Read a.txt'))).stream);
  const streamed = summarize(parts);
  t.equal(streamed.text, 'Reading it.');
  t.same(streamed.toolCalls, [{ index: 0, id: 'toolu_sanitized', name: 'read_file', arguments: '{"path": "a.txt"}', ended: true }]);
  t.strictSame(parts.filter((part) => part.type.startsWith('tool-call')).map((part) => part.type), ['tool-call-start', 'tool-call-delta', 'tool-call-delta', 'tool-call-end']);
  t.strictSame(streamed.finishes, [{ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls', choice: 0 }]);
  t.equal(streamed.usage, undefined, 'this server reports no usage');
  t.equal(upstream.requests[0]?.url, '/v1/chat/completions');
});
