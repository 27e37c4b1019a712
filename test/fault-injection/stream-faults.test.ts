import t from 'tap';
import { attemptsOf, chatBody, scenario, sseEvents, statesOf, streamedText } from './fault-harness.js';
import { chunkFrame, streamFrames, type Behaviour } from './scripted-upstream.js';

const CHAT = '/v1/chat/completions';
const STREAM = chatBody('chat', { stream: true });
/** Deployment `a` misbehaves once (with `params` of its own), `b` answers normally. */
const TWO = (a: Behaviour, params: Record<string, unknown> = {}) => [
  { id: 'a', params: { order: 1, ...params }, script: [a] },
  { id: 'b', params: { order: 2 } },
];
const errorEvent = (text: string) => sseEvents(text).at(-1) as { error?: { code: string; type: string } };

t.test('slow first byte: stream_timeout moves on to the next deployment', async (t) => {
  await scenario(t, 'headers late (deployment stream_timeout)', {
    deployments: TWO({ kind: 'sse', frames: streamFrames(['late']), headDelayMs: 5_000 }, { stream_timeout: 0.2 }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(answer.status, 200);
    t.equal(streamedText(answer.text), 'Hello there', 'the answer comes from the second deployment');
    t.equal(answer.headers['x-switchyard-deployment'], 'b');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_TIMEOUT'], ['b', null]]);
    t.same(await statesOf(setup), { a: 'healthy', b: 'healthy' }, 'one timeout is within allowed_fails');
  });

  await scenario(t, 'headers on time, first chunk late (x-switchyard-stream-timeout)', {
    deployments: TWO({ kind: 'sse', frames: [': waiting\n\n', ...streamFrames(['late'])], frameDelayMs: 5_000 }),
  }, async (t, setup) => {
    // A request-wide bound applies to b as well: generous enough for a loaded machine.
    const answer = await setup.post(CHAT, STREAM, { headers: { 'x-switchyard-stream-timeout': '1' } });
    t.equal(answer.status, 200);
    t.equal(streamedText(answer.text), 'Hello there');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_TIMEOUT'], ['b', null]]);
  });

  await scenario(t, 'a non-streaming call past its timeout', {
    deployments: TWO({ kind: 'json', body: {}, delayMs: 5_000 }, { timeout: 0.2 }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 200);
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_TIMEOUT'], ['b', null]]);
  });
});

await scenario(t, 'stall mid-stream: the idle timeout ends the stream with an SSE error event', {
  deployments: [{ id: 'a', script: [{ kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: '' }), chunkFrame({ content: 'Hel' }), chunkFrame({ content: 'lo' })], then: 'stall' }] }],
  routerSettings: { stream_idle_timeout: 0.5 },
}, async (t, setup) => {
  const answer = await setup.post(CHAT, STREAM);
  t.equal(answer.status, 200, 'the stream had begun');
  t.equal(streamedText(answer.text), 'Hello', 'what arrived before the stall is kept');
  t.equal(errorEvent(answer.text).error?.code, 'timeout', 'then an error event');
  t.notMatch(answer.text, /\[DONE\]/);
  const [row] = await setup.rows(1);
  t.equal(row!.errorCode, 'PROVIDER_TIMEOUT');
  t.same(attemptsOf(row), [['a', 'PROVIDER_TIMEOUT']], 'the attempt record carries the failure after the hand-over');
  const [a] = await setup.health();
  t.same([a!.state, a!.recent_failures, a!.in_flight], ['healthy', 1, 0], 'counted as a failure; no longer in flight');
});

t.test('connection reset', async (t) => {
  for (const stream of [false, true]) {
    await scenario(t, `before the headers (${stream ? 'stream' : 'JSON'})`, { deployments: TWO({ kind: 'reset' }) }, async (t, setup) => {
      const answer = await setup.post(CHAT, chatBody('chat', { stream }));
      t.equal(answer.status, 200);
      t.equal(answer.headers['x-switchyard-deployment'], 'b');
      t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_CONNECTION_FAILED'], ['b', null]]);
      t.same(await statesOf(setup), { a: 'healthy', b: 'healthy' });
    });
  }

  await scenario(t, 'after the headers, before any content: retried transparently', {
    deployments: TWO({ kind: 'sse', frames: [], then: 'reset' }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(answer.status, 200);
    t.equal(streamedText(answer.text), 'Hello there');
    t.equal(sseEvents(answer.text).at(-1), '[DONE]');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_CONNECTION_FAILED'], ['b', null]]);
  });

  await scenario(t, 'after content reached the client: an SSE error event', {
    deployments: TWO({ kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: '' }), chunkFrame({ content: 'Hel' })], then: 'reset' }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(answer.status, 200);
    t.equal(streamedText(answer.text), 'Hel');
    t.equal(errorEvent(answer.text).error?.code, 'upstream_connection_error');
    const [row] = await setup.rows(1);
    t.same(attemptsOf(row), [['a', 'PROVIDER_CONNECTION_FAILED']], 'no retry once bytes reached the client');
    t.equal(setup.upstream('b').requests.length, 0);
  });
});

t.test('malformed JSON', async (t) => {
  await scenario(t, 'a response body that is not JSON is retried elsewhere', { deployments: TWO({ kind: 'json', body: '{"id": "x", "choices": [' }) }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 200);
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_RESPONSE_INVALID'], ['b', null]]);
    t.same(await statesOf(setup), { a: 'healthy', b: 'healthy' });
  });

  await scenario(t, 'a malformed first SSE event is retried elsewhere', { deployments: TWO({ kind: 'sse', frames: ['data: {not json}\n\n'] }) }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(streamedText(answer.text), 'Hello there');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_RESPONSE_INVALID'], ['b', null]]);
  });

  await scenario(t, 'a malformed SSE event mid-stream becomes an error event', {
    deployments: TWO({ kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: 'Hel' }), 'data: {not json}\n\n'] }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(streamedText(answer.text), 'Hel');
    t.equal(errorEvent(answer.text).error?.code, 'upstream_invalid_response');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_RESPONSE_INVALID']]);
  });
});

t.test('truncated SSE', async (t) => {
  await scenario(t, 'a stream that ends before any content is retried elsewhere', {
    deployments: TWO({ kind: 'sse', frames: [] }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(streamedText(answer.text), 'Hello there');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_RESPONSE_INVALID'], ['b', null]]);
  });

  await scenario(t, 'a stream cut in the middle of an event ends with an error event, not a clean finish', {
    deployments: TWO({ kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: 'Hel' }), 'data: {"id":"chatcmpl-fault","choices":[{"delta":{"content":"lo'] }),
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, STREAM);
    t.equal(streamedText(answer.text), 'Hel');
    t.equal(errorEvent(answer.text).error?.code, 'upstream_invalid_response');
    t.notMatch(answer.text, /\[DONE\]/);
  });
});

await scenario(t, 'a multi-byte UTF-8 character split across upstream chunks arrives whole', {
  deployments: [{ id: 'a', script: [(() => {
    const bytes = Buffer.from(chunkFrame({ content: 'Grüße, 日本 🚀' }));
    const cut = bytes.indexOf(Buffer.from('本')) + 1;
    const rocket = bytes.indexOf(Buffer.from('🚀')) + 2;
    return { kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: '' }), bytes.subarray(0, cut), bytes.subarray(cut, rocket), bytes.subarray(rocket), ...streamFrames([]).slice(1)], frameDelayMs: 5 } as const;
  })()] }],
}, async (t, setup) => {
  const answer = await setup.post(CHAT, STREAM);
  t.equal(streamedText(answer.text), 'Grüße, 日本 🚀');
  t.notMatch(answer.text, /\uFFFD/, 'no replacement characters');
  t.same(attemptsOf((await setup.rows(1))[0]), [['a', null]]);
});
