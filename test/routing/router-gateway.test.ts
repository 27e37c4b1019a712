import t from 'tap';
import { attemptsOf, chatBody, scenario, statesOf } from '../fault-injection/fault-harness.js';
import { chunkFrame, errorReply } from '../fault-injection/scripted-upstream.js';

const CHAT = '/v1/chat/completions';
const failing = () => errorReply(500, 'The server had an error');
type ErrorBody = { error: { code: string; param: string | null; message: string } };

await scenario(t, 'per-request retries and timeouts: body fields and x-switchyard-* headers (headers win)', {
  deployments: [{ id: 'a', script: (_index, request) => (request.body['messages'] ? failing() : { kind: 'ok' }) }],
  routerSettings: { allowed_fails: 100 },
}, async (t, setup) => {
  const body = await setup.post(CHAT, chatBody('chat', { num_retries: 0 }));
  t.equal(body.headers['x-switchyard-attempts'], '1', 'num_retries: 0 in the body');
  const header = await setup.post(CHAT, chatBody('chat', { num_retries: 0 }), { headers: { 'x-switchyard-num-retries': '1' } });
  t.equal(header.headers['x-switchyard-attempts'], '2', 'the header wins over the body');
  const litellm = await setup.post(CHAT, chatBody(), { headers: { 'x-litellm-num-retries': '0' } });
  t.equal(litellm.headers['x-switchyard-attempts'], '1', "LiteLLM's header is understood too");
  const defaults = await setup.post(CHAT, chatBody());
  t.equal(defaults.headers['x-switchyard-attempts'], '3', 'num_retries defaults to 2');
  const bad = await setup.post(CHAT, chatBody(), { headers: { 'x-switchyard-timeout': 'soon' } });
  t.equal(bad.status, 400);
  t.equal(bad.json<ErrorBody>().error.param, 'x-switchyard-timeout');
  const tooMany = await setup.post(CHAT, chatBody('chat', { num_retries: 50 }));
  t.equal(tooMany.status, 400);
  t.equal(tooMany.json<ErrorBody>().error.param, 'num_retries');
  const fallbacks = await setup.post(CHAT, chatBody('chat', { fallbacks: [{ model: 'x', messages: [] }] }));
  t.equal(fallbacks.json<ErrorBody>().error.param, 'fallbacks[0]');
  t.equal(setup.upstream('a').requests.filter((request) => 'num_retries' in request.body || 'fallbacks' in request.body).length, 0, 'gateway fields are never forwarded');
});

await scenario(t, 'x-switchyard-timeout bounds each attempt', {
  deployments: [{ id: 'a', script: () => ({ kind: 'stall' }) }],
}, async (t, setup) => {
  const answer = await setup.post(CHAT, chatBody('chat', { num_retries: 1 }), { headers: { 'x-switchyard-timeout': '0.1' } });
  t.equal(answer.status, 504);
  t.equal(answer.json<ErrorBody>().error.code, 'timeout');
  t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_TIMEOUT'], ['a', 'PROVIDER_TIMEOUT']]);
});

await scenario(t, '401 fails over to another deployment at once and is never retried on the same one', {
  deployments: [
    { id: 'bad-key', params: { order: 1 }, script: () => errorReply(401, 'Incorrect API key provided') },
    { id: 'good', params: { order: 2 } },
    { id: 'solo', group: 'solo', script: () => errorReply(401, 'Incorrect API key provided') },
  ],
  routerSettings: { retry_backoff_base: 60, retry_backoff_max: 60 },
}, async (t, setup) => {
  const answer = await setup.post(CHAT, chatBody());
  t.equal(answer.status, 200);
  const solo = await setup.post(CHAT, chatBody('solo'));
  t.equal(solo.status, 401, 'no other deployment: the 401 reaches the client');
  const rows = await setup.rows(2);
  t.same(rows.map(attemptsOf), [[['bad-key', 'PROVIDER_AUTHENTICATION'], ['good', null]], [['solo', 'PROVIDER_AUTHENTICATION']]]);
  t.same(await statesOf(setup), { 'bad-key': 'cooldown', good: 'healthy', solo: 'cooldown' });
});

await scenario(t, '400 is never retried and cools nothing down; retry_policy overrides per error class', {
  deployments: [
    { id: 'strict', group: 'strict', script: () => errorReply(400, "Unsupported value: 'temperature'", {}, { code: 'unsupported_value' }) },
    { id: 'flaky', group: 'flaky', script: failing },
  ],
  routerSettings: { retry_policy: { InternalServerErrorRetries: 0, BadRequestErrorRetries: 1 } },
}, async (t, setup) => {
  const strict = await setup.post(CHAT, chatBody('strict'));
  t.equal(strict.status, 400);
  t.equal(strict.json<ErrorBody>().error.code, 'unsupported_value');
  const flaky = await setup.post(CHAT, chatBody('flaky'));
  t.equal(flaky.status, 500);
  const rows = await setup.rows(2);
  t.same(rows.map(attemptsOf), [
    [['strict', 'PROVIDER_BAD_REQUEST'], ['strict', 'PROVIDER_BAD_REQUEST']],
    [['flaky', 'PROVIDER_SERVER_ERROR']],
  ], 'BadRequestErrorRetries: 1 retries a 400 once; InternalServerErrorRetries: 0 stops the default retries');
  t.same(await statesOf(setup), { strict: 'healthy', flaky: 'healthy' });
});

await scenario(t, 'pre-call checks skip deployments too small for the prompt, before any call', {
  deployments: [
    { id: 'small', params: { order: 1 }, modelInfo: { max_input_tokens: 50 } },
    { id: 'large', params: { order: 2 }, modelInfo: { max_input_tokens: 100_000 } },
    { id: 'tiny', group: 'tiny', modelInfo: { max_input_tokens: 50 } },
    { id: 'roomy', group: 'roomy' },
  ],
  routerSettings: { enable_pre_call_checks: true, context_window_fallbacks: [{ tiny: ['roomy'] }] },
}, async (t, setup) => {
  const long = { messages: [{ role: 'user', content: 'word '.repeat(400) }] };
  const skipped = await setup.post(CHAT, { model: 'chat', ...long });
  t.equal(skipped.headers['x-switchyard-deployment'], 'large');
  const short = await setup.post(CHAT, chatBody());
  t.equal(short.headers['x-switchyard-deployment'], 'small', 'a short prompt still uses the first tier');
  const fallback = await setup.post(CHAT, { model: 'tiny', ...long });
  t.equal(fallback.headers['x-switchyard-model-group'], 'roomy', 'no deployment fits: the context-window fallback');
  const rows = await setup.rows(3);
  t.same(rows.map(attemptsOf), [[['large', null]], [['small', null]], [['roomy', null]]]);
  t.equal(setup.upstream('small').requests.length + setup.upstream('tiny').requests.length, 1, 'too-small deployments were never called with the long prompt');
});

await scenario(t, 'max_parallel_requests caps concurrency; a full group answers 429', {
  deployments: [
    { id: 'one', params: { order: 1, max_parallel_requests: 1 }, script: [{ kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: 'hold' })], then: 'stall' }] },
    { id: 'two', params: { order: 2, max_parallel_requests: 1 }, script: [{ kind: 'sse', frames: [chunkFrame({ role: 'assistant', content: 'hold' })], then: 'stall' }] },
  ],
}, async (t, setup) => {
  const controllers = [new AbortController(), new AbortController()];
  const held = controllers.map((controller) => setup.post(CHAT, chatBody('chat', { stream: true }), { signal: controller.signal }).catch(() => undefined));
  await setup.upstream('one').waitForRequests(1);
  await setup.upstream('two').waitForRequests(1);
  while ((await setup.health()).some((deployment) => deployment.in_flight === 0)) await new Promise((resolve) => setImmediate(resolve));
  const full = await setup.post(CHAT, chatBody());
  t.equal(full.status, 429);
  t.equal(full.json<ErrorBody>().error.code, 'no_deployment_available');
  t.match(full.json<ErrorBody>().error.message, /max_parallel_requests/);
  t.equal(full.headers['retry-after'], '1');
  for (const controller of controllers) controller.abort();
  await Promise.all(held);
  while ((await setup.health()).some((deployment) => deployment.in_flight > 0)) await new Promise((resolve) => setImmediate(resolve));
  const freed = await setup.post(CHAT, chatBody());
  t.equal(freed.status, 200, 'capacity comes back when the streams end');
});

await scenario(t, 'a provider/model handle or a deployment id routes to that one deployment and shares its state', {
  deployments: [{ id: 'a', script: [errorReply(429, 'Rate limit reached')] }, { id: 'b' }],
}, async (t, setup) => {
  const first = await setup.post(CHAT, chatBody('openai/fake-a'));
  t.equal(first.status, 429);
  t.same(await statesOf(setup), { a: 'cooldown', b: 'healthy' });
  const byId = await setup.post(CHAT, chatBody('a'));
  t.equal(byId.json<ErrorBody>().error.code, 'no_deployment_available', 'the same deployment, still cooling down');
  const group = await setup.post(CHAT, chatBody());
  t.equal(group.headers['x-switchyard-deployment'], 'b', 'the group routes around it');
});
