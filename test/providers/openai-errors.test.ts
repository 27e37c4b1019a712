import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { ProviderError, SwitchyardError, type CallOptions } from '../../sdk/index.js';
import { cassette, fakeUpstream, readRecorded, type FakeReply } from '../helpers/recorded-fixtures.js';
import { collect, once, openaiAt, summarize } from './provider-harness.js';

const hello: CallOptions = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] };
const jsonError = (status: number, error: Record<string, unknown>, headers?: Record<string, string>): FakeReply => ({ status, headers, contentType: 'application/json', body: JSON.stringify({ error }) });

/** Runs one generate call against `reply` and returns what it threw. */
async function generateError(reply: FakeReply, options: CallOptions = hello): Promise<ProviderError> {
  const upstream = await fakeUpstream([reply]);
  try {
    await (await openaiAt(upstream.baseURL)).languageModel('gpt-4o').generate(options);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return error;
  } finally {
    await upstream.close();
  }
  throw new Error('expected generate to fail');
}

t.test('recorded 400 (developer role unsupported) → PROVIDER_BAD_REQUEST with the upstream fields', async (t) => {
  const [reply] = cassette('openai/error-400-unsupported-value.cassette.yaml');
  const error = await generateError(reply!, { messages: [{ role: 'system', developer: true, content: 'You are a helpful assistant.' }, ...hello.messages] });
  t.equal(error.code, 'PROVIDER_BAD_REQUEST');
  t.equal(error.status, 400);
  t.equal(error.upstreamStatus, 400);
  t.equal(error.param, 'messages[0].role');
  t.equal(error.details['upstreamCode'], 'unsupported_value');
  t.equal(error.message, "Unsupported value: 'messages[0].role' does not support 'developer' with this model.");
  t.equal(error.provider, 'openai');
});

t.test('recorded 404 model not found → PROVIDER_NOT_FOUND', async (t) => {
  const [reply] = cassette('openai/error-404-model-not-found.cassette.yaml');
  const error = await generateError(reply!);
  t.equal(error.code, 'PROVIDER_NOT_FOUND');
  t.equal(error.status, 404);
  t.equal(error.message, 'The model `gpt-5.2-proo` does not exist or you do not have access to it.');
  t.equal(error.details['upstreamCode'], 'model_not_found');
});

t.test('recorded legacy max_tokens error → PROVIDER_BAD_REQUEST naming the parameter', async (t) => {
  const error = await generateError({ status: 400, contentType: 'application/json', body: readRecorded('openai/reasoning-model-legacy-parameter-error.json') });
  t.equal(error.code, 'PROVIDER_BAD_REQUEST');
  t.equal(error.param, 'max_tokens');
  t.equal(error.details['upstreamCode'], 'unsupported_parameter');
});

t.test('400s that are really context length or content policy get their own codes', async (t) => {
  const tooLong = await generateError(jsonError(400, { message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130001 tokens.", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' }));
  t.equal(tooLong.code, 'PROVIDER_CONTEXT_LENGTH_EXCEEDED');
  t.equal(tooLong.status, 400);
  const byMessageOnly = await generateError(jsonError(400, { message: 'prompt is too long: 210000 tokens > 200000 maximum', type: 'invalid_request_error' }));
  t.equal(byMessageOnly.code, 'PROVIDER_CONTEXT_LENGTH_EXCEEDED');
  const policy = await generateError(jsonError(400, { message: 'Your request was rejected as a result of our safety system.', type: 'invalid_request_error', code: 'content_policy_violation' }));
  t.equal(policy.code, 'PROVIDER_CONTENT_POLICY');
});

t.test('401, 403, 404 and 408 map to authentication, permission, not found and timeout', async (t) => {
  const cases = [
    [401, 'PROVIDER_AUTHENTICATION', 401],
    [403, 'PROVIDER_PERMISSION_DENIED', 403],
    [404, 'PROVIDER_NOT_FOUND', 404],
    [408, 'PROVIDER_TIMEOUT', 504],
    [409, 'PROVIDER_BAD_REQUEST', 400],
  ] as const;
  for (const [status, code, gatewayStatus] of cases) {
    const error = await generateError(jsonError(status, { message: `upstream said ${status}`, type: 'invalid_request_error' }));
    t.equal(error.code, code, `${status} → ${code}`);
    t.equal(error.status, gatewayStatus);
    t.equal(error.upstreamStatus, status);
    t.equal(error.message, `upstream said ${status}`);
  }
});

t.test('429 carries Retry-After (seconds) and retry-after-ms', async (t) => {
  const seconds = await generateError(jsonError(429, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '7' }));
  t.equal(seconds.code, 'PROVIDER_RATE_LIMITED');
  t.equal(seconds.status, 429);
  t.equal(seconds.retryAfterMs, 7000);
  const milliseconds = await generateError(jsonError(429, { message: 'Rate limit reached', type: 'requests' }, { 'retry-after-ms': '1500', 'retry-after': '2' }));
  t.equal(milliseconds.retryAfterMs, 1500);
  const none = await generateError(jsonError(429, { message: 'Rate limit reached' }));
  t.equal(none.retryAfterMs, undefined);
});

t.test('5xx: overloaded for 503 and 529, server error keeping the upstream status otherwise', async (t) => {
  const cases = [
    [500, 'PROVIDER_SERVER_ERROR', 500],
    [502, 'PROVIDER_SERVER_ERROR', 502],
    [503, 'PROVIDER_OVERLOADED', 503],
    [529, 'PROVIDER_OVERLOADED', 503],
  ] as const;
  for (const [status, code, gatewayStatus] of cases) {
    const error = await generateError(jsonError(status, { message: 'The server had an error', type: 'server_error' }));
    t.equal(error.code, code, `${status} → ${code}`);
    t.equal(error.status, gatewayStatus);
    t.equal(error.upstreamStatus, status);
  }
});

t.test('an error page that is not JSON gives a short message, not the page', async (t) => {
  const error = await generateError({ status: 502, contentType: 'text/html', body: '<html><body>Bad gateway</body></html>' });
  t.equal(error.code, 'PROVIDER_SERVER_ERROR');
  t.equal(error.status, 502);
  t.equal(error.message, 'openai answered HTTP 502 without an error message.');
});

t.test('a 200 whose body is not a chat completion → PROVIDER_RESPONSE_INVALID', async (t) => {
  const broken = await generateError({ contentType: 'application/json', body: '{"choices": [' });
  t.equal(broken.code, 'PROVIDER_RESPONSE_INVALID');
  const html = await generateError({ contentType: 'text/html', body: '<html>gateway</html>' });
  t.equal(html.code, 'PROVIDER_RESPONSE_INVALID');
});

t.test('a hanging upstream with a short timeout → PROVIDER_TIMEOUT (generate and stream)', async (t) => {
  const hang: FakeReply = () => undefined;
  const upstream = await fakeUpstream([hang, hang]);
  t.teardown(() => upstream.close());
  const model = (await openaiAt(upstream.baseURL, { timeoutMs: 100 })).languageModel('gpt-4o');
  await t.rejects(model.generate(hello), { code: 'PROVIDER_TIMEOUT', status: 504 });
  await t.rejects(model.stream(hello), { code: 'PROVIDER_TIMEOUT' });
});

t.test('a stream that stalls after it began ends with a PROVIDER_TIMEOUT error part', async (t) => {
  const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] };
  const upstream = await fakeUpstream([(_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }]);
  t.teardown(() => upstream.close());
  const { stream } = await (await openaiAt(upstream.baseURL, { timeoutMs: 150 })).languageModel('gpt-4o').stream(hello);
  const summary = summarize(await collect(stream));
  t.equal(summary.text, 'Hel');
  t.equal(summary.errors.length, 1);
  t.equal(summary.errors[0]?.code, 'PROVIDER_TIMEOUT');
});

t.test('a closed port → PROVIDER_CONNECTION_FAILED', async (t) => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const model = (await openaiAt(`http://127.0.0.1:${port}`)).languageModel('gpt-4o');
  await t.rejects(model.generate(hello), { code: 'PROVIDER_CONNECTION_FAILED', status: 502, message: /ECONNREFUSED/ });
  await t.rejects(model.stream(hello), { code: 'PROVIDER_CONNECTION_FAILED' });
});

t.test('a socket dropped mid-stream → an error part with PROVIDER_CONNECTION_FAILED', async (t) => {
  const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] };
  const upstream = await fakeUpstream([(_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`data: ${JSON.stringify(chunk)}\n\n`, () => setImmediate(() => response.socket?.destroy()));
  }]);
  t.teardown(() => upstream.close());
  const { stream } = await (await openaiAt(upstream.baseURL)).languageModel('gpt-4o').stream(hello);
  const summary = summarize(await collect(stream));
  t.equal(summary.text, 'Hi');
  t.equal(summary.errors[0]?.code, 'PROVIDER_CONNECTION_FAILED');
  t.same(summary.finishes, []);
});

t.test("the caller's abort reaches the upstream and comes back unmapped (generate)", async (t) => {
  let arrived!: () => void;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  let upstreamClosed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(_request, response) => {
    upstreamClosed = once(response, 'close');
    arrived();
  }]);
  t.teardown(() => upstream.close());
  const controller = new AbortController();
  const call = (await openaiAt(upstream.baseURL)).languageModel('gpt-4o').generate({ ...hello, signal: controller.signal });
  await requestArrived;
  controller.abort();
  const error: unknown = await call.then(() => undefined, (reason: unknown) => reason);
  t.ok(error instanceof Error, 'rejects with an error');
  t.notOk(SwitchyardError.isInstance(error), 'not mapped to a provider error');
  await upstreamClosed;
  t.pass('the fake upstream saw the connection close');
});

t.test("the caller's abort mid-stream closes the upstream socket and errors the stream", async (t) => {
  const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }] };
  let upstreamClosed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(_request, response) => {
    upstreamClosed = once(response, 'close');
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }]);
  t.teardown(() => upstream.close());
  const controller = new AbortController();
  const { stream } = await (await openaiAt(upstream.baseURL)).languageModel('gpt-4o').stream({ ...hello, signal: controller.signal });
  const reader = stream.getReader();
  t.equal((await reader.read()).value?.type, 'response-metadata');
  t.same((await reader.read()).value, { type: 'text-delta', delta: 'Hello', choice: 0 });
  controller.abort();
  const error: unknown = await reader.read().then(() => undefined, (reason: unknown) => reason);
  t.equal((error as Error | undefined)?.name, 'AbortError');
  await upstreamClosed;
  t.pass('the fake upstream saw the connection close');
});

t.test('a consumer that cancels the stream closes the upstream socket', async (t) => {
  const chunk = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null }] };
  let upstreamClosed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(_request, response) => {
    upstreamClosed = once(response, 'close');
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }]);
  t.teardown(() => upstream.close());
  const { stream } = await (await openaiAt(upstream.baseURL)).languageModel('gpt-4o').stream(hello);
  const reader = stream.getReader();
  t.equal((await reader.read()).value?.type, 'response-metadata');
  await reader.cancel();
  await upstreamClosed;
  t.pass('the fake upstream saw the connection close');
});

t.test('an HTTP error before the first byte rejects stream() itself', async (t) => {
  const upstream = await fakeUpstream([jsonError(429, { message: 'slow down' }, { 'retry-after': '3' })]);
  t.teardown(() => upstream.close());
  await t.rejects((await openaiAt(upstream.baseURL)).languageModel('gpt-4o').stream(hello), { code: 'PROVIDER_RATE_LIMITED', retryAfterMs: 3000 });
});
