import t from 'tap';
import { Value } from 'typebox/value';
import { PluginManifestSchema } from '../../sdk/index.js';
import { fakeUpstream, type FakeReply } from '../helpers/recorded-fixtures.js';
import { createTestProvider, openaiAt, readManifest } from './provider-harness.js';

const json = (body: unknown, status = 200): FakeReply => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

t.test('both plugin.json files are valid manifests', async (t) => {
  for (const id of ['provider-openai', 'provider-openai-compatible']) {
    const manifest = readManifest(id);
    t.same([...Value.Errors(PluginManifestSchema, manifest)].map((error) => error.message), [], id);
    t.equal(manifest.id, id);
    t.equal(manifest.main, './index.js');
    t.equal(manifest.engine, '^1.0.0');
  }
  const openai = readManifest('provider-openai').provider?.providers[0];
  t.equal(openai?.name, 'openai');
  t.equal(openai?.defaults?.baseURL, 'https://api.openai.com/v1');
  t.same(openai?.envVars, [
    { name: 'OPENAI_API_KEY', setting: 'apiKey', enables: true },
    { name: 'OPENAI_API_BASE', setting: 'baseURL' },
    { name: 'OPENAI_ORGANIZATION', setting: 'organization' },
  ]);
  t.equal(openai?.capabilities?.multipleChoices, true);
});

t.test('embeddings keep input order, pass base64 through and send the requested fields', async (t) => {
  const upstream = await fakeUpstream([
    json({ object: 'list', model: 'text-embedding-3-small', data: [{ object: 'embedding', index: 1, embedding: [0.3, 0.4] }, { object: 'embedding', index: 0, embedding: [0.1, 0.2] }], usage: { prompt_tokens: 5, total_tokens: 5 } }),
    json({ object: 'list', model: 'text-embedding-3-small', data: [{ object: 'embedding', index: 0, embedding: 'AACAPwAAAEA=' }], usage: { prompt_tokens: 2, total_tokens: 2 } }),
  ]);
  t.teardown(() => upstream.close());
  const provider = await openaiAt(upstream.baseURL);
  const model = provider.embeddingModel?.('text-embedding-3-small');
  t.equal(model?.maxInputsPerCall, 2048);

  const floats = await model!.embed({ input: ['first', 'second'], dimensions: 2, user: 'u-1' });
  t.strictSame(floats, { embeddings: [[0.1, 0.2], [0.3, 0.4]], model: 'text-embedding-3-small', usage: { promptTokens: 5, totalTokens: 5 } });
  t.equal(upstream.requests[0]?.url, '/embeddings');
  t.strictSame(upstream.requests[0]?.json, { model: 'text-embedding-3-small', input: ['first', 'second'], encoding_format: 'float', dimensions: 2, user: 'u-1' });

  const base64 = await model!.embed({ input: ['x'], encodingFormat: 'base64' });
  t.strictSame(base64.embeddings, ['AACAPwAAAEA=']);
  t.equal((upstream.requests[1]?.json as { encoding_format: string }).encoding_format, 'base64');
});

t.test('listModels reads /models and attaches known metadata', async (t) => {
  const upstream = await fakeUpstream([json({ object: 'list', data: [
    { id: 'gpt-4o-2024-08-06', object: 'model', created: 1722814719, owned_by: 'system' },
    { id: 'text-embedding-3-large', object: 'model', created: 1705953180, owned_by: 'system' },
    { id: 'ft:gpt-4o:acme', object: 'model', created: 1, owned_by: 'acme' },
  ] })]);
  t.teardown(() => upstream.close());
  const models = await (await openaiAt(upstream.baseURL)).listModels!();
  t.equal(upstream.requests[0]?.url, '/models');
  t.equal(upstream.requests[0]?.method, 'GET');
  t.strictSame(models.map((model) => model.id), ['gpt-4o-2024-08-06', 'text-embedding-3-large', 'ft:gpt-4o:acme']);
  t.strictSame(models[0], { id: 'gpt-4o-2024-08-06', ownedBy: 'system', created: 1722814719, metadata: { contextWindow: 128_000, maxOutputTokens: 16_384, supportsReasoning: false, supportsTools: true, supportsVision: true } });
  t.equal(models[1]?.metadata?.supportsEmbeddings, true);
  t.equal(models[2]?.metadata, undefined);
});

t.test('checkCredentials: ok on a model list, PROVIDER_AUTHENTICATION on 401', async (t) => {
  const upstream = await fakeUpstream([
    json({ object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'system' }] }),
    json({ error: { message: 'Incorrect API key provided: sk-bad.', type: 'invalid_request_error', code: 'invalid_api_key' } }, 401),
  ]);
  t.teardown(() => upstream.close());
  t.strictSame(await (await openaiAt(upstream.baseURL)).checkCredentials!(), { ok: true });
  t.strictSame(await (await openaiAt(upstream.baseURL, { apiKey: 'sk-bad' })).checkCredentials!(), { ok: false, code: 'PROVIDER_AUTHENTICATION', message: 'Incorrect API key provided: sk-bad.' });
  t.equal(upstream.requests[1]?.headers['authorization'], 'Bearer sk-bad');
});

t.test('settings reach the wire: organization, project, extra headers, per-call headers; no SDK retries', async (t) => {
  const upstream = await fakeUpstream([json({ error: { message: 'boom' } }, 500)]);
  t.teardown(() => upstream.close());
  const provider = await openaiAt(upstream.baseURL, { organization: 'org-1', headers: { 'x-team': 'blue' }, options: { project: 'proj-9' } });
  await t.rejects(provider.languageModel('gpt-4o').generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], headers: { 'x-request-id': 'r-1' } }), { code: 'PROVIDER_SERVER_ERROR' });
  t.equal(upstream.requests.length, 1, 'a 500 is not retried by the SDK; the router owns retries');
  const headers = upstream.requests[0]?.headers ?? {};
  t.equal(headers['openai-organization'], 'org-1');
  t.equal(headers['openai-project'], 'proj-9');
  t.equal(headers['x-team'], 'blue');
  t.equal(headers['x-request-id'], 'r-1');
});

t.test('model metadata and capabilities', async (t) => {
  const provider = await openaiAt('http://127.0.0.1:9');
  t.equal(provider.name, 'openai');
  t.equal(provider.modelMetadata?.('gpt-4.1-mini-2025-04-14')?.contextWindow, 1_047_576);
  t.equal(provider.modelMetadata?.('o3')?.supportsReasoning, true);
  t.equal(provider.modelMetadata?.('gpt-5-mini')?.maxOutputTokens, 128_000);
  t.equal(provider.modelMetadata?.('no-such-model'), undefined);
  const model = provider.languageModel('gpt-4o-mini');
  t.equal(model.supportsMultipleChoices, true);
  t.equal(model.metadata?.maxOutputTokens, 16_384);
  t.equal(model.provider, 'openai');
  t.equal(model.modelId, 'gpt-4o-mini');
});

t.test('a provider without an API key fails its calls with PROVIDER_NOT_CONFIGURED', async (t) => {
  const provider = await createTestProvider('provider-openai', { name: 'openai', baseURL: 'http://127.0.0.1:9' });
  await t.rejects(provider.languageModel('gpt-4o').generate({ messages: [] }), { code: 'PROVIDER_NOT_CONFIGURED', message: /OPENAI_API_KEY/ });
  t.strictSame(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_NOT_CONFIGURED', message: "Provider 'openai' has no API key: set OPENAI_API_KEY or providers.openai.api_key." });
});

t.test('embeddings and model listing map failures like chat does', async (t) => {
  const hang: FakeReply = () => undefined;
  const upstream = await fakeUpstream([
    json({ error: { message: "This model's maximum context length is 8192 tokens, however you requested 9000 tokens.", type: 'invalid_request_error', code: null } }, 400),
    hang,
    hang,
  ]);
  t.teardown(() => upstream.close());
  const provider = await openaiAt(upstream.baseURL, { timeoutMs: 100 });
  await t.rejects(provider.embeddingModel!('text-embedding-3-small').embed({ input: ['long'] }), { code: 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', upstreamStatus: 400 });
  await t.rejects(provider.listModels!(), { code: 'PROVIDER_TIMEOUT' });
  t.match(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_TIMEOUT' });
});
