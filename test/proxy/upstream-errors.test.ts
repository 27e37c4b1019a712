import t, { type Test } from 'tap';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { RequestLog } from '../../core/persistence/request-log.js';
import { cassette, fakeUpstream, type FakeReply, type FakeUpstream } from '../helpers/recorded-fixtures.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

const jsonError = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): FakeReply => ({ status, headers, contentType: 'application/json', body: JSON.stringify({ error }) });
const BODY = { messages: [{ role: 'user', content: 'hi' }] };

interface ErrorCase {
  readonly name: string;
  readonly reply: FakeReply | 'closed-port';
  readonly stream?: boolean;
  readonly timeout?: number;
  readonly status: number;
  readonly type: string;
  readonly code: string;
  readonly retryAfter?: string;
}

const hang: FakeReply = () => undefined;

const CASES: ErrorCase[] = [
  { name: 'recorded 400 unsupported value', reply: cassette('openai/error-400-unsupported-value.cassette.yaml')[0]!, status: 400, type: 'invalid_request_error', code: 'unsupported_value' },
  { name: 'recorded 404 model not found', reply: cassette('openai/error-404-model-not-found.cassette.yaml')[0]!, status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  { name: '401 bad key', reply: jsonError(401, { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' }), status: 401, type: 'authentication_error', code: 'invalid_api_key' },
  { name: '403 permission', reply: jsonError(403, { message: 'Not allowed', type: 'invalid_request_error' }), status: 403, type: 'permission_error', code: 'permission_denied' },
  { name: '429 with Retry-After', reply: jsonError(429, { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' }, { 'retry-after': '7' }), status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfter: '7' },
  { name: '429 before the first SSE byte keeps its status', reply: jsonError(429, { message: 'Rate limit reached' }, { 'retry-after': '3' }), stream: true, status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', retryAfter: '3' },
  { name: 'context length exceeded', reply: jsonError(400, { message: "This model's maximum context length is 128000 tokens.", type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' }), status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  { name: '500 server error', reply: jsonError(500, { message: 'The server had an error' }), status: 500, type: 'server_error', code: 'upstream_error' },
  { name: '503 unavailable', reply: jsonError(503, { message: 'Service unavailable' }), status: 503, type: 'server_error', code: 'overloaded' },
  { name: 'timeout', reply: hang, timeout: 0.3, status: 504, type: 'timeout_error', code: 'timeout' },
  { name: 'streamed timeout', reply: hang, timeout: 0.3, stream: true, status: 504, type: 'timeout_error', code: 'timeout' },
  { name: 'connection refused', reply: 'closed-port', status: 502, type: 'server_error', code: 'upstream_connection_error' },
];

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function setUp(t: Test, cases: readonly { reply: FakeReply | 'closed-port'; timeout?: number }[]): Promise<{ gateway: TestGateway; upstreams: (FakeUpstream | undefined)[] }> {
  const upstreams: (FakeUpstream | undefined)[] = [];
  const modelList = [];
  for (const [index, testCase] of cases.entries()) {
    const upstream = testCase.reply === 'closed-port' ? undefined : await fakeUpstream([testCase.reply]);
    upstreams.push(upstream);
    const params: Record<string, unknown> = { model: 'openai/gpt-4o', api_base: upstream ? `${upstream.baseURL}/v1` : await closedPort(), api_key: 'sk-test' };
    if (testCase.timeout !== undefined) params['timeout'] = testCase.timeout;
    modelList.push({ model_name: `case-${index}`, litellm_params: params });
  }
  // No retries: each case checks how one upstream failure reaches the client (retries are covered in test/routing and test/fault-injection).
  const gateway = await startTestGateway({ config: { model_list: modelList, router_settings: { num_retries: 0 } } });
  t.teardown(async () => {
    await gateway.close();
    await Promise.all(upstreams.map((upstream) => upstream?.close()));
  });
  return { gateway, upstreams };
}

t.test('upstream failures get the right status and an OpenAI error body, and are logged', async (t) => {
  const { gateway } = await setUp(t, CASES);
  for (const [index, testCase] of CASES.entries()) {
    const response = await fetch(`${gateway.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...BODY, model: `case-${index}`, stream: testCase.stream ?? false }),
    });
    t.equal(response.status, testCase.status, `${testCase.name}: status`);
    t.match(response.headers.get('content-type'), /application\/json/, `${testCase.name}: a JSON body, not a stream`);
    const body = (await response.json()) as { error: { type: string; code: string; message: string } };
    t.equal(body.error.type, testCase.type, `${testCase.name}: type`);
    t.equal(body.error.code, testCase.code, `${testCase.name}: code`);
    t.equal(openAISpecErrors('ErrorResponse', body), '', `${testCase.name}: spec-valid`);
    if (testCase.retryAfter) t.equal(response.headers.get('retry-after'), testCase.retryAfter, `${testCase.name}: Retry-After`);
    t.match(response.headers.get('x-request-id'), /\S/, `${testCase.name}: x-request-id`);
  }
  const writer = gateway.gateway.cradle.requestLogWriter;
  await writer.flush();
  const rows = await gateway.gateway.cradle.database.orm.em.fork().find(RequestLog, {}, { orderBy: { startedAt: 'asc' } });
  t.equal(rows.length, CASES.length, 'one request-log row per request');
  t.same(rows.map((row) => row.status).sort(), CASES.map((testCase) => testCase.status).sort(), 'statuses are logged');
  t.ok(rows.every((row) => row.errorCode?.startsWith('PROVIDER_')), 'error codes are logged');
  t.ok(rows.every((row) => row.provider === 'openai' && row.upstreamModel === 'gpt-4o'), 'provider and upstream model are logged');
});

t.test('the official client sees typed errors', async (t) => {
  const { gateway } = await setUp(t, [CASES[4]!]);
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const error = await client.chat.completions.create({ ...BODY, model: 'case-0' } as never).catch((caught: unknown) => caught);
  t.ok(error instanceof OpenAI.RateLimitError, 'RateLimitError');
  t.equal((error as InstanceType<typeof OpenAI.RateLimitError>).status, 429);
});

t.test('an error inside a stream becomes an SSE error event, then the stream closes', async (t) => {
  const recorded = cassette('groq/stream-error-tool-use-failed.cassette.yaml')[0]!;
  const { gateway } = await setUp(t, [{ reply: recorded }]);
  const response = await fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...BODY, model: 'case-0', stream: true }) });
  t.equal(response.status, 200);
  const text = await response.text();
  const events = text.split('\n\n').filter(Boolean);
  const last = events.at(-1)!;
  t.match(last, /^data: \{"error":/, 'the last event is an error');
  const error = JSON.parse(last.slice(6)).error;
  t.equal(typeof error.message, 'string');
  t.ok(error.type && error.code, 'with type and code');
  t.notMatch(text, /\[DONE\]/, 'no [DONE] after an error');
  await gateway.gateway.cradle.requestLogWriter.flush();
  const rows = await gateway.gateway.cradle.database.orm.em.fork().find(RequestLog, {});
  t.equal(rows[0]?.status, 200);
  t.match(rows[0]?.errorCode, /^PROVIDER_/, 'the stream error code is logged');
});

t.test('a client that disconnects aborts the upstream request', async (t) => {
  for (const stream of [false, true]) {
    let upstreamClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    let arrived: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const watch: FakeReply = (request, response) => {
      arrived();
      response.on('close', () => upstreamClosed());
      request.socket.on('close', () => upstreamClosed());
    };
    const { gateway } = await setUp(t, [{ reply: watch }]);
    const controller = new AbortController();
    const pending = fetch(`${gateway.baseURL}/chat/completions`, { method: 'POST', signal: controller.signal, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...BODY, model: 'case-0', stream }) }).catch((error: unknown) => error);
    await reached;
    controller.abort();
    await pending;
    await closed;
    t.pass(`${stream ? 'streamed' : 'plain'} request: the upstream saw the connection close`);
    await gateway.gateway.cradle.requestLogWriter.flush();
    const rows = await gateway.gateway.cradle.database.orm.em.fork().find(RequestLog, {});
    t.equal(rows.length, 1, 'the aborted request is logged');
  }
});

t.test('a client that disconnects mid-stream aborts the upstream stream', async (t) => {
  let upstreamClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
  const trickle: FakeReply = (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'tick ' }, finish_reason: null }] };
    const timer = setInterval(() => response.write(`data: ${JSON.stringify(chunk)}\n\n`), 20);
    response.on('close', () => {
      clearInterval(timer);
      upstreamClosed();
    });
  };
  const { gateway } = await setUp(t, [{ reply: trickle }]);
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const stream = (await client.chat.completions.create({ ...BODY, model: 'case-0', stream: true } as never)) as unknown as AsyncIterable<unknown> & { controller: AbortController };
  let seen = 0;
  for await (const chunk of stream) {
    void chunk;
    if (++seen === 3) break;
  }
  await closed;
  t.equal(seen, 3);
  await gateway.gateway.cradle.requestLogWriter.flush();
  t.pass('the upstream stream was closed');
});
