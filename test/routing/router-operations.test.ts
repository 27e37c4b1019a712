import t from 'tap';
import { ProviderError, type EmbeddingModel, type EmbedOptions } from '../../sdk/index.js';
import { embedInBatches } from '../../core/services/embed-in-batches.js';
import { attemptsOf, chatBody, request, scenario } from '../fault-injection/fault-harness.js';
import { errorReply } from '../fault-injection/scripted-upstream.js';

const CHAT = '/v1/chat/completions';
const MASTER = { authorization: 'Bearer sk-master' };

await scenario(t, 'GET /health/deployments is behind the master key and lists every deployment', {
  deployments: [{ id: 'a', script: [errorReply(429, 'Rate limit reached')] }, { id: 'b', group: 'other' }],
  generalSettings: { master_key: 'sk-master' },
}, async (t, setup) => {
  const denied = await request(`${setup.gateway.url}/health/deployments`, 'GET', undefined);
  t.equal(denied.status, 401);
  await setup.post(CHAT, chatBody(), { headers: MASTER });
  const answer = await request(`${setup.gateway.url}/health/deployments`, 'GET', undefined, { headers: MASTER });
  t.equal(answer.status, 200);
  const { deployments } = answer.json<{ deployments: Record<string, unknown>[] }>();
  t.match(deployments, [
    { id: 'a', model_name: 'chat', provider: 'openai', model: 'fake-a', state: 'cooldown', cooldown_until: String, recent_failures: 0 },
    { id: 'b', model_name: 'other', provider: 'openai', model: 'fake-b', state: 'healthy', cooldown_until: null, recent_failures: 0 },
  ]);
  t.ok(Date.parse(deployments[0]!['cooldown_until'] as string) > Date.now(), 'cooldown_until is an ISO time in the future');
});

await scenario(t, 'background health checks probe every deployment and cool broken ones down before traffic finds them', {
  deployments: [{ id: 'broken', params: { order: 1 }, script: () => errorReply(401, 'Incorrect API key provided') }, { id: 'fine', params: { order: 2 } }],
  generalSettings: { background_health_checks: true, health_check_interval: 3600 },
}, async (t, setup) => {
  while ((await setup.health()).some((deployment) => deployment.last_health_check === null)) await new Promise((resolve) => setImmediate(resolve));
  const health = await setup.health();
  t.match(health, [
    { id: 'broken', state: 'cooldown', last_health_check: { ok: false, error_code: 'PROVIDER_AUTHENTICATION' } },
    { id: 'fine', state: 'healthy', last_health_check: { ok: true, error_code: null } },
  ]);
  t.same(setup.upstream('fine').requests[0]?.body['max_completion_tokens'], 1, 'a one-token probe');
  const answer = await setup.post(CHAT, chatBody());
  t.equal(answer.headers['x-switchyard-deployment'], 'fine');
  t.same(attemptsOf((await setup.rows(1))[0]), [['fine', null]], 'the first user request goes straight to the healthy deployment');
});

await scenario(t, 'ten deployments in one group (the bench case) share the load', {
  deployments: Array.from({ length: 10 }, (_, index) => ({ id: `d${index}`, group: 'bench-model' })),
}, async (t, setup) => {
  for (let batch = 0; batch < 10; batch++) {
    const answers = await Promise.all(Array.from({ length: 20 }, () => setup.post(CHAT, chatBody('bench-model'))));
    t.ok(answers.every((answer) => answer.status === 200 && answer.headers['x-switchyard-attempts'] === '1'), `batch ${batch}: all answered at the first attempt`);
  }
  const counts = Array.from({ length: 10 }, (_, index) => setup.upstream(`d${index}`).requests.length);
  t.equal(counts.reduce((sum, count) => sum + count, 0), 200);
  t.ok(counts.every((count) => count > 0), `every deployment served requests (${counts.join(', ')})`);
});

await scenario(t, 'embeddings: a failing batch is halved down to single inputs; order and usage survive', {
  deployments: [{
    id: 'e',
    group: 'embed',
    modelInfo: { mode: 'embedding' },
    script: (_index, req) => (Array.isArray(req.body['input']) && req.body['input'].length > 2 ? errorReply(400, 'Too many tokens in one request') : { kind: 'ok' }),
  }],
}, async (t, setup) => {
  const input = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
  const answer = await setup.post('/v1/embeddings', { model: 'embed', input });
  t.equal(answer.status, 200);
  const body = answer.json<{ data: { index: number; embedding: number[] }[]; usage: { prompt_tokens: number } }>();
  t.same(body.data.map((item) => item.embedding[1]), [1, 2, 3, 4, 5], 'vectors in input order');
  t.same(body.data.map((item) => item.index), [0, 1, 2, 3, 4]);
  t.equal(body.usage.prompt_tokens, 5, 'usage summed over the calls that succeeded');
  t.same(setup.upstream('e').requests.map((req) => (req.body['input'] as string[]).length), [5, 3, 2, 1, 2], 'halved until a batch is accepted');
  t.same(attemptsOf((await setup.rows(1))[0]), [['e', null]], 'the halving happens inside one attempt');
});

await scenario(t, 'embeddings are routed like chat: a failing deployment is retried elsewhere', {
  deployments: [
    { id: 'down', group: 'embed', params: { order: 1 }, script: () => ({ kind: 'reset' }) },
    { id: 'up', group: 'embed', params: { order: 2 } },
  ],
}, async (t, setup) => {
  const answer = await setup.post('/v1/embeddings', { model: 'embed', input: 'hello' });
  t.equal(answer.status, 200);
  t.equal(answer.headers['x-switchyard-deployment'], 'up');
  t.same(attemptsOf((await setup.rows(1))[0]), [['down', 'PROVIDER_CONNECTION_FAILED'], ['up', null]]);
});

t.test('embedInBatches splits by maxInputsPerCall and stops halving at one input', async (t) => {
  const calls: number[] = [];
  const model: EmbeddingModel = {
    provider: 'fake',
    modelId: 'm',
    maxInputsPerCall: 3,
    async embed(options: EmbedOptions) {
      calls.push(options.input.length);
      if ((options.input as string[]).includes('poison')) throw new ProviderError('PROVIDER_BAD_REQUEST', { message: 'bad input', provider: 'fake' });
      return { embeddings: (options.input as string[]).map((text) => [text.length]), usage: { promptTokens: options.input.length, totalTokens: options.input.length } };
    },
  };
  const signal = new AbortController().signal;
  const result = await embedInBatches(model, { input: ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'g'] }, signal);
  t.same(result.embeddings, [[1], [2], [3], [4], [5], [6], [1]]);
  t.same(result.usage, { promptTokens: 7, totalTokens: 7 });
  t.same(calls, [3, 3, 1], 'batches of at most maxInputsPerCall');
  calls.length = 0;
  await t.rejects(embedInBatches(model, { input: ['x', 'poison', 'y'] }, signal), { code: 'PROVIDER_BAD_REQUEST' }, 'a single bad input fails the call');
  t.same(calls, [3, 2, 1, 1], 'halved down to the single input that fails');
  calls.length = 0;
  const limited: EmbeddingModel = { ...model, async embed() { calls.push(0); throw new ProviderError('PROVIDER_RATE_LIMITED', { message: 'slow down', provider: 'fake' }); } };
  await t.rejects(embedInBatches(limited, { input: ['a', 'b', 'c'] }, signal), { code: 'PROVIDER_RATE_LIMITED' });
  t.same(calls, [0], 'rate limits are not split (that would only multiply the calls)');
});
