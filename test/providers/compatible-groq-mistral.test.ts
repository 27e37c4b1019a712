import t from 'tap';
import type { CallOptions, FunctionTool } from '../../sdk/index.js';
import { cassette, fakeUpstream, readRecorded, recordedJson, sseFrames } from '../helpers/recorded-fixtures.js';
import { collect, compatibleAt, summarize } from './provider-harness.js';

const ask = (text: string, extra: Partial<CallOptions> = {}): CallOptions => ({ messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra });
const weatherTool: FunctionTool = { type: 'function', name: 'weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } };
type Chunk = { choices: { delta: { content?: unknown; reasoning?: string } }[] };
const chunks = (file: string): Chunk[] => readRecorded(file).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Chunk);
const json = (file: string) => ({ contentType: 'application/json', body: readRecorded(file) });
const sse = (file: string) => ({ contentType: 'text/event-stream', frames: sseFrames(file, 'openai') });

t.test('groq: text, tool call and reasoning, generated and streamed', async (t) => {
  const upstream = await fakeUpstream([
    json('groq/groq-text.json'), sse('groq/groq-text.chunks.txt'),
    json('groq/groq-tool-call.json'), sse('groq/groq-tool-call.chunks.txt'),
    json('groq/groq-reasoning.json'), sse('groq/groq-reasoning.chunks.txt'),
  ]);
  t.teardown(() => upstream.close());
  const provider = await compatibleAt('groq', upstream.baseURL);
  const model = provider.languageModel('llama-3.3-70b-versatile');

  const text = await model.generate(ask('Invent a holiday', { maxOutputTokens: 1000 }));
  t.equal(text.choices[0]?.text, recordedJson<{ choices: { message: { content: string } }[] }>('groq/groq-text.json').choices[0]?.message.content);
  t.equal(text.choices[0]?.refusal, null, 'missing refusal becomes null');
  t.equal(text.serviceTier, 'on_demand');
  t.strictSame(text.usage, { promptTokens: 45, completionTokens: 607, totalTokens: 652 });
  t.equal(upstream.requests[0]?.url, '/chat/completions');
  t.equal(upstream.requests[0]?.headers['authorization'], 'Bearer groq-key');
  t.strictSame(upstream.requests[0]?.json, { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Invent a holiday' }], max_tokens: 1000 });

  const streamed = summarize(await collect((await model.stream(ask('Invent a holiday'))).stream));
  t.equal(streamed.text, chunks('groq/groq-text.chunks.txt').map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''));
  t.match(streamed.text, /^Introducing "Luminaria"/);
  t.strictSame(streamed.usage, { promptTokens: 45, completionTokens: 662, totalTokens: 707 });
  t.equal(streamed.finishes[0]?.finishReason, 'stop');

  const tool = await model.generate(ask('Weather in SF?', { tools: [weatherTool] }));
  t.equal(tool.choices[0]?.text, null, 'Groq leaves out content with tool calls');
  t.strictSame(tool.choices[0]?.toolCalls, [{ id: 'ax9fskhev', name: 'weather', arguments: '{}' }]);
  t.equal(tool.choices[0]?.finishReason, 'tool_calls');

  const streamedTool = summarize(await collect((await model.stream(ask('Weather in SF?', { tools: [weatherTool] }))).stream));
  t.same(streamedTool.toolCalls, [{ index: 0, id: 'tk85n1k4m', name: 'weather', arguments: '{}', ended: true }]);
  t.strictSame(streamedTool.finishes, [{ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls', choice: 0 }]);
  t.strictSame(streamedTool.usage, { promptTokens: 210, completionTokens: 15, totalTokens: 225 });

  const reasoning = await model.generate(ask('How many r in strawberry?'));
  t.match(reasoning.choices[0]?.reasoning, /^Okay, so the user is asking how many times the letter "r" appears/);
  t.match(reasoning.choices[0]?.text, /contains \*\*3\*\* instances/);
  t.equal(reasoning.usage?.reasoningTokens, 570);

  const streamedReasoning = summarize(await collect((await model.stream(ask('How many r in strawberry?'))).stream));
  const recorded = chunks('groq/groq-reasoning.chunks.txt');
  t.equal(streamedReasoning.reasoning, recorded.map((chunk) => chunk.choices[0]?.delta.reasoning ?? '').join(''));
  t.equal(streamedReasoning.reasoning.length, 2952);
  t.equal(streamedReasoning.text.length, 347);
  t.equal(streamedReasoning.usage?.reasoningTokens, 963);
});

t.test('groq: parallel calls, recorded 400/404 errors and the in-stream `event: error`', async (t) => {
  const [parallel] = cassette('groq/parallel-tool-calls.cassette.yaml');
  const [toolUseFailed] = cassette('groq/error-400-tool-use-failed.cassette.yaml');
  const [notFound] = cassette('groq/error-404-model-not-found.cassette.yaml');
  const streamTurns = cassette('groq/stream-error-tool-use-failed.cassette.yaml');
  const upstream = await fakeUpstream([parallel!, toolUseFailed!, notFound!, ...streamTurns]);
  t.teardown(() => upstream.close());
  const provider = await compatibleAt('groq', upstream.baseURL);

  const calls = await provider.languageModel('meta-llama/llama-4-scout-17b-16e-instruct').generate(ask('Get weather for Paris and summarize', { toolChoice: { type: 'required' }, n: 1 }));
  t.strictSame(calls.choices[0]?.toolCalls, [
    { id: 'rew01jq49', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { id: 'gbpypqxpx', name: 'final_result', arguments: '{"city":"Paris","summary":"Current weather in Paris"}' },
  ]);
  t.equal((upstream.requests[0]?.json as Record<string, unknown>)['tool_choice'], 'required');

  await t.rejects(provider.languageModel('openai/gpt-oss-120b').generate(ask('call it badly')), {
    code: 'PROVIDER_BAD_REQUEST', upstreamStatus: 400, details: { upstreamCode: 'tool_use_failed' }, message: /^Tool call validation failed/,
  });
  await t.rejects(provider.languageModel('non-existent').generate(ask('hello')), { code: 'PROVIDER_NOT_FOUND', message: 'The model `non-existent` does not exist or you do not have access to it.' });

  const model = provider.languageModel('openai/gpt-oss-120b');
  const failed = summarize(await collect((await model.stream(ask('call it badly'))).stream));
  t.match(failed.reasoning, /^We need to call the tool/);
  t.equal(failed.errors.length, 1);
  t.equal(failed.errors[0]?.code, 'PROVIDER_BAD_REQUEST');
  t.equal(failed.errors[0]?.details['upstreamStatus'], 400);
  t.equal(failed.errors[0]?.details['upstreamCode'], 'tool_use_failed');
  t.same(failed.finishes, [], 'no finish after an error');

  for (const turn of [1, 2]) {
    const ok = summarize(await collect((await model.stream(ask('try again'))).stream));
    t.same(ok.errors, [], `turn ${turn} streams without error`);
    t.equal(ok.finishes.length, 1);
  }
});

t.test('mistral: content arrays, tool calls without type or index, whole-call deltas', async (t) => {
  const upstream = await fakeUpstream([
    json('mistral/mistral-text.json'), sse('mistral/mistral-text.chunks.txt'),
    json('mistral/mistral-tool-call.json'), sse('mistral/mistral-tool-call.chunks.txt'),
    sse('mistral/mistral-incremental-tool-call.chunks.txt'),
    json('mistral/mistral-reasoning.json'), sse('mistral/mistral-reasoning.chunks.txt'),
  ]);
  t.teardown(() => upstream.close());
  const model = (await compatibleAt('mistral', upstream.baseURL)).languageModel('mistral-small-latest');

  const text = await model.generate(ask('Invent a holiday', { seed: 7, user: 'u-1', temperature: 0.2 }));
  t.match(text.choices[0]?.text, /^\*\*Holiday Name: "World Kindness Day of Sharing"\*\*/);
  t.equal(text.choices[0]?.logprobs, null, 'missing logprobs becomes null');
  t.same(text.choices[0]?.toolCalls, [], 'tool_calls: null becomes []');
  t.strictSame(text.warnings, [{ parameter: 'user', message: "This provider does not accept 'user'; it was not sent." }]);
  t.strictSame(upstream.requests[0]?.json, { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Invent a holiday' }], temperature: 0.2, random_seed: 7 });

  const streamed = summarize(await collect((await model.stream(ask('Say hello'))).stream));
  t.equal(streamed.text, 'Hello, world! This is a test response.');
  t.strictSame(streamed.usage, { promptTokens: 13, completionTokens: 8, totalTokens: 21 });
  t.notOk('stream_options' in (upstream.requests[1]?.json as object), 'Mistral rejects stream_options');

  const tool = await model.generate(ask('Weather in SF?', { tools: [weatherTool] }));
  t.strictSame(tool.choices[0]?.toolCalls, [{ id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
  t.equal(tool.choices[0]?.text, null);

  const streamedTool = summarize(await collect((await model.stream(ask('Weather in SF?', { tools: [weatherTool] }))).stream));
  t.same(streamedTool.toolCalls, [{ index: 0, id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}', ended: true }]);
  t.equal(streamedTool.finishes[0]?.finishReason, 'tool_calls');
  t.equal(streamedTool.usage?.totalTokens, 146);

  const incremental = summarize(await collect((await model.stream(ask('Berlin weather?'))).stream));
  t.same(incremental.toolCalls, [{ index: 0, id: 'chatcmpl-tool-9f149c74c42f265b', name: 'webSearchTool', arguments: '{"query": "current Berlin weather"}', ended: true }]);
  t.equal(incremental.usage?.cachedPromptTokens, 128);

  const reasoning = await model.generate(ask('2+2?'));
  t.equal(reasoning.choices[0]?.text, '2 + 2 = 4');
  t.equal(reasoning.choices[0]?.reasoning, 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.');

  const streamedReasoning = summarize(await collect((await model.stream(ask('2+2?'))).stream));
  t.equal(streamedReasoning.text, '2 + 2 = 4');
  t.equal(streamedReasoning.reasoning, 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.');
});

t.test('mistral cassettes: tool call round trip and streamed thinking', async (t) => {
  const upstream = await fakeUpstream([...cassette('mistral/tool-call.cassette.yaml'), ...cassette('mistral/stream-thinking.cassette.yaml')]);
  t.teardown(() => upstream.close());
  const provider = await compatibleAt('mistral', upstream.baseURL);
  const model = provider.languageModel('mistral-large-latest');
  const tools: FunctionTool[] = [{ type: 'function', name: 'get_weather', description: 'Get the current weather for a city.', parameters: { additionalProperties: false, properties: { city: { type: 'string' } }, required: ['city'], type: 'object' } }];
  const first = await model.generate(ask('What is the weather in Paris?', { tools, toolChoice: { type: 'auto' } }));
  t.strictSame(first.choices[0]?.toolCalls, [{ id: 'KikbB849t', name: 'get_weather', arguments: '{"city": "Paris"}' }]);
  t.equal(first.usage?.cachedPromptTokens, 76, 'Mistral num_cached_tokens');
  const second = await model.generate(ask('What is the weather in Paris?', { tools }));
  t.match(second.choices[0]?.text, /^The current weather in \*\*Paris\*\* is \*\*sunny\*\*/);

  const thinking = summarize(await collect((await provider.languageModel('magistral-medium-latest').stream(ask('How do I cross the street?'))).stream));
  t.match(thinking.reasoning, /^Okay, the user is asking/);
  t.match(thinking.text, /crossing\.$/);
  t.strictSame(thinking.usage, { promptTokens: 10, completionTokens: 232, totalTokens: 242 });
});
