import { setTimeout as delay } from 'node:timers/promises';
import t from 'tap';
import { RequestLog } from '../../core/persistence/request-log.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

// The model routes are served by a plain handler when the path is spelt exactly
// (`/v1/chat/completions`, query string allowed) and by the Koa router for any other spelling
// (a trailing slash, other letter case). Both must answer alike: these tests send the same
// requests both ways and compare everything a client or the request log can see.

const MASTER_KEY = 'sk-layers-test';
const USER = [{ role: 'user', content: 'hi' }];

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Headers that must be present, and be the same, on both layers (values that vary per request are masked). */
const COMPARED_HEADERS = ['content-type', 'retry-after', 'x-switchyard-attempts', 'x-switchyard-deployment', 'x-switchyard-model-group', 'cache-control', 'connection'];

async function send(gateway: TestGateway, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  const seen: Record<string, string> = {};
  for (const name of COMPARED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) seen[name] = value;
  }
  seen['x-request-id'] = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(response.headers.get('x-request-id') ?? '') ? 'uuid-v7' : `bad: ${response.headers.get('x-request-id')}`;
  seen['x-switchyard-overhead-ms'] = /^\d+(\.\d+)?$/.test(response.headers.get('x-switchyard-overhead-ms') ?? '') ? 'number' : 'missing';
  // Ids and timestamps differ per request; everything else in the body must match.
  const masked = text.replace(/"(id|created)":\s*("[^"]*"|\d+)/g, '"$1":"*"').replace(/req_[0-9a-f-]+|[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<request-id>');
  return { status: response.status, headers: seen, body: masked };
}

const cases: { name: string; path: string; body: unknown; headers?: Record<string, string>; status: number }[] = [
  { name: 'a mocked completion', path: 'chat/completions', body: { model: 'openai/gpt-4o-mini', messages: USER, mock_response: 'Hello there' }, status: 200 },
  { name: 'a mocked stream', path: 'chat/completions', body: { model: 'openai/gpt-4o-mini', messages: USER, mock_response: 'Hello there', stream: true, stream_options: { include_usage: true } }, status: 200 },
  { name: 'malformed JSON', path: 'chat/completions', body: '{"model": ', status: 400 },
  { name: 'a bad field', path: 'chat/completions', body: { model: 'openai/x', messages: USER, temperature: 9 }, status: 400 },
  { name: 'an unknown provider', path: 'chat/completions', body: { model: 'nosuch/model', messages: USER }, status: 404 },
  { name: 'no API key', path: 'chat/completions', body: { model: 'openai/x', messages: USER, mock_response: 'x' }, headers: { authorization: '' }, status: 401 },
  { name: 'a wrong API key', path: 'chat/completions', body: { model: 'openai/x', messages: USER, mock_response: 'x' }, headers: { authorization: 'Bearer nope' }, status: 401 },
  { name: 'embeddings without input', path: 'embeddings', body: { model: 'openai/text-embedding-3-small' }, status: 400 },
  { name: 'embeddings of an unknown provider', path: 'embeddings', body: { model: 'nosuch/model', input: 'x' }, status: 404 },
];

t.test('the plain handler and the Koa router answer model routes alike', async (t) => {
  const gateway = await startTestGateway({ env: { SWITCHYARD_MASTER_KEY: MASTER_KEY } });
  t.teardown(() => gateway.close());
  for (const testCase of cases) {
    const body = typeof testCase.body === 'string' ? testCase.body : JSON.stringify(testCase.body);
    const headers = { authorization: `Bearer ${MASTER_KEY}`, ...testCase.headers };
    const direct = await send(gateway, `/v1/${testCase.path}`, body, headers);
    t.equal(direct.status, testCase.status, `${testCase.name}: status`);
    t.equal(direct.headers['x-request-id'], 'uuid-v7', `${testCase.name}: x-request-id is a UUIDv7`);
    for (const spelling of [`/v1/${testCase.path}/`, `/V1/${testCase.path.toUpperCase()}`, `/${testCase.path}/`]) {
      const viaKoa = await send(gateway, spelling, body, headers);
      t.same(viaKoa, direct, `${testCase.name}: ${spelling} answers as /v1/${testCase.path}`);
    }
    const withQuery = await send(gateway, `/v1/${testCase.path}?api-version=1`, body, headers);
    t.same(withQuery, direct, `${testCase.name}: a query string changes nothing`);
  }
});

t.test('both layers write the same request-log rows, with the path as the route', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const body = JSON.stringify({ model: 'openai/gpt-4o-mini', messages: USER, mock_response: 'logged' });
  // A few milliseconds apart: request ids are ordered by their millisecond.
  for (const path of ['/v1/chat/completions', '/v1/chat/completions/', '/chat/completions?x=1']) {
    t.equal((await send(gateway, path, body, {})).status, 200);
    await delay(3);
  }
  t.equal((await send(gateway, '/v1/chat/completions', '{', {})).status, 400);
  await gateway.gateway.cradle.requestLogWriter.flush();
  const rows = await gateway.gateway.cradle.database.orm.em.fork().find(RequestLog, {}, { orderBy: { id: 'asc' } });
  t.same(
    rows.map((row) => [row.route, row.status, row.requestedModel, row.provider, row.errorCode, row.totalTokens !== null]),
    [
      ['/v1/chat/completions', 200, 'openai/gpt-4o-mini', 'mock', null, true],
      ['/v1/chat/completions/', 200, 'openai/gpt-4o-mini', 'mock', null, true],
      ['/chat/completions', 200, 'openai/gpt-4o-mini', 'mock', null, true],
      ['/v1/chat/completions', 400, null, null, 'REQUEST_BODY_MALFORMED', false],
    ],
    'one row per request, in arrival order (request ids are time-ordered)',
  );
});

t.test('exact spellings skip Koa; others go through it', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const seenByKoa: string[] = [];
  // Koa makes a context for every request it handles (its middleware list is fixed once listening).
  const createContext = gateway.app.createContext.bind(gateway.app);
  gateway.app.createContext = (req, res) => {
    seenByKoa.push(req.url ?? '');
    return createContext(req, res);
  };
  const body = JSON.stringify({ model: 'openai/gpt-4o-mini', messages: USER, mock_response: 'x' });
  for (const path of ['/v1/chat/completions', '/chat/completions?a=b', '/v1/embeddings', '/embeddings', '/v1/chat/completions/', '/v1/Chat/Completions']) await send(gateway, path, body, {});
  t.same(seenByKoa, ['/v1/chat/completions/', '/v1/Chat/Completions']);
});

t.test('other methods on a model route still get a 405 from Koa', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const response = await fetch(`${gateway.url}/v1/chat/completions`);
  t.equal(response.status, 405);
  t.match(await response.json(), { error: { code: 'method_not_allowed' } });
  t.match(response.headers.get('x-request-id'), /^[0-9a-f-]{36}$/);
});
