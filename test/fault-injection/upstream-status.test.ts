import t from 'tap';
import { attemptsOf, chatBody, scenario, statesOf } from './fault-harness.js';
import { errorReply } from './scripted-upstream.js';

const CHAT = '/v1/chat/completions';

t.test('429 with Retry-After', async (t) => {
  await scenario(t, 'the rate-limited deployment cools down at once and the retry goes to the next one', {
    deployments: [
      { id: 'a', params: { order: 1 }, script: [errorReply(429, 'Rate limit reached', { 'retry-after': '20' })] },
      { id: 'b', params: { order: 2 } },
    ],
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 200, 'the client sees a normal answer');
    t.equal(answer.headers['x-switchyard-deployment'], 'b');
    t.equal(answer.headers['x-switchyard-attempts'], '2');
    const [row] = await setup.rows(1);
    t.same(attemptsOf(row), [['a', 'PROVIDER_RATE_LIMITED'], ['b', null]], 'both attempts are logged');
    const health = await setup.health();
    const a = health.find((deployment) => deployment.id === 'a')!;
    t.equal(a.state, 'cooldown', 'a 429 cools the deployment down at once');
    // The cooldown lasts max(cooldown_time, Retry-After): 20 s here, not the 5 s default.
    t.ok(Date.parse(a.cooldown_until!) - Date.now() > 10_000, 'the cooldown honours Retry-After');
    t.equal(health.find((deployment) => deployment.id === 'b')!.state, 'healthy');
  });

  await scenario(t, 'with allowed_fails_policy the same deployment is retried after the Retry-After wait', {
    deployments: [{ id: 'a', script: [errorReply(429, 'Slow down', { 'retry-after-ms': '30' })] }],
    routerSettings: { allowed_fails_policy: { RateLimitErrorAllowedFails: 5 } },
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 200);
    t.equal(answer.headers['x-switchyard-attempts'], '2');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_RATE_LIMITED'], ['a', null]]);
    t.same(await statesOf(setup), { a: 'healthy' }, 'one 429 is within the allowed fails of the policy');
  });

  await scenario(t, 'a Retry-After beyond max_retry_after is not waited for inside the request', {
    deployments: [{ id: 'a', script: [errorReply(429, 'Come back in an hour', { 'retry-after': '3600' })] }],
    routerSettings: { allowed_fails_policy: { RateLimitErrorAllowedFails: 5 } },
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 429, 'the upstream 429 reaches the client');
    t.equal(answer.headers['retry-after'], '3600', 'with its Retry-After');
    t.equal(answer.json<{ error: { code: string } }>().error.code, 'rate_limit_exceeded');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_RATE_LIMITED']]);
  });
});

t.test('500 is retried with backoff; after allowed_fails the deployment cools down', async (t) => {
  await scenario(t, '500 then success on the same deployment', {
    deployments: [{ id: 'a', script: [errorReply(500, 'The server had an error')] }],
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 200);
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_SERVER_ERROR'], ['a', null]]);
    const [a] = await setup.health();
    t.equal(a!.state, 'healthy', 'one failure is within allowed_fails');
    t.equal(a!.recent_failures, 1);
  });

  await scenario(t, 'retries run out: the client sees the 500; the next failure past allowed_fails cools down', {
    deployments: [{ id: 'a', script: (index) => (index < 4 ? errorReply(500, `failure ${index + 1}`) : { kind: 'ok' }) }],
    routerSettings: { allowed_fails: 3 },
  }, async (t, setup) => {
    const first = await setup.post(CHAT, chatBody());
    t.equal(first.status, 500, 'num_retries (2) exhausted');
    t.equal(first.headers['x-switchyard-attempts'], '3');
    t.equal(first.json<{ error: { type: string } }>().error.type, 'server_error');
    t.same(await statesOf(setup), { a: 'healthy' }, 'three failures are allowed');
    const second = await setup.post(CHAT, chatBody(), { headers: { 'x-switchyard-num-retries': '0' } });
    t.equal(second.status, 500, 'the fourth failure');
    t.same(await statesOf(setup), { a: 'cooldown' }, 'more than allowed_fails failures within a minute');
    const rows = await setup.rows(2);
    t.same(rows.map(attemptsOf), [
      [['a', 'PROVIDER_SERVER_ERROR'], ['a', 'PROVIDER_SERVER_ERROR'], ['a', 'PROVIDER_SERVER_ERROR']],
      [['a', 'PROVIDER_SERVER_ERROR']],
    ]);
  });
});

for (const status of [503, 529]) {
  await scenario(t, `${status} (overloaded) moves on to another deployment at once`, {
    deployments: [
      { id: 'a', params: { order: 1 }, script: [errorReply(status, 'Overloaded')] },
      { id: 'b', params: { order: 2 } },
    ],
  }, async (t, setup) => {
    const answer = await setup.post(CHAT, chatBody('chat', { stream: true }));
    t.equal(answer.status, 200, answer.text);
    t.equal(answer.headers['content-type'], 'text/event-stream; charset=utf-8', 'a stream, retried before the first byte');
    t.equal(answer.headers['x-switchyard-deployment'], 'b');
    t.same(attemptsOf((await setup.rows(1))[0]), [['a', 'PROVIDER_OVERLOADED'], ['b', null]]);
    const health = await setup.health();
    t.same(health.map((deployment) => [deployment.id, deployment.state, deployment.recent_failures]), [['a', 'healthy', 1], ['b', 'healthy', 0]], 'overload counts towards allowed_fails');
  });
}

t.test('all deployments down', async (t) => {
  await scenario(t, 'every deployment cooling down: a 429 naming the group, with Retry-After', {
    deployments: [
      { id: 'a', script: () => errorReply(429, 'Rate limit reached') },
      { id: 'b', script: () => errorReply(401, 'Incorrect API key provided') },
    ],
    routerSettings: { cooldown_time: 30 },
  }, async (t, setup) => {
    const first = await setup.post(CHAT, chatBody());
    t.equal(first.headers['x-switchyard-attempts'], '2', 'each deployment was tried once');
    t.ok([401, 429].includes(first.status), 'the client sees the last upstream error');
    t.same(await statesOf(setup), { a: 'cooldown', b: 'cooldown' }, '429 and 401 cool down at once');
    const second = await setup.post(CHAT, chatBody());
    t.equal(second.status, 429);
    const error = second.json<{ error: { code: string; type: string; message: string } }>().error;
    t.equal(error.code, 'no_deployment_available');
    t.equal(error.type, 'rate_limit_error');
    t.match(error.message, /model group 'chat'/, 'the message names the group');
    t.ok(Number(second.headers['retry-after']) >= 1 && Number(second.headers['retry-after']) <= 30, 'Retry-After is the time left in the cooldown');
    t.equal(second.headers['x-switchyard-attempts'], '0', 'no upstream was called');
    const rows = await setup.rows(2);
    t.same(attemptsOf(rows[1]), []);
    t.equal(rows[1]!.errorCode, 'ROUTER_NO_DEPLOYMENT_AVAILABLE');
    t.equal(setup.upstream('a').requests.length + setup.upstream('b').requests.length, 2);
  });

  await scenario(t, 'every deployment cooling down with a fallback: the fallback answers', {
    deployments: [
      { id: 'a', script: () => errorReply(429, 'Rate limit reached') },
      { id: 'spare', group: 'spare' },
    ],
    routerSettings: { fallbacks: [{ chat: ['spare'] }] },
  }, async (t, setup) => {
    await setup.post(CHAT, chatBody());
    const answer = await setup.post(CHAT, chatBody());
    t.equal(answer.status, 200);
    t.equal(answer.headers['x-switchyard-model-group'], 'spare');
    const rows = await setup.rows(2);
    t.same(attemptsOf(rows[1]), [['spare', null]], 'the cooled-down group is skipped without a call');
    t.same(await statesOf(setup), { a: 'cooldown', spare: 'healthy' });
  });
});
