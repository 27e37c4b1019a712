import t from 'tap';
import net from 'node:net';
import { attemptsOf, chatBody, scenario, statesOf, streamedText } from './fault-harness.js';
import { errorReply } from './scripted-upstream.js';

const CHAT = '/v1/chat/completions';
const down = () => errorReply(500, 'The server had an error');

t.test('fallback chains', async (t) => {
  await scenario(t, 'length 2: primary gives up after its retries, the fallback group answers', {
    deployments: [{ id: 'p', group: 'primary', script: down }, { id: 's', group: 'secondary' }],
    routerSettings: { num_retries: 1, fallbacks: [{ primary: ['secondary'] }] },
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody('primary'));
    t.equal(answer.status, 200);
    t.equal(answer.headers['x-switchyard-model-group'], 'secondary');
    t.equal(answer.headers['x-switchyard-deployment'], 's');
    t.equal(answer.headers['x-switchyard-attempts'], '3');
    const [row] = await setup.rows(1);
    t.same(attemptsOf(row), [['p', 'PROVIDER_SERVER_ERROR'], ['p', 'PROVIDER_SERVER_ERROR'], ['s', null]]);
    t.equal(row!.requestedModel, 'primary');
    t.equal(row!.deployment, 's');
    t.same(await statesOf(setup), { p: 'healthy', s: 'healthy' });
  });

  await scenario(t, 'length 3 (streaming): two groups fail, the third answers', {
    deployments: [
      { id: 'a', group: 'first', script: () => errorReply(429, 'Rate limit reached') },
      { id: 'b', group: 'second', script: () => ({ kind: 'reset' }) },
      { id: 'c', group: 'third' },
    ],
    routerSettings: { num_retries: 1, fallbacks: [{ first: ['second', 'third'] }] },
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody('first', { stream: true }));
    t.equal(answer.status, 200);
    t.equal(streamedText(answer.text), 'Hello there');
    t.equal(answer.headers['x-switchyard-model-group'], 'third');
    t.same(attemptsOf((await setup.rows(1))[0]), [
      ['a', 'PROVIDER_RATE_LIMITED'],
      ['b', 'PROVIDER_CONNECTION_FAILED'],
      ['b', 'PROVIDER_CONNECTION_FAILED'],
      ['c', null],
    ], 'the cooled-down deployment is not retried; the reset one is, then the chain moves on');
    t.same(await statesOf(setup), { a: 'cooldown', b: 'healthy', c: 'healthy' });
  });

  await scenario(t, 'the whole chain failing returns the last error', {
    deployments: [{ id: 'a', group: 'first', script: down }, { id: 'b', group: 'second', script: down }],
    routerSettings: { num_retries: 0, fallbacks: [{ first: ['second'] }] },
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody('first'));
    t.equal(answer.status, 500);
    t.equal(answer.headers['x-switchyard-attempts'], '2');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_SERVER_ERROR'], ['b', 'PROVIDER_SERVER_ERROR']]);
  });

  await scenario(t, 'context-window and content-policy errors use their own lists; the request body can name fallbacks', {
    deployments: [
      { id: 'small', group: 'small', script: () => errorReply(400, "This model's maximum context length is 8192 tokens.", {}, { code: 'context_length_exceeded' }) },
      { id: 'strict', group: 'strict', script: () => errorReply(400, 'Your request was rejected by our content policy.', {}, { code: 'content_policy_violation' }) },
      { id: 'large', group: 'large' },
      { id: 'lenient', group: 'lenient' },
      { id: 'other', group: 'other' },
    ],
    routerSettings: { context_window_fallbacks: [{ small: ['large'] }], content_policy_fallbacks: [{ strict: ['lenient'] }], fallbacks: [{ '*': ['other'] }] },
  }, async (t, setup) => {
    const context = await setup.post(CHAT, chatBody('small'));
    t.equal(context.headers['x-switchyard-model-group'], 'large');
    const policy = await setup.post(CHAT, chatBody('strict'));
    t.equal(policy.headers['x-switchyard-model-group'], 'lenient');
    const requested = await setup.post(CHAT, chatBody('strict', { content_policy_fallbacks: ['other'] }));
    t.equal(requested.headers['x-switchyard-model-group'], 'other', 'a request-body list replaces the configured one');
    const rows = await setup.rows(3);
    t.same(rows.map(attemptsOf), [
      [['small', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED'], ['large', null]],
      [['strict', 'PROVIDER_CONTENT_POLICY'], ['lenient', null]],
      [['strict', 'PROVIDER_CONTENT_POLICY'], ['other', null]],
    ], 'the request itself was the problem: no retry on the same group');
    t.same(await statesOf(setup), { small: 'healthy', strict: 'healthy', large: 'healthy', lenient: 'healthy', other: 'healthy' }, 'request problems cool nothing down');
  });
});

await scenario(t, 'a client that disconnects during a retry wait ends the wait at once and no further attempt is made', {
  deployments: [{ id: 'a', script: down }],
  // A one-minute wait: were it not ended by the disconnect, its timer would still be alive at the end.
  routerSettings: { retry_after: 60 },
}, async (t, setup) => {
  const controller = new AbortController();
  const pending = setup.post(CHAT, chatBody(), { signal: controller.signal }).catch((error: unknown) => error);
  await setup.upstream('a').waitForRequests(1);
  // The failure is counted just before the router starts waiting; once it shows, the wait has begun.
  while ((await setup.health())[0]!.recent_failures === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  t.match(await pending, { message: 'client aborted' });
  const [row] = await setup.rows(1);
  t.equal(row!.status, 499);
  t.equal(row!.errorCode, 'REQUEST_CLIENT_DISCONNECTED');
  t.same(attemptsOf(row), [['a', 'PROVIDER_SERVER_ERROR']], 'one attempt, then nothing');
  t.equal(setup.upstream('a').requests.length, 1);
  const [a] = await setup.health();
  t.same([a!.state, a!.in_flight], ['healthy', 0]);
});

await scenario(t, 'a client that disconnects mid-stream releases the deployment without counting a failure', {
  deployments: [{ id: 'a', script: [{ kind: 'sse', frames: ['data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"tick"},"finish_reason":null}]}\n\n'], then: 'stall' }] }],
}, async (t, setup) => {
  const controller = new AbortController();
  const pending = setup.post(CHAT, chatBody('chat', { stream: true }), { signal: controller.signal }).catch((error: unknown) => error);
  await setup.upstream('a').waitForRequests(1);
  while ((await setup.health())[0]!.in_flight === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  await pending;
  const [row] = await setup.rows(1);
  t.equal(row!.status, 499);
  t.same(attemptsOf(row), [['a', null]], 'the attempt itself succeeded');
  const [a] = await setup.health();
  t.same([a!.state, a!.in_flight, a!.recent_failures], ['healthy', 0, 0]);
});

await scenario(t, 'a client that disconnects while sending its body is logged as 499 and never reaches an upstream', {
  deployments: [{ id: 'a' }],
}, async (t, setup) => {
  const { port } = new URL(setup.gateway.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`POST ${CHAT} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"model":"chat","messages":[`);
  // Wait until the gateway has the partial body, then go away.
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.destroy();
  const [row] = await setup.rows(1);
  t.equal(row!.status, 499);
  t.equal(row!.errorCode, 'REQUEST_CLIENT_DISCONNECTED');
  t.equal(setup.upstream('a').requests.length, 0);
});
