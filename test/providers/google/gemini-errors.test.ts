import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { ProviderError, type CallOptions } from '../../../sdk/index.js';
import { cassette, fakeUpstream, readRecorded, sseFrames, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { collect, once, summarize } from '../provider-harness.js';
import { geminiAt, userSays, vertexAt } from './google-test-provider.js';

const hello = userSays('hello');
const googleError = (status: number, code: string, message: string, details: unknown[] = [], headers?: Record<string, string>): FakeReply => ({
  status,
  headers,
  contentType: 'application/json; charset=UTF-8',
  body: JSON.stringify({ error: { code: status, message, status: code, details } }),
});

/** Runs one generate (or stream start) call against `reply` and returns what it threw. */
async function callError(reply: FakeReply, mode: 'generate' | 'stream' = 'generate', options: CallOptions = hello): Promise<ProviderError> {
  const upstream = await fakeUpstream([reply]);
  try {
    const model = (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash');
    await (mode === 'generate' ? model.generate(options) : model.stream(options));
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return error;
  } finally {
    await upstream.close();
  }
  throw new Error(`expected ${mode} to fail`);
}

t.test('recorded 404 → PROVIDER_NOT_FOUND with Google’s message', async (t) => {
  const [reply] = cassette('google/error-404-model-not-found.cassette.yaml');
  for (const mode of ['generate', 'stream'] as const) {
    const error = await callError(reply!, mode);
    t.equal(error.code, 'PROVIDER_NOT_FOUND', mode);
    t.equal(error.status, 404);
    t.equal(error.upstreamStatus, 404);
    t.equal(error.details['upstreamCode'], 'NOT_FOUND');
    t.match(error.message, /^models\/gemini-3\.6-flahs is not found for API version v1beta/);
    t.equal(error.provider, 'gemini');
  }
});

t.test('recorded 429 RESOURCE_EXHAUSTED: RetryInfo.retryDelay becomes retryAfterMs', async (t) => {
  const reply: FakeReply = { status: 429, contentType: 'application/json', body: readRecorded('google/google-429-retry-info.json') };
  for (const mode of ['generate', 'stream'] as const) {
    const error = await callError(reply, mode);
    t.equal(error.code, 'PROVIDER_RATE_LIMITED', mode);
    t.equal(error.status, 429);
    t.equal(error.retryAfterMs, 34_400);
    t.equal(error.details['upstreamCode'], 'RESOURCE_EXHAUSTED');
    t.equal(error.message, 'You exceeded your current quota, please check your plan.');
  }
  const byHeader = await callError(googleError(429, 'RESOURCE_EXHAUSTED', 'Slow down.', [], { 'retry-after': '7' }));
  t.equal(byHeader.retryAfterMs, 7000, 'Retry-After is the fallback');
});

t.test('an invalid API key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID → authentication', async (t) => {
  const error = await callError(googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
  ]));
  t.equal(error.code, 'PROVIDER_AUTHENTICATION');
  t.equal(error.status, 401);
  t.equal(error.upstreamStatus, 400);
  t.equal(error.details['upstreamCode'], 'API_KEY_INVALID');
  t.equal(error.message, 'API key not valid. Please pass a valid API key.');
});

t.test('HTTP statuses and google.rpc codes map to the catalogue', async (t) => {
  const cases: [number, string, string, string, number][] = [
    [401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.', 'PROVIDER_AUTHENTICATION', 401],
    [403, 'PERMISSION_DENIED', 'Permission denied on resource project test-project.', 'PROVIDER_PERMISSION_DENIED', 403],
    [400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', 400],
    [400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified', 'PROVIDER_BAD_REQUEST', 400],
    [400, 'FAILED_PRECONDITION', 'User location is not supported for the API use.', 'PROVIDER_BAD_REQUEST', 400],
    [500, 'INTERNAL', 'An internal error has occurred.', 'PROVIDER_SERVER_ERROR', 500],
    [503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.', 'PROVIDER_OVERLOADED', 503],
    [504, 'DEADLINE_EXCEEDED', 'Deadline expired before operation could complete.', 'PROVIDER_TIMEOUT', 504],
  ];
  for (const [status, rpc, message, code, gatewayStatus] of cases) {
    const error = await callError(googleError(status, rpc, message));
    t.equal(error.code, code, `${status} ${rpc} → ${code}`);
    t.equal(error.status, gatewayStatus);
    t.equal(error.upstreamStatus, status);
    t.equal(error.message, message);
  }
});

t.test('an error page that is not JSON keeps only the status', async (t) => {
  const error = await callError({ status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' });
  t.equal(error.code, 'PROVIDER_SERVER_ERROR');
  t.equal(error.status, 502);
  t.equal(error.message, 'gemini answered HTTP 502 without an error message.');
});

t.test('an error event inside a 200 stream becomes an error part, after the parts before it', async (t) => {
  const [first] = sseFrames('google/google-text.chunks.txt', 'gemini');
  const errorEvent = `data: ${JSON.stringify({ error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } })}\r\n\r\n`;
  const upstream = await fakeUpstream([{ contentType: 'text/event-stream', frames: [first!, errorEvent] }]);
  t.teardown(() => upstream.close());
  const parts = await collect((await (await geminiAt(upstream.baseURL)).languageModel('gemini-3-pro-preview').stream(hello)).stream);
  const summary = summarize(parts);
  t.equal(summary.text, 'There are **3**');
  t.equal(summary.errors.length, 1);
  t.equal(summary.errors[0]!.code, 'PROVIDER_SERVER_ERROR');
  t.equal(summary.errors[0]!.message, 'Internal error encountered.');
  t.equal(parts[parts.length - 1]!.type, 'error', 'the error part ends the stream');
  t.equal(summary.finishes.length, 0, 'no finish after an error');
});

t.test('a connection dropped mid-stream becomes an error part', async (t) => {
  const [first] = sseFrames('google/google-text.chunks.txt', 'gemini');
  const upstream = await fakeUpstream([(_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(first!);
    response.write('data: {"candidates": [{"content": {"parts": [{"text": "cut');
    setTimeout(() => response.destroy(), 20);
  }]);
  t.teardown(() => upstream.close());
  const summary = summarize(await collect((await (await geminiAt(upstream.baseURL)).languageModel('gemini-3-pro-preview').stream(hello)).stream));
  t.equal(summary.text, 'There are **3**');
  t.equal(summary.errors.length, 1);
  t.match(summary.errors[0]!.code, /^PROVIDER_(CONNECTION_FAILED|RESPONSE_INVALID)$/);
});

t.test('timeouts: a stalled generate, a stalled stream start and a silent stream', async (t) => {
  const hang: FakeReply = () => undefined;
  const upstream = await fakeUpstream([hang, hang, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(sseFrames('google/google-text.chunks.txt', 'gemini')[0]!);
  }]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL, { timeoutMs: 150 })).languageModel('gemini-3-pro-preview');
  const generate = await model.generate(hello).catch((error: unknown) => error);
  t.equal((generate as ProviderError).code, 'PROVIDER_TIMEOUT');
  t.equal((generate as ProviderError).status, 504);
  const start = await model.stream(hello).catch((error: unknown) => error);
  t.equal((start as ProviderError).code, 'PROVIDER_TIMEOUT');
  const summary = summarize(await collect((await model.stream(hello)).stream));
  t.equal(summary.text, 'There are **3**');
  t.equal(summary.errors[0]?.code, 'PROVIDER_TIMEOUT');
  t.match(summary.errors[0]?.message, /sent nothing for 150 ms/);
});

t.test('a refused connection → PROVIDER_CONNECTION_FAILED', async (t) => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const model = (await geminiAt(`http://127.0.0.1:${port}`)).languageModel('gemini-2.5-flash');
  const error = await model.generate(hello).catch((caught: unknown) => caught);
  t.equal((error as ProviderError).code, 'PROVIDER_CONNECTION_FAILED');
  t.equal((error as ProviderError).status, 502);
});

t.test('the caller’s abort is rethrown unmapped and cancels the upstream request', async (t) => {
  let closed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(request) => void (closed = once(request.socket, 'close'))]);
  t.teardown(() => upstream.close());
  const controller = new AbortController();
  const model = (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash');
  const pending = model.generate({ ...hello, signal: controller.signal }).catch((error: unknown) => error);
  while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort();
  const error = await pending;
  t.notOk(error instanceof ProviderError, 'not mapped to a provider error');
  t.equal((error as Error).name, 'AbortError');
  await closed;
  t.pass('the upstream connection was closed');
});

t.test('cancelling a stream closes the upstream connection', async (t) => {
  let closed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(request, response) => {
    closed = once(request.socket, 'close');
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(sseFrames('google/google-text.chunks.txt', 'gemini')[0]!);
  }]);
  t.teardown(() => upstream.close());
  const { stream } = await (await vertexAt(upstream.baseURL)).languageModel('gemini-3-pro-preview').stream(hello);
  const reader = stream.getReader();
  t.equal((await reader.read()).value?.type, 'response-metadata');
  await reader.cancel();
  await closed;
  t.pass('the upstream connection was closed');
});

t.test('the caller’s abort in the middle of a stream errors it with the abort reason, unmapped', async (t) => {
  let closed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(request, response) => {
    closed = once(request.socket, 'close');
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(sseFrames('google/google-text.chunks.txt', 'gemini')[0]!);
  }]);
  t.teardown(() => upstream.close());
  const controller = new AbortController();
  const { stream } = await (await geminiAt(upstream.baseURL)).languageModel('gemini-3-pro-preview').stream({ ...hello, signal: controller.signal });
  const reader = stream.getReader();
  t.equal((await reader.read()).value?.type, 'response-metadata');
  t.equal((await reader.read()).value?.type, 'text-delta');
  const reason = new DOMException('client went away', 'AbortError');
  controller.abort(reason);
  const error = await reader.read().catch((caught: unknown) => caught);
  t.equal(error, reason, 'the stream errors with the caller’s own reason');
  await closed;
  t.pass('the upstream connection was closed');
});

t.test('a prompt Gemini blocked → content_filter with the block reason', async (t) => {
  const blocked = JSON.stringify({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 }, responseId: 'blocked-1' });
  const upstream = await fakeUpstream([{ contentType: 'application/json', body: blocked }, { contentType: 'text/event-stream', frames: [`data: ${blocked}\r\n\r\n`] }]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash');
  const result = await model.generate(hello);
  t.same(result.choices, [{ index: 0, text: null, toolCalls: [], finishReason: 'content_filter', rawFinishReason: 'PROHIBITED_CONTENT' }]);
  t.same(result.usage, { promptTokens: 12, completionTokens: 0, totalTokens: 12 });
  const summary = summarize(await collect((await model.stream(hello)).stream));
  t.same(summary.finishes.map((finish) => [finish.finishReason, finish.rawFinishReason]), [['content_filter', 'PROHIBITED_CONTENT']]);
});

t.test('safety and recitation stops → content_filter; MAX_TOKENS → length', async (t) => {
  const answer = (finishReason: string) => ({ contentType: 'application/json', body: JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'partial' }] }, finishReason }] }) });
  const upstream = await fakeUpstream([answer('SAFETY'), answer('RECITATION'), answer('PROHIBITED_CONTENT'), answer('BLOCKLIST'), answer('MAX_TOKENS'), answer('STOP')]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash');
  for (const [raw, mapped] of [['SAFETY', 'content_filter'], ['RECITATION', 'content_filter'], ['PROHIBITED_CONTENT', 'content_filter'], ['BLOCKLIST', 'content_filter'], ['MAX_TOKENS', 'length'], ['STOP', 'stop']]) {
    const choice = (await model.generate(hello)).choices[0]!;
    t.equal(choice.finishReason, mapped, raw);
    t.equal(choice.rawFinishReason, raw);
  }
});
