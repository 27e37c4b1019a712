import t, { type Test } from 'tap';
import { createChatCompletionsTransport, mapOpenAIError, StreamEventError, UpstreamHttpError } from '../../sdk/openai-compatible/index.js';
import { fakeUpstream, type FakeReply } from '../helpers/recorded-fixtures.js';

const BODY: { model: string; messages: unknown[]; stream?: boolean } = { model: "m", messages: [{ role: "user", content: "hi" }] };
const STREAM_BODY = { ...BODY, stream: true };

async function transportFor(t: Test, replies: FakeReply[], extra: { apiKey?: string; headers?: Record<string, string>; organization?: string } = {}) {
  const upstream = await fakeUpstream(replies);
  t.teardown(() => upstream.close());
  return { upstream, chat: createChatCompletionsTransport({ fetch, baseURL: `${upstream.baseURL}/v1/`, ...extra }) };
}

async function collect(iterable: unknown): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of iterable as AsyncIterable<unknown>) items.push(item);
  return items;
}

/** Reads a stream of chunks to its end or its error. */
async function drain(iterable: unknown): Promise<{ seen: unknown[]; error: unknown }> {
  const seen: unknown[] = [];
  try {
    for await (const chunk of iterable as AsyncIterable<unknown>) seen.push(chunk);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

t.test('plain calls send the body and headers and parse JSON', async (t) => {
  const { upstream, chat } = await transportFor(t, [{ contentType: 'application/json', body: '{"id":"x","choices":[]}' }], { apiKey: 'sk-1', organization: 'org-1', headers: { 'X-Team': 'a' } });
  const result = await chat.completions.create(BODY, { headers: { 'X-Request': 'r' } });
  t.same(result, { id: 'x', choices: [] });
  const request = upstream.requests[0]!;
  t.equal(request.url, '/v1/chat/completions');
  t.same(request.json, BODY);
  t.equal(request.headers['authorization'], 'Bearer sk-1');
  t.equal(request.headers['openai-organization'], 'org-1');
  t.equal(request.headers['x-team'], 'a');
  t.equal(request.headers['x-request'], 'r');
  t.equal(request.headers['content-type'], 'application/json');
});

t.test('no key means no Authorization header', async (t) => {
  const { upstream, chat } = await transportFor(t, [{ contentType: 'application/json', body: '{}' }]);
  await chat.completions.create(BODY);
  t.equal(upstream.requests[0]!.headers['authorization'], undefined);
});

t.test('SSE: CRLF and LF framing, comments, multi-line data, a character split across chunks, [DONE]', async (t) => {
  const euro = Buffer.from('data: {"text":"€"}\n\n');
  const split = euro.indexOf(0xe2) + 1;
  const { chat, upstream } = await transportFor(t, [
    { contentType: 'text/event-stream', frames: [': OPENROUTER PROCESSING\n\n', 'data: {"a":1}\r\n\r\n', 'data: {"b":\ndata: 2}\n\n', euro.subarray(0, split), euro.subarray(split), 'data: [DONE]\n\n', 'data: {"after":true}\n\n'] },
  ]);
  const chunks = await collect(await chat.completions.create(STREAM_BODY));
  t.same(chunks, [{ a: 1 }, { b: 2 }, { text: '€' }]);
  t.equal(upstream.requests[0]!.headers['accept'], 'text/event-stream');
});

t.test('SSE: event: error throws a StreamEventError that maps to a provider error', async (t) => {
  const { chat } = await transportFor(t, [{ contentType: 'text/event-stream', frames: ['data: {"a":1}\n\n', 'event: error\ndata: {"error":{"message":"tool_use_failed","type":"invalid_request_error"}}\n\n'] }]);
  const { seen, error } = await drain(await chat.completions.create(STREAM_BODY));
  t.same(seen, [{ a: 1 }]);
  t.ok(error instanceof StreamEventError);
  t.equal(mapOpenAIError(error, { provider: 'groq' }).code, 'PROVIDER_SERVER_ERROR');
  t.equal(mapOpenAIError(error, { provider: 'groq' }).message, 'tool_use_failed');
});

t.test('HTTP errors keep status, headers and the error body', async (t) => {
  const { chat } = await transportFor(t, [
    { status: 429, headers: { 'retry-after': '4' }, contentType: 'application/json', body: '{"error":{"message":"slow down","code":"rate_limit_exceeded"}}' },
    { status: 422, contentType: 'application/json', body: '{"object":"error","message":"Extra inputs are not permitted","type":"invalid_request_message_error"}' },
    { status: 502, contentType: 'text/html', body: '<html>bad gateway</html>' },
  ]);
  const failures: unknown[] = [];
  for (let i = 0; i < 3; i++) failures.push(await chat.completions.create(BODY).then(() => undefined, (error: unknown) => error));
  t.ok(failures.every((failure) => failure instanceof UpstreamHttpError));
  const [rate, mistral, html] = failures.map((failure) => mapOpenAIError(failure, { provider: 'p' }));
  t.equal(rate!.code, 'PROVIDER_RATE_LIMITED');
  t.equal(rate!.details['retryAfterMs'], 4000);
  t.equal(mistral!.code, 'PROVIDER_BAD_REQUEST');
  t.equal(mistral!.message, 'Extra inputs are not permitted', "Mistral's body without an error key keeps its message");
  t.equal(html!.code, 'PROVIDER_SERVER_ERROR');
  t.notMatch(html!.message, /html/, 'an HTML page is not echoed');
});

t.test('a consumer that stops early closes the upstream stream', async (t) => {
  let closed: () => void = () => undefined;
  const upstreamClosed = new Promise<void>((resolve) => (closed = resolve));
  const { chat } = await transportFor(t, [
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => response.write('data: {"tick":1}\n\n'), 10);
      response.on('close', () => {
        clearInterval(timer);
        closed();
      });
    },
  ]);
  let count = 0;
  for await (const chunk of (await chat.completions.create(STREAM_BODY)) as AsyncIterable<unknown>) {
    void chunk;
    if (++count === 2) break;
  }
  await upstreamClosed;
  t.equal(count, 2);
});

t.test('a 200 that is not JSON is a response-invalid error', async (t) => {
  const { chat } = await transportFor(t, [{ contentType: 'text/plain', body: 'hello' }]);
  const error = await chat.completions.create(BODY).then(() => undefined, (caught: unknown) => caught);
  t.equal(mapOpenAIError(error, { provider: 'p' }).code, 'PROVIDER_RESPONSE_INVALID');
});

t.test('SSE cut off in the middle of an event is a response-invalid error, not a clean end', async (t) => {
  const { chat } = await transportFor(t, [{ contentType: 'text/event-stream', frames: ['data: {"a":1}\n\n', 'data: {"b":'] }]);
  const { seen, error } = await drain(await chat.completions.create(STREAM_BODY));
  t.same(seen, [{ a: 1 }]);
  t.equal(mapOpenAIError(error, { provider: 'p' }).code, 'PROVIDER_RESPONSE_INVALID');
});
