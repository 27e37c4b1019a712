import t from 'tap';
import OpenAI from 'openai';
import { createFastFetch } from '../../core/http/create-fast-fetch.js';
import { readRecorded, recordedJson, sseFrames } from '../helpers/recorded-fixtures.js';
import { readBody, sendJson, startTestServer } from './start-test-server.js';

const completion = recordedJson<{ choices: { message: { content: string } }[] }>('openai/openai-text.json');
const frames = sseFrames('openai/openai-text.chunks.txt', 'openai');

t.test('chat completion JSON round trip through the openai SDK', async (t) => {
  const seen: { method?: string; url?: string; authorization?: string; contentType?: string; body?: unknown } = {};
  const server = await startTestServer(async (request, response) => {
    seen.method = request.method;
    seen.url = request.url;
    seen.authorization = request.headers.authorization;
    seen.contentType = request.headers['content-type'];
    seen.body = JSON.parse(await readBody(request));
    response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
    response.end(readRecorded('openai/openai-text.json'));
  });
  const fast = createFastFetch();
  t.teardown(async () => {
    await fast.close();
    await server.close();
  });
  const client = new OpenAI({ fetch: fast.fetch, baseURL: `${server.origin}/v1`, apiKey: 'x', maxRetries: 0 });

  const { data, response } = await client.chat.completions
    .create({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();

  t.equal(data.choices[0]?.message.content, completion.choices[0]?.message.content);
  t.equal(response.status, 200);
  t.equal(response.headers.get('x-request-id'), 'req-1');
  t.equal(response.url, `${server.origin}/v1/chat/completions`);
  t.same(seen, {
    method: 'POST',
    url: '/v1/chat/completions',
    authorization: 'Bearer x',
    contentType: 'application/json',
    body: { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] },
  });
});

t.test('streamed completion arrives chunk by chunk through the openai SDK', async (t) => {
  let releaseRest!: () => void;
  const firstChunkSeen = new Promise<void>((resolve) => (releaseRest = resolve));
  const server = await startTestServer(async (request, response) => {
    await readBody(request);
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(frames[0]);
    // The rest is only sent once the client has parsed the first event: a buffering fetch would hang here.
    await firstChunkSeen;
    for (const frame of frames.slice(1)) response.write(frame);
    response.end();
  });
  const fast = createFastFetch();
  t.teardown(async () => {
    await fast.close();
    await server.close();
  });
  const client = new OpenAI({ fetch: fast.fetch, baseURL: `${server.origin}/v1`, apiKey: 'x', maxRetries: 0 });

  const stream = await client.chat.completions.create({
    model: 'gpt-4.1-nano',
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
  });
  let text = '';
  let chunks = 0;
  for await (const chunk of stream) {
    if (chunks++ === 0) releaseRest();
    text += chunk.choices[0]?.delta.content ?? '';
  }
  t.equal(chunks, frames.length - 1, 'every data frame but [DONE] became a chunk');
  const expected = frames
    .slice(0, -1)
    .map((frame) => (JSON.parse(frame.slice('data: '.length)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '')
    .join('');
  t.equal(text, expected);
  t.ok(text.length > 100);
});

t.test('a 4xx JSON error becomes the SDK error with its code', async (t) => {
  const server = await startTestServer(async (request, response) => {
    await readBody(request);
    sendJson(response, 404, { error: { message: 'The model `nope` does not exist', type: 'invalid_request_error', param: null, code: 'model_not_found' } });
  });
  const fast = createFastFetch();
  t.teardown(async () => {
    await fast.close();
    await server.close();
  });
  const client = new OpenAI({ fetch: fast.fetch, baseURL: `${server.origin}/v1`, apiKey: 'x', maxRetries: 0 });

  const error = await client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] }).then(
    () => null,
    (caught: unknown) => caught,
  );
  t.ok(error instanceof OpenAI.NotFoundError, 'NotFoundError');
  t.equal((error as InstanceType<typeof OpenAI.NotFoundError>).status, 404);
  t.equal((error as InstanceType<typeof OpenAI.NotFoundError>).code, 'model_not_found');
});

t.test('a refused connection becomes APIConnectionError; an abort becomes APIUserAbortError', async (t) => {
  const closed = await startTestServer(() => undefined);
  const refusedOrigin = closed.origin;
  await closed.close();
  const hanging = await startTestServer(() => undefined);
  const fast = createFastFetch();
  t.teardown(async () => {
    await hanging.close();
    await fast.close();
  });

  const refused = new OpenAI({ fetch: fast.fetch, baseURL: `${refusedOrigin}/v1`, apiKey: 'x', maxRetries: 0 });
  const connectionError = await refused.models.list().then(
    () => null,
    (caught: unknown) => caught,
  );
  t.ok(connectionError instanceof OpenAI.APIConnectionError, 'APIConnectionError');
  const cause = (connectionError as Error).cause as TypeError & { cause?: { code?: string } };
  t.equal(cause.message, 'fetch failed');
  t.equal(cause.cause?.code, 'ECONNREFUSED');

  const controller = new AbortController();
  const client = new OpenAI({ fetch: fast.fetch, baseURL: `${hanging.origin}/v1`, apiKey: 'x', maxRetries: 0 });
  const pending = client.models.list({ signal: controller.signal }).then(
    () => null,
    (caught: unknown) => caught,
  );
  while (hanging.connectionCount() === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  t.ok((await pending) instanceof OpenAI.APIUserAbortError, 'APIUserAbortError');
});
