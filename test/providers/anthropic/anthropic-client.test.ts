import t from 'tap';
import { ProviderError } from '../../../sdk/index.js';
import { fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { anthropicAt, ask, messageReply, recordingLogger, sentBody } from './anthropic-harness.js';

// Connection settings: base URL, credentials and their header, API version, headers; models API.

t.test('the key goes in x-api-key by default, with no Authorization header', async (t) => {
  const { request } = await sentBody(ask('hi'));
  t.equal(request.url, '/v1/messages');
  t.equal(request.headers['x-api-key'], 'sk-ant-test');
  t.notOk('authorization' in request.headers);
  t.equal(request.headers['anthropic-version'], '2026-10-21');
  t.equal(request.method, 'POST');
});

t.test('auth_header: bearer sends Authorization: Bearer for proxies that expect it', async (t) => {
  const { request } = await sentBody(ask('hi'), 'claude-haiku-4-5', { options: { auth_header: 'bearer' } });
  t.equal(request.headers['authorization'], 'Bearer sk-ant-test');
  t.notOk('x-api-key' in request.headers);
});

t.test('a credential given only as auth_token (ANTHROPIC_AUTH_TOKEN) is a Bearer token', async (t) => {
  const { request } = await sentBody(ask('hi'), 'claude-haiku-4-5', { apiKey: undefined, options: { auth_token: 'oauth-token' } });
  t.equal(request.headers['authorization'], 'Bearer oauth-token');
  t.notOk('x-api-key' in request.headers);
});

t.test('an unknown auth_header value is ignored with a warning', async (t) => {
  const upstream = await fakeUpstream([messageReply()]);
  t.teardown(() => upstream.close());
  const logger = recordingLogger();
  await (await anthropicAt(upstream.baseURL, { options: { auth_header: 'cookie' } }, logger)).languageModel('claude-haiku-4-5').generate(ask('hi'));
  t.equal(upstream.requests[0]?.headers['x-api-key'], 'sk-ant-test');
  t.match(logger.warnings.join('\n'), /auth_header/);
});

t.test('api_base with a trailing /v1 or slash, plain http, and a path prefix all reach /…/v1/messages', async (t) => {
  const upstream = await fakeUpstream([messageReply(), messageReply(), messageReply()]);
  t.teardown(() => upstream.close());
  for (const base of [`${upstream.baseURL}/v1`, `${upstream.baseURL}/v1/`, `${upstream.baseURL}/corp/anthropic/`]) {
    await (await anthropicAt(base)).languageModel('claude-haiku-4-5').generate(ask('hi'));
  }
  t.same(upstream.requests.map((request) => request.url), ['/v1/messages', '/v1/messages', '/corp/anthropic/v1/messages']);
});

t.test('api_version, provider headers and per-call headers are sent', async (t) => {
  const upstream = await fakeUpstream([messageReply()]);
  t.teardown(() => upstream.close());
  const provider = await anthropicAt(upstream.baseURL, { apiVersion: '2023-06-01', headers: { 'anthropic-beta': 'context-1m-2025-08-07', 'x-team': 'core' } });
  await provider.languageModel('claude-haiku-4-5').generate(ask('hi', { headers: { 'x-request-tag': 'abc' } }));
  const headers = upstream.requests[0]!.headers;
  t.equal(headers['anthropic-version'], '2023-06-01');
  t.equal(headers['anthropic-beta'], 'context-1m-2025-08-07');
  t.equal(headers['x-team'], 'core');
  t.equal(headers['x-request-tag'], 'abc');
});

t.test('without a credential every call fails with PROVIDER_NOT_CONFIGURED, before any request', async (t) => {
  const upstream = await fakeUpstream([messageReply()]);
  t.teardown(() => upstream.close());
  const provider = await anthropicAt(upstream.baseURL, { apiKey: undefined });
  const error = await provider.languageModel('claude-haiku-4-5').generate(ask('hi')).then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof ProviderError);
  t.equal((error as ProviderError).code, 'PROVIDER_NOT_CONFIGURED');
  t.match((error as ProviderError).message, /ANTHROPIC_API_KEY/);
  t.equal(upstream.requests.length, 0);
});

t.test('model metadata for current models, dated snapshots and generation 5', async (t) => {
  const provider = await anthropicAt('http://127.0.0.1:9');
  t.same(provider.modelMetadata?.('claude-sonnet-4-20250514'), { contextWindow: 200_000, maxOutputTokens: 64_000, supportsReasoning: true, supportsTools: true, supportsVision: true });
  t.equal(provider.modelMetadata?.('claude-opus-4-7')?.maxOutputTokens, 128_000);
  t.equal(provider.modelMetadata?.('claude-3-5-haiku-latest')?.supportsReasoning, false);
  t.equal(provider.modelMetadata?.('claude-fable-5')?.contextWindow, 1_000_000);
  t.equal(provider.modelMetadata?.('claude-sonnet-5-5')?.supportsReasoning, true);
  t.equal(provider.modelMetadata?.('gpt-4o'), undefined);
  const model = provider.languageModel('claude-haiku-4-5-20251001');
  t.equal(model.metadata?.contextWindow, 200_000);
  t.equal(model.supportsMultipleChoices, false);
  t.equal(model.provider, 'anthropic');
});

const modelsPage = (data: unknown[], hasMore = false, lastId: string | null = null) => ({
  contentType: 'application/json',
  body: JSON.stringify({ data, has_more: hasMore, first_id: null, last_id: lastId }),
});
const modelInfo = (id: string, extra: Record<string, unknown> = {}) => ({ type: 'model', id, display_name: id, created_at: '2025-10-01T00:00:00Z', ...extra });

t.test('listModels reads every page of /v1/models, preferring the API\'s own limits', async (t) => {
  const upstream = await fakeUpstream([
    modelsPage([modelInfo('claude-haiku-4-5-20251001', { max_input_tokens: 200000, max_tokens: 64000, capabilities: { thinking: { supported: true }, image_input: { supported: true } } })], true, 'claude-haiku-4-5-20251001'),
    modelsPage([modelInfo('claude-opus-4-7'), modelInfo('claude-new-model', { max_input_tokens: 500000, max_tokens: 100000, capabilities: { thinking: { supported: false }, image_input: { supported: false } } })]),
  ]);
  t.teardown(() => upstream.close());
  const listed = await (await anthropicAt(upstream.baseURL)).listModels!();
  t.same(listed, [
    { id: 'claude-haiku-4-5-20251001', ownedBy: 'anthropic', created: 1759276800, metadata: { contextWindow: 200000, maxOutputTokens: 64000, supportsReasoning: true, supportsTools: true, supportsVision: true } },
    { id: 'claude-opus-4-7', ownedBy: 'anthropic', created: 1759276800, metadata: { contextWindow: 1_000_000, maxOutputTokens: 128_000, supportsReasoning: true, supportsTools: true, supportsVision: true } },
    { id: 'claude-new-model', ownedBy: 'anthropic', created: 1759276800, metadata: { contextWindow: 500000, maxOutputTokens: 100000, supportsReasoning: false, supportsTools: true, supportsVision: false } },
  ]);
  t.same(upstream.requests.map((request) => request.url), ['/v1/models', '/v1/models?after_id=claude-haiku-4-5-20251001']);
  t.equal(upstream.requests[0]?.method, 'GET');
});

t.test('checkCredentials lists one model; a rejected key is reported, not thrown', async (t) => {
  const upstream = await fakeUpstream([
    modelsPage([modelInfo('claude-haiku-4-5')], true, 'claude-haiku-4-5'),
    { status: 401, contentType: 'application/json', body: JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }) },
  ]);
  t.teardown(() => upstream.close());
  const provider = await anthropicAt(upstream.baseURL);
  t.same(await provider.checkCredentials!(), { ok: true });
  t.equal(upstream.requests[0]?.url, '/v1/models?limit=1');
  t.same(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_AUTHENTICATION', message: 'invalid x-api-key' });
  t.equal(upstream.requests.length, 2, 'one request per check, no paging on');
  const unconfigured = await anthropicAt(upstream.baseURL, { apiKey: undefined });
  t.same(await unconfigured.checkCredentials!(), { ok: false, code: 'PROVIDER_NOT_CONFIGURED', message: "Provider 'anthropic' has no API key: set ANTHROPIC_API_KEY or providers.anthropic.api_key." });
});

t.test('an Authorization header from extra_headers is sent as configured', async (t) => {
  const { request } = await sentBody(ask('hi'), 'claude-haiku-4-5', { headers: { Authorization: 'Bearer corp-sso-token' } });
  t.equal(request.headers['authorization'], 'Bearer corp-sso-token');
  t.equal(request.headers['x-api-key'], 'sk-ant-test');
});
