import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { ProviderError, type CallOptions } from '../../../sdk/index.js';
import { cassette, fakeUpstream, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { collect, once, summarize } from '../provider-harness.js';
import { anthropicAt, ask, eventFrames } from './anthropic-harness.js';

const hello = ask('hello');
const errorBody = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_test' });
const jsonError = (status: number, type: string, message: string, headers?: Record<string, string>): FakeReply => ({ status, headers, contentType: 'application/json', body: errorBody(type, message) });

/** Runs one call against `reply` and returns what it threw. */
async function callError(reply: FakeReply, mode: 'generate' | 'stream' = 'generate', options: CallOptions = hello): Promise<ProviderError> {
  const upstream = await fakeUpstream([reply]);
  try {
    const model = (await anthropicAt(upstream.baseURL)).languageModel('claude-haiku-4-5');
    await (mode === 'generate' ? model.generate(options) : model.stream(options));
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return error;
  } finally {
    await upstream.close();
  }
  throw new Error(`expected ${mode} to fail`);
}

t.test('recorded 400 (unsupported effort) → PROVIDER_BAD_REQUEST with the upstream message and type', async (t) => {
  const [reply] = cassette('anthropic/error-400-invalid-request.cassette.yaml');
  const error = await callError(reply!);
  t.equal(error.code, 'PROVIDER_BAD_REQUEST');
  t.equal(error.status, 400);
  t.equal(error.upstreamStatus, 400);
  t.equal(error.details['upstreamCode'], 'invalid_request_error');
  t.equal(error.message, "This model does not support effort level 'xhigh'. Supported levels: high, low, max, medium.");
  t.equal(error.provider, 'anthropic');
});

t.test('recorded 404 (misspelt model) → PROVIDER_NOT_FOUND, streamed or not', async (t) => {
  for (const mode of ['generate', 'stream'] as const) {
    const [reply] = cassette('anthropic/error-404-not-found.cassette.yaml');
    const error = await callError(reply!, mode);
    t.equal(error.code, 'PROVIDER_NOT_FOUND', mode);
    t.equal(error.status, 404);
    t.equal(error.message, 'model: claude-sonet-4-5');
    t.equal(error.details['upstreamCode'], 'not_found_error');
  }
});

t.test('synthesized HTTP errors map by Anthropic error type and status', async (t) => {
  const cases = [
    [401, 'authentication_error', 'invalid x-api-key', 'PROVIDER_AUTHENTICATION', 401],
    [403, 'permission_error', 'Your API key does not have permission', 'PROVIDER_PERMISSION_DENIED', 403],
    [402, 'billing_error', 'Your credit balance is too low', 'PROVIDER_PERMISSION_DENIED', 403],
    [413, 'request_too_large', 'Request exceeds the maximum size', 'PROVIDER_BAD_REQUEST', 400],
    [400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', 400],
    [500, 'api_error', 'Internal server error', 'PROVIDER_SERVER_ERROR', 500],
    [529, 'overloaded_error', 'Overloaded', 'PROVIDER_OVERLOADED', 503],
    [504, 'timeout_error', 'Request timed out', 'PROVIDER_TIMEOUT', 504],
  ] as const;
  for (const [status, type, message, code, gatewayStatus] of cases) {
    const error = await callError(jsonError(status, type, message));
    t.equal(error.code, code, `${status} ${type} → ${code}`);
    t.equal(error.status, gatewayStatus, `${status} → gateway ${gatewayStatus}`);
    t.equal(error.upstreamStatus, status);
    t.equal(error.message, message);
  }
});

t.test('429 and 529 carry retry-after; a stream that fails before its first event rejects', async (t) => {
  const limited = await callError(jsonError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit', { 'retry-after': '17' }), 'stream');
  t.equal(limited.code, 'PROVIDER_RATE_LIMITED');
  t.equal(limited.status, 429);
  t.equal(limited.retryAfterMs, 17_000);
  const overloaded = await callError(jsonError(529, 'overloaded_error', 'Overloaded', { 'retry-after': '3' }));
  t.equal(overloaded.code, 'PROVIDER_OVERLOADED');
  t.equal(overloaded.retryAfterMs, 3000);
});

t.test('a proxy error page without an Anthropic body still maps by status', async (t) => {
  const error = await callError({ status: 502, contentType: 'text/html', body: '<html>Bad gateway</html>' });
  t.equal(error.code, 'PROVIDER_SERVER_ERROR');
  t.equal(error.status, 502);
  t.equal(error.upstreamStatus, 502);
});

t.test('an error event inside a stream becomes an error part with the right code', async (t) => {
  const cases = [
    ['overloaded_error', 'Overloaded', 'PROVIDER_OVERLOADED'],
    ['api_error', 'Internal server error', 'PROVIDER_SERVER_ERROR'],
    ['rate_limit_error', 'Rate limited', 'PROVIDER_RATE_LIMITED'],
  ] as const;
  for (const [type, message, code] of cases) {
    const frames = [
      ...eventFrames([
        { type: 'message_start', message: { id: 'msg_e', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } } },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Partial' } },
      ]),
      `event: error\ndata: ${errorBody(type, message)}\n\n`,
    ];
    const upstream = await fakeUpstream([{ contentType: 'text/event-stream', frames }]);
    const parts = await collect((await (await anthropicAt(upstream.baseURL)).languageModel('claude-haiku-4-5').stream(hello)).stream);
    await upstream.close();
    const summary = summarize(parts);
    t.equal(summary.text, 'Partial', `${type}: text before the error arrives`);
    t.equal(summary.errors.length, 1);
    t.equal(summary.errors[0]?.code, code, `${type} → ${code}`);
    t.equal(summary.errors[0]?.message, message);
    t.equal(parts.at(-1)?.type, 'error', 'the error part ends the stream');
    t.equal(summary.finishes.length, 0, 'no finish after an error');
  }
});

t.test('a stream cut before message_stop ends with an error part', async (t) => {
  const frames = eventFrames([
    { type: 'message_start', message: { id: 'msg_c', model: 'claude-haiku-4-5', content: [], usage: { input_tokens: 5, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
  ]);
  const upstream = await fakeUpstream([{ contentType: 'text/event-stream', frames }]);
  t.teardown(() => upstream.close());
  const parts = await collect((await (await anthropicAt(upstream.baseURL)).languageModel('claude-haiku-4-5').stream(hello)).stream);
  t.equal(summarize(parts).errors[0]?.code, 'PROVIDER_RESPONSE_INVALID');
});

t.test('connection failure and timeouts', async (t) => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await (await anthropicAt(`http://127.0.0.1:${port}`)).languageModel('claude-haiku-4-5').generate(hello).then(() => undefined, (error: unknown) => error);
  t.equal((refused as ProviderError).code, 'PROVIDER_CONNECTION_FAILED');

  const hanging = await fakeUpstream([() => undefined, () => undefined]);
  t.teardown(() => hanging.close());
  const slow = await anthropicAt(hanging.baseURL, { timeoutMs: 50 });
  await t.rejects(slow.languageModel('claude-haiku-4-5').generate(hello), { code: 'PROVIDER_TIMEOUT' });
  await t.rejects(slow.languageModel('claude-haiku-4-5').stream(hello), { code: 'PROVIDER_TIMEOUT' });

  const stalls = await fakeUpstream([(request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(eventFrames([{ type: 'message_start', message: { id: 'msg_s', model: 'm', content: [], usage: { input_tokens: 1, output_tokens: 1 } } }])[0]);
  }]);
  t.teardown(() => stalls.close());
  const parts = await collect((await (await anthropicAt(stalls.baseURL, { timeoutMs: 100 })).languageModel('claude-haiku-4-5').stream(hello)).stream);
  t.equal(summarize(parts).errors[0]?.code, 'PROVIDER_TIMEOUT', 'a stalled stream ends with a timeout error part');
});

t.test('the caller\'s abort reaches the caller unmapped and cancels the upstream request', async (t) => {
  let upstreamClosed: Promise<void> | undefined;
  const upstream = await fakeUpstream([(request, response) => {
    upstreamClosed = once(response, 'close');
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(eventFrames([{ type: 'message_start', message: { id: 'msg_a', model: 'm', content: [], usage: { input_tokens: 1, output_tokens: 1 } } }])[0]);
  }, () => undefined]);
  t.teardown(() => upstream.close());
  const provider = await anthropicAt(upstream.baseURL);
  const controller = new AbortController();
  const { stream } = await provider.languageModel('claude-haiku-4-5').stream({ ...hello, signal: controller.signal });
  const reader = stream.getReader();
  t.equal((await reader.read()).value?.type, 'response-metadata');
  controller.abort(new DOMException('client went away', 'AbortError'));
  const failure = await reader.read().then(() => undefined, (error: unknown) => error);
  t.equal((failure as DOMException).name, 'AbortError', 'the stream errors with the caller\'s reason');
  t.equal((failure as DOMException).message, 'client went away');
  await upstreamClosed;
  t.pass('upstream connection closed');

  const second = new AbortController();
  const pending = provider.languageModel('claude-haiku-4-5').generate({ ...hello, signal: second.signal });
  second.abort();
  const error = await pending.then(() => undefined, (caught: unknown) => caught);
  t.notOk(error instanceof ProviderError, 'generate rethrows the abort, not a ProviderError');
});
