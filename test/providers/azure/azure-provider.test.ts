import t from 'tap';
import { ProviderError, type CallOptions } from '../../../sdk/index.js';
import { fakeUpstream, readRecorded, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { azureAt, azureCompletionOf, azureFramesOf, CONTENT_FILTER_ERROR, CONTENT_FILTER_RESULTS, PROMPT_FILTER_CHUNK, sse } from './azure-fixtures.js';

// The Azure plugin against a fake Azure resource: the deployment URL shape, the api-key header,
// the api-version query, Azure's content-filter annotations, finish reasons and errors.

const hello: CallOptions = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] };
const json = (body: unknown, status = 200, headers?: Record<string, string>): FakeReply => ({ status, headers, contentType: 'application/json', body: JSON.stringify(body) });

t.test('a completion goes to /openai/deployments/<deployment>/chat/completions with api-key and api-version', async (t) => {
  const upstream = await fakeUpstream([json(azureCompletionOf(JSON.parse(readRecorded('openai/openai-text.json'))))]);
  t.teardown(() => upstream.close());
  const result = await (await azureAt(`${upstream.baseURL}/`)).languageModel('my-gpt4o').generate(hello);
  const sent = upstream.requests[0]!;
  t.equal(sent.url, '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21');
  t.equal(sent.headers['api-key'], 'azure-key');
  t.equal(sent.headers['authorization'], undefined, 'no OpenAI bearer token');
  t.same(sent.json, { model: 'my-gpt4o', messages: [{ role: 'user', content: 'Hello' }] });
  t.match(result.choices[0]!.text, /^\*\*Holiday Name:\*\* Galaxy Day/);
  t.same(result.usage, { promptTokens: 16, completionTokens: 363, totalTokens: 379, cachedPromptTokens: 0, reasoningTokens: 0, audioPromptTokens: 0, audioCompletionTokens: 0, acceptedPredictionTokens: 0, rejectedPredictionTokens: 0 });
});

t.test('api_version, endpoints given with /openai, and the client’s spelling of the token limit', async (t) => {
  const reply = json(JSON.parse(readRecorded('openai/openai-text.json')));
  const upstream = await fakeUpstream([reply, reply]);
  t.teardown(() => upstream.close());
  const provider = await azureAt(`${upstream.baseURL}/openai/`, { apiVersion: '2025-01-01-preview' });
  await provider.languageModel('o3-mini').generate({ ...hello, maxOutputTokens: 100, messages: [{ role: 'system', developer: true, content: 'Be brief.' }, ...hello.messages] });
  await provider.languageModel('gpt-35').generate({ ...hello, maxOutputTokens: 50, maxTokensLegacy: true });
  t.equal(upstream.requests[0]?.url, '/openai/deployments/o3-mini/chat/completions?api-version=2025-01-01-preview');
  t.same(upstream.requests[0]?.json, { model: 'o3-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }], max_completion_tokens: 100 });
  t.same(upstream.requests[1]?.json, { model: 'gpt-35', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 50 });
});

t.test('a stream: Azure’s prompt-filter chunk is skipped, the identity comes from the first real chunk', async (t) => {
  const upstream = await fakeUpstream([{ contentType: 'text/event-stream', frames: azureFramesOf('openai/openai-text.chunks.txt') }]);
  t.teardown(() => upstream.close());
  const parts = await collect((await (await azureAt(upstream.baseURL)).languageModel('my-gpt4o').stream(hello)).stream);
  const summary = summarize(parts);
  t.equal(summary.metadata?.id, 'chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0');
  t.equal(summary.metadata?.created, 1770933892);
  t.match(summary.text, /^\*\*Holiday Name:\*\*/);
  t.same(summary.finishes.map((finish) => finish.finishReason), ['stop']);
  const recordedUsage = JSON.parse(readRecorded('openai/openai-text.chunks.txt').trim().split('\n').at(-1)!)['usage'];
  t.same([summary.usage?.promptTokens, summary.usage?.completionTokens, summary.usage?.totalTokens], [recordedUsage.prompt_tokens, recordedUsage.completion_tokens, recordedUsage.total_tokens]);
  t.equal(upstream.requests[0]?.url, '/openai/deployments/my-gpt4o/chat/completions?api-version=2024-10-21');
  t.same((upstream.requests[0]?.json as Record<string, unknown>)['stream_options'], { include_usage: true });
});

t.test('finish_reason content_filter passes through, streamed and not', async (t) => {
  const filtered = { id: 'chatcmpl-f', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter', content_filter_results: { ...CONTENT_FILTER_RESULTS, violence: { filtered: true, severity: 'medium' } } }], usage: { prompt_tokens: 5, completion_tokens: 0, total_tokens: 5 } };
  const chunk = (delta: unknown, finish: string | null) => ({ id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 2, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish, content_filter_results: {} }] });
  const upstream = await fakeUpstream([json(filtered), { contentType: 'text/event-stream', frames: sse([PROMPT_FILTER_CHUNK, chunk({ role: 'assistant', content: 'Part' }, null), chunk({}, 'content_filter')]) }]);
  t.teardown(() => upstream.close());
  const model = (await azureAt(upstream.baseURL)).languageModel('gpt-4o');
  const result = await model.generate(hello);
  t.equal(result.choices[0]!.finishReason, 'content_filter');
  t.equal(result.choices[0]!.text, null);
  const summary = summarize(await collect((await model.stream(hello)).stream));
  t.equal(summary.text, 'Part');
  t.same(summary.finishes.map((finish) => finish.finishReason), ['content_filter']);
});

t.test('Azure errors: content_filter 400 → PROVIDER_CONTENT_POLICY; 429, 401 and missing deployments', async (t) => {
  const cases = [
    [json(CONTENT_FILTER_ERROR, 400), 'PROVIDER_CONTENT_POLICY', 400],
    [json({ error: { code: '429', message: 'Requests to the ChatCompletions_Create Operation have exceeded token rate limit. Please retry after 6 seconds.' } }, 429, { 'retry-after': '6' }), 'PROVIDER_RATE_LIMITED', 429],
    [json({ error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } }, 401), 'PROVIDER_AUTHENTICATION', 401],
    [json({ error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' } }, 404), 'PROVIDER_NOT_FOUND', 404],
  ] as const;
  for (const [reply, code, status] of cases) {
    const upstream = await fakeUpstream([reply]);
    const error = await (await azureAt(upstream.baseURL)).languageModel('gpt-4o').generate(hello).then(() => undefined, (caught: unknown) => caught);
    await upstream.close();
    t.ok(error instanceof ProviderError, code);
    t.equal((error as ProviderError).code, code);
    t.equal((error as ProviderError).status, status);
    t.equal((error as ProviderError).provider, 'azure');
    if (code === 'PROVIDER_RATE_LIMITED') t.equal((error as ProviderError).retryAfterMs, 6000);
    if (code === 'PROVIDER_CONTENT_POLICY') t.equal((error as ProviderError).details['upstreamCode'], 'content_filter');
  }
});

t.test('a missing key or endpoint fails calls with PROVIDER_NOT_CONFIGURED naming the variable', async (t) => {
  const noKey = await (await azureAt('http://127.0.0.1:9', { apiKey: undefined })).languageModel('gpt-4o').generate(hello).then(() => undefined, (caught: unknown) => caught);
  t.equal((noKey as ProviderError).code, 'PROVIDER_NOT_CONFIGURED');
  t.match((noKey as ProviderError).message, /AZURE_API_KEY/);
  const noEndpoint = await (await azureAt('', { baseURL: undefined })).languageModel('gpt-4o').generate(hello).then(() => undefined, (caught: unknown) => caught);
  t.equal((noEndpoint as ProviderError).code, 'PROVIDER_NOT_CONFIGURED');
  t.match((noEndpoint as ProviderError).message, /AZURE_API_BASE/);
});

t.test('embeddings go to the deployment’s /embeddings, in input order', async (t) => {
  const upstream = await fakeUpstream([json({ object: 'list', model: 'text-embedding-3-small', data: [{ object: 'embedding', index: 1, embedding: [0.2] }, { object: 'embedding', index: 0, embedding: [0.1] }], usage: { prompt_tokens: 4, total_tokens: 4 } })]);
  t.teardown(() => upstream.close());
  const result = await (await azureAt(upstream.baseURL)).embeddingModel!('embeddings-small').embed({ input: ['a', 'b'] });
  t.same(result.embeddings, [[0.1], [0.2]]);
  t.equal(upstream.requests[0]?.url, '/openai/deployments/embeddings-small/embeddings?api-version=2024-10-21');
  t.equal(upstream.requests[0]?.headers['api-key'], 'azure-key');
});

t.test('metadata by deployment name; credentials checked by listing the resource’s models', async (t) => {
  const upstream = await fakeUpstream([json({ object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'system' }] }), json({ error: { code: '401', message: 'Access denied.' } }, 401)]);
  t.teardown(() => upstream.close());
  const provider = await azureAt(upstream.baseURL);
  t.equal(provider.modelMetadata?.('gpt-4o-mini-prod')?.contextWindow, 128_000);
  t.equal(provider.languageModel('gpt-4.1-2025-04-14').metadata?.maxOutputTokens, 32_768);
  t.equal(provider.modelMetadata?.('support-bot'), undefined);
  t.equal(provider.listModels, undefined, 'deployments cannot be listed on the data plane');
  t.same(await provider.checkCredentials!(), { ok: true });
  t.equal(upstream.requests[0]?.url, '/openai/models?api-version=2024-10-21');
  t.same(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_AUTHENTICATION', message: 'Access denied.' });
});
