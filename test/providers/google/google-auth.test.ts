import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { ProviderError, type ProviderSettings } from '../../../sdk/index.js';
import { splitApiBase, vertexBaseUrl } from '../../../plugins/provider-google/create-google-client.js';
import { createGoogleProvider } from '../../../plugins/provider-google/create-google-provider.js';
import { resolveVertexAuth, type VertexAuthEnvironment } from '../../../plugins/provider-google/resolve-vertex-auth.js';
import { fakeUpstream, readRecorded } from '../../helpers/recorded-fixtures.js';
import { createGoogleTestProvider, geminiAt, TEST_LOCATION, TEST_PROJECT, userSays } from './google-test-provider.js';

// Where calls go and how they authenticate. No test here reaches Google, a metadata server or
// an OAuth endpoint: Vertex AI credentials come from api_key (a static token) or from injected
// files, and credential discovery runs against an injected, empty machine.

const hello = userSays('hello');
const answer = { contentType: 'application/json', body: readRecorded('google/google-text.json') };
const SERVICE_ACCOUNT = { type: 'service_account', project_id: 'sa-project', client_email: 'bot@sa-project.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' };
const EXPRESS_KEY = `AIza${'x'.repeat(35)}`;

/** An empty machine: no files, no variables. */
function machine(files: Record<string, string> = {}, env: Record<string, string> = {}): VertexAuthEnvironment {
  return { homeDirectory: '/home/test', platform: 'linux', env, readFile: (file) => files[file] };
}
const vertexSettings = (extra: Partial<ProviderSettings> = {}): ProviderSettings => ({ name: 'vertex_ai', options: { vertex_project: TEST_PROJECT }, ...extra });

t.test('gemini: api_base replaces the root; a trailing API version is not doubled; plain http works', async (t) => {
  const upstream = await fakeUpstream([answer, answer, answer, answer]);
  t.teardown(() => upstream.close());
  for (const [baseURL, apiVersion, url] of [
    [upstream.baseURL, undefined, '/v1beta/models/gemini-2.5-flash:generateContent'],
    [`${upstream.baseURL}/v1beta`, undefined, '/v1beta/models/gemini-2.5-flash:generateContent'],
    [`${upstream.baseURL}/corp/gemini/v1alpha/`, undefined, '/corp/gemini/v1alpha/models/gemini-2.5-flash:generateContent'],
    [`${upstream.baseURL}/corp`, 'v1', '/corp/v1/models/gemini-2.5-flash:generateContent'],
  ] as const) {
    await (await geminiAt(baseURL, apiVersion === undefined ? {} : { apiVersion })).languageModel('gemini-2.5-flash').generate(hello);
    t.equal(upstream.requests[upstream.requests.length - 1]!.url, url, baseURL);
  }
  t.ok(upstream.requests.every((request) => request.headers['x-goog-api-key'] === 'gemini-test-key'));
});

t.test('default Vertex AI hosts per location; api_base must be a URL', async (t) => {
  t.equal(vertexBaseUrl('global'), 'https://aiplatform.googleapis.com/');
  t.equal(vertexBaseUrl('us'), 'https://aiplatform.us.rep.googleapis.com/');
  t.equal(vertexBaseUrl('europe-west4'), 'https://europe-west4-aiplatform.googleapis.com/');
  t.same(splitApiBase('http://127.0.0.1:9/v1beta1', 'vertex_ai'), { baseUrl: 'http://127.0.0.1:9/', apiVersion: 'v1beta1' });
  t.same(splitApiBase('https://proxy.corp/google/', 'gemini'), { baseUrl: 'https://proxy.corp/google/' });
  t.throws(() => splitApiBase('not a url', 'gemini'), { code: 'PROVIDER_NOT_CONFIGURED' });
});

t.test('vertex_ai: project and location in the path, the api_key as a bearer token, extra headers sent', async (t) => {
  const upstream = await fakeUpstream([answer, answer]);
  t.teardown(() => upstream.close());
  const provider = await createGoogleTestProvider({ name: 'vertex_ai', apiKey: 'ya29.token', baseURL: `${upstream.baseURL}/v1`, headers: { 'x-goog-user-project': 'billing' }, options: { vertex_project: TEST_PROJECT, vertex_location: TEST_LOCATION } });
  await provider.languageModel('gemini-2.5-pro').generate(hello);
  const [request] = upstream.requests;
  t.equal(request!.url, `/v1/projects/${TEST_PROJECT}/locations/${TEST_LOCATION}/publishers/google/models/gemini-2.5-pro:generateContent`);
  t.equal(request!.headers['authorization'], 'Bearer ya29.token');
  t.equal(request!.headers['x-goog-api-key'], undefined);
  t.equal(request!.headers['x-goog-user-project'], 'billing');
  const express = await createGoogleTestProvider({ name: 'vertex_ai', apiKey: EXPRESS_KEY, baseURL: upstream.baseURL });
  await express.languageModel('gemini-2.5-flash').generate(hello);
  t.equal(upstream.requests[1]!.url, '/v1beta1/publishers/google/models/gemini-2.5-flash:generateContent', 'express mode: no project in the path');
  t.equal(upstream.requests[1]!.headers['x-goog-api-key'], EXPRESS_KEY);
  t.equal(upstream.requests[1]!.headers['authorization'], undefined);
});

t.test('missing settings: calls fail naming what to set, before anything goes upstream', async (t) => {
  const upstream = await fakeUpstream([]);
  t.teardown(() => upstream.close());
  const noKey = await createGoogleTestProvider({ name: 'gemini', baseURL: upstream.baseURL });
  const keyError = await noKey.languageModel('gemini-2.5-flash').generate(hello).catch((error: unknown) => error);
  t.equal((keyError as ProviderError).code, 'PROVIDER_NOT_CONFIGURED');
  t.match((keyError as ProviderError).message, /GEMINI_API_KEY/);
  const noProject = await createGoogleTestProvider({ name: 'vertex_ai', apiKey: 'ya29.token', baseURL: upstream.baseURL });
  const projectError = await noProject.languageModel('gemini-2.5-flash').stream(hello).catch((error: unknown) => error);
  t.equal((projectError as ProviderError).code, 'PROVIDER_NOT_CONFIGURED');
  t.match((projectError as ProviderError).message, /GOOGLE_CLOUD_PROJECT/);
  t.equal(upstream.requests.length, 0);
});

t.test('GOOGLE_CLOUD_PROJECT set but no credentials anywhere: PROVIDER_AUTHENTICATION naming what to set', async (t) => {
  const upstream = await fakeUpstream([]);
  t.teardown(() => upstream.close());
  const provider = createGoogleProvider(vertexSettings({ baseURL: upstream.baseURL }), { vertex: true, fetch: globalThis.fetch, environment: machine() });
  for (const call of [() => provider.languageModel('gemini-2.5-flash').generate(hello), () => provider.languageModel('gemini-2.5-flash').stream(hello)]) {
    const error = await call().catch((caught: unknown) => caught);
    t.equal((error as ProviderError).code, 'PROVIDER_AUTHENTICATION');
    t.equal((error as ProviderError).status, 401);
    t.match((error as ProviderError).message, /GOOGLE_APPLICATION_CREDENTIALS.*gcloud auth application-default login.*api_key/);
  }
  t.match(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_AUTHENTICATION', message: /GOOGLE_APPLICATION_CREDENTIALS/ });
  t.equal(upstream.requests.length, 0);
  // Through the plugin as loaded: the metadata server turned off, gcloud's folder empty.
  const empty = mkdtempSync(path.join(tmpdir(), 'switchyard-gcloud-'));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  const loaded = await createGoogleTestProvider({ name: 'vertex_ai', baseURL: upstream.baseURL, options: { vertex_project: TEST_PROJECT, cloudsdk_config: empty, metadata_server_detection: 'none' } });
  const error = await loaded.languageModel('gemini-2.5-flash').generate(hello).catch((caught: unknown) => caught);
  t.equal((error as ProviderError).code, 'PROVIDER_AUTHENTICATION');
});

t.test('failures before the request: unusable credentials are authentication errors, SDK checks bad requests', async (t) => {
  const upstream = await fakeUpstream([]);
  t.teardown(() => upstream.close());
  // A key that cannot sign: google-auth-library fails while signing, before any token request.
  const provider = await createGoogleTestProvider({ name: 'vertex_ai', baseURL: upstream.baseURL, options: { vertex_project: TEST_PROJECT, vertex_credentials: JSON.stringify(SERVICE_ACCOUNT) } });
  const auth = await provider.languageModel('gemini-2.5-flash').generate(hello).catch((error: unknown) => error);
  t.equal((auth as ProviderError).code, 'PROVIDER_AUTHENTICATION');
  t.match((auth as ProviderError).message, /^Could not obtain credentials for vertex_ai: /);
  const badModel = await (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash?alt=x').generate(hello).catch((error: unknown) => error);
  t.equal((badModel as ProviderError).code, 'PROVIDER_BAD_REQUEST');
  t.match((badModel as ProviderError).message, /invalid model parameter/);
  t.equal(upstream.requests.length, 0);
});

t.test('credential discovery order, without any network', async (t) => {
  const token = resolveVertexAuth(vertexSettings({ apiKey: 'ya29.abc' }), machine());
  t.equal(token.kind, 'google-auth');
  const headers = await (token.kind === 'google-auth' ? (token.googleAuthOptions.authClient as unknown as { getRequestHeaders(): Promise<Headers> }).getRequestHeaders() : undefined);
  t.equal(headers?.get('authorization'), 'Bearer ya29.abc', 'a non-key api_key is a bearer token');
  t.same(resolveVertexAuth(vertexSettings({ apiKey: EXPRESS_KEY }), machine()), { kind: 'api-key', apiKey: EXPRESS_KEY });

  const inline = resolveVertexAuth(vertexSettings({ options: { vertex_credentials: JSON.stringify(SERVICE_ACCOUNT) } }), machine());
  t.match(inline, { kind: 'google-auth', projectId: 'sa-project', source: 'vertex_credentials', googleAuthOptions: { credentials: SERVICE_ACCOUNT, scopes: ['https://www.googleapis.com/auth/cloud-platform'] } });
  const fromFile = resolveVertexAuth(vertexSettings({ options: { vertex_credentials: '/keys/sa.json' } }), machine({ '/keys/sa.json': JSON.stringify(SERVICE_ACCOUNT) }));
  t.match(fromFile, { kind: 'google-auth', projectId: 'sa-project', googleAuthOptions: { credentials: SERVICE_ACCOUNT } });
  const asObject = resolveVertexAuth(vertexSettings({ options: { vertex_credentials: SERVICE_ACCOUNT } }), machine());
  t.match(asObject, { projectId: 'sa-project' }, 'a YAML mapping works too');
});

t.test('credential files that cannot be used are authentication errors that do not echo secrets', async (t) => {
  const failure = (settings: ProviderSettings): ProviderError | undefined => {
    try {
      resolveVertexAuth(settings, machine());
    } catch (error) {
      return error as ProviderError;
    }
    return undefined;
  };
  const unreadable = failure(vertexSettings({ options: { vertex_credentials: '/keys/none.json' } }));
  t.equal(unreadable?.code, 'PROVIDER_AUTHENTICATION');
  t.match(unreadable?.message, /\/keys\/none\.json/);
  const invalid = failure(vertexSettings({ options: { vertex_credentials: '{"private_key": "SECRET' } }));
  t.equal(invalid?.code, 'PROVIDER_AUTHENTICATION');
  t.notMatch(invalid?.message, /SECRET/);
  t.equal(failure(vertexSettings({ options: { vertex_credentials: 42 } }))?.code, 'PROVIDER_AUTHENTICATION');
});

t.test('application-default credentials: gcloud’s file, then the metadata server only on Google Cloud', async (t) => {
  const adc = JSON.stringify({ type: 'authorized_user', client_id: 'c', client_secret: 's', refresh_token: 'r', quota_project_id: 'quota-project' });
  t.match(resolveVertexAuth(vertexSettings(), machine({ '/home/test/.config/gcloud/application_default_credentials.json': adc })), { kind: 'google-auth', projectId: 'quota-project', source: '/home/test/.config/gcloud/application_default_credentials.json' });
  t.match(resolveVertexAuth(vertexSettings({ options: { vertex_project: 'p', cloudsdk_config: '/etc/gcloud' } }), machine({ '/etc/gcloud/application_default_credentials.json': adc })), { source: '/etc/gcloud/application_default_credentials.json' });
  const onGce = machine({ '/sys/class/dmi/id/product_name': 'Google Compute Engine\n' });
  t.match(resolveVertexAuth(vertexSettings(), onGce), { kind: 'google-auth', source: 'metadata server' });
  t.match(resolveVertexAuth(vertexSettings(), machine({}, { K_SERVICE: 'gateway' })), { source: 'metadata server' }, 'Cloud Run');
  t.match(resolveVertexAuth(vertexSettings({ options: { vertex_project: 'p', metadata_server_detection: 'assume-present' } }), machine()), { source: 'metadata server' });
  t.throws(() => resolveVertexAuth(vertexSettings({ options: { vertex_project: 'p', metadata_server_detection: 'none' } }), onGce), { code: 'PROVIDER_AUTHENTICATION' }, 'none turns the metadata server off');
  t.throws(() => resolveVertexAuth(vertexSettings(), machine()), { code: 'PROVIDER_AUTHENTICATION' });
});
