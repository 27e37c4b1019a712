import t from 'tap';
import { ProviderError } from '../../../sdk/index.js';
import { eventFrame, EVENT_STREAM_CONTENT_TYPE } from '../../helpers/bedrock-event-stream.js';
import { fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { once } from '../provider-harness.js';
import { captureGenerate, converseReply } from './bedrock-capture.js';
import { bedrockAt, userSays } from './bedrock-test-provider.js';

// How the plugin reaches Bedrock: endpoints, model ids in the path, credentials, headers,
// the caller's abort, model metadata, listing and the credentials check.

const ARN = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0';

t.test('inference-profile ARNs and LiteLLM route prefixes: the path encodes the id, metadata still resolves', async (t) => {
  const arn = await captureGenerate(userSays('Hi'), ARN);
  t.equal(arn.url, '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-20250514-v1%3A0/converse');
  const routed = await captureGenerate(userSays('Hi'), 'converse/eu.amazon.nova-pro-v1:0');
  t.equal(routed.url, '/model/eu.amazon.nova-pro-v1%3A0/converse');
  const provider = await bedrockAt('http://127.0.0.1:9');
  t.same(provider.languageModel(ARN).metadata, { contextWindow: 200_000, maxOutputTokens: 64_000, supportsReasoning: true, supportsTools: true, supportsVision: true });
  t.equal(provider.modelMetadata?.('global.anthropic.claude-haiku-4-5-20251001-v1:0')?.maxOutputTokens, 64_000);
  t.equal(provider.modelMetadata?.('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123'), undefined);
});

t.test('api_base keeps its path prefix; aws_bedrock_runtime_endpoint is used without one', async (t) => {
  const upstream = await fakeUpstream([converseReply(), converseReply()]);
  t.teardown(() => upstream.close());
  await (await bedrockAt(`${upstream.baseURL}/corporate/bedrock/`)).languageModel('amazon.nova-micro-v1:0').generate(userSays('Hi'));
  t.equal(upstream.requests[0]?.url, '/corporate/bedrock/model/amazon.nova-micro-v1%3A0/converse');
  await (await bedrockAt('', { baseURL: undefined, options: { aws_bedrock_runtime_endpoint: upstream.baseURL, aws_region_name: 'eu-west-1' } })).languageModel('amazon.nova-micro-v1:0').generate(userSays('Hi'));
  t.equal(upstream.requests[1]?.url, '/model/amazon.nova-micro-v1%3A0/converse');
  t.match(upstream.requests[1]?.headers['authorization'], /\/eu-west-1\/bedrock\/aws4_request/, 'signed for the configured region');
});

t.test('credentials: session tokens go with temporary keys only; a Bedrock API key is a bearer token', async (t) => {
  const temporary = await captureGenerate(userSays('Hi'), undefined, undefined, { options: { aws_access_key_id: 'ASIATEMPORARY', aws_session_token: 'session-1' } });
  t.equal(temporary.headers['x-amz-security-token'], 'session-1');
  t.match(temporary.headers['authorization'], /Credential=ASIATEMPORARY\//);
  const longTerm = await captureGenerate(userSays('Hi'), undefined, undefined, { options: { aws_access_key_id: 'AKIALONGTERM', aws_session_token: 'stale-from-env' } });
  t.equal(longTerm.headers['x-amz-security-token'], undefined, 'a leftover session token is not sent with AKIA keys');
  const bearer = await captureGenerate(userSays('Hi'), undefined, undefined, { apiKey: 'bedrock-api-key-1' });
  t.equal(bearer.headers['authorization'], 'Bearer bedrock-api-key-1');
});

t.test('half a key pair fails every call with PROVIDER_NOT_CONFIGURED, naming the missing field', async (t) => {
  const provider = await bedrockAt('http://127.0.0.1:9', { options: { aws_secret_access_key: '', aws_access_key_id: 'AKIDONLY' } });
  const error = await provider.languageModel('amazon.nova-micro-v1:0').generate(userSays('Hi')).then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof ProviderError);
  t.equal((error as ProviderError).code, 'PROVIDER_NOT_CONFIGURED');
  t.match((error as ProviderError).message, /aws_secret_access_key/);
});

t.test('settings headers and per-call headers reach Bedrock (and are signed)', async (t) => {
  const upstream = await fakeUpstream([converseReply()]);
  t.teardown(() => upstream.close());
  const provider = await bedrockAt(upstream.baseURL, { headers: { 'x-team': 'search' } });
  await provider.languageModel('amazon.nova-micro-v1:0').generate(userSays('Hi', { headers: { 'x-request-tag': 'abc' } }));
  const sent = upstream.requests[0]!;
  t.equal(sent.headers['x-team'], 'search');
  t.equal(sent.headers['x-request-tag'], 'abc');
  t.match(sent.headers['authorization'], /SignedHeaders=[^,]*x-request-tag[^,]*x-team/);
});

t.test("the caller's abort cancels the upstream request and comes back unmapped", async (t) => {
  let closed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(request) => void (closed = once(request.socket, 'close'))]);
  t.teardown(() => upstream.close());
  const controller = new AbortController();
  const pending = (await bedrockAt(upstream.baseURL)).languageModel('amazon.nova-micro-v1:0').generate(userSays('Hi', { signal: controller.signal }));
  while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort(new DOMException('client went away', 'AbortError'));
  const error = await pending.then(() => undefined, (caught: unknown) => caught);
  t.notOk(error instanceof ProviderError, 'not mapped to a provider error');
  t.equal((error as Error).name, 'AbortError');
  await closed;
  t.pass('the upstream connection was closed');
});

t.test('cancelling a stream, or aborting mid-stream, closes the upstream connection', async (t) => {
  const closes: Promise<void>[] = [];
  const hold = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse): void => {
    closes.push(once(request.socket, 'close'));
    response.writeHead(200, { 'content-type': EVENT_STREAM_CONTENT_TYPE });
    response.write(eventFrame('messageStart', { role: 'assistant' }));
    response.write(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }));
  };
  const upstream = await fakeUpstream([hold, hold]);
  t.teardown(() => upstream.close());
  const model = (await bedrockAt(upstream.baseURL)).languageModel('amazon.nova-micro-v1:0');
  const { stream } = await model.stream(userSays('Hi'));
  const reader = stream.getReader();
  t.equal((await reader.read()).value?.type, 'response-metadata');
  await reader.cancel();
  await closes[0];
  t.pass('cancel closed the connection');
  const controller = new AbortController();
  const second = await model.stream(userSays('Hi', { signal: controller.signal }));
  const secondReader = second.stream.getReader();
  await secondReader.read();
  controller.abort(new DOMException('gone', 'AbortError'));
  const failure = await (async () => {
    for (;;) if ((await secondReader.read()).done) return undefined;
  })().then(() => undefined, (caught: unknown) => caught);
  t.equal((failure as Error | undefined)?.name, 'AbortError', 'the stream errors with the caller’s reason');
  await closes[1];
  t.pass('abort closed the connection');
});

t.test('listModels lists the metadata table; checkCredentials makes one signed, free call', async (t) => {
  const upstream = await fakeUpstream([
    { contentType: 'application/json', body: JSON.stringify({ asyncInvokeSummaries: [] }) },
    { status: 403, contentType: 'application/json', headers: { 'x-amzn-errortype': 'UnrecognizedClientException' }, body: JSON.stringify({ message: 'The security token included in the request is invalid.' }) },
    { status: 403, contentType: 'application/json', headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: JSON.stringify({ message: 'not authorized to perform: bedrock:ListAsyncInvokes' }) },
  ]);
  t.teardown(() => upstream.close());
  const provider = await bedrockAt(upstream.baseURL);
  const models = await provider.listModels!();
  t.ok(models.some((model) => model.id === 'anthropic.claude-sonnet-4-20250514-v1:0' && model.ownedBy === 'anthropic'));
  t.ok(models.some((model) => model.id === 'amazon.titan-embed-text-v2:0' && model.metadata?.supportsEmbeddings === true));
  t.same(await provider.checkCredentials!(), { ok: true });
  t.match(upstream.requests[0]?.url, /^\/async-invoke\?maxResults=1/);
  t.same(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_AUTHENTICATION', message: 'The security token included in the request is invalid.' });
  t.equal((await provider.checkCredentials!()).ok, true, 'access denied still proves the credentials were accepted');
});
