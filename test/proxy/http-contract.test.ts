import t, { type Test } from 'tap';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

const USER = [{ role: 'user', content: 'hi' }];

async function post(gateway: TestGateway, path: string, body: string | object, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

function assertGatewayHeaders(t: Test, headers: Headers): void {
  t.match(headers.get('x-request-id'), /^[0-9a-f-]{36}$/, 'x-request-id is set');
  t.match(headers.get('x-switchyard-overhead-ms'), /^\d+(\.\d+)?$/, 'x-switchyard-overhead-ms is set');
}

t.test('bad input gets a 400 naming the field, with an OpenAI error body', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const cases: { name: string; body: string | object; param: string | null; code: string; message: RegExp }[] = [
    { name: 'malformed JSON', body: '{"model": "x", ', param: null, code: 'invalid_json', message: /not valid JSON/ },
    { name: 'empty body', body: '', param: null, code: 'invalid_json', message: /empty/ },
    { name: 'body is an array', body: [], param: 'body', code: 'invalid_request', message: /JSON object/ },
    { name: 'missing model', body: { messages: USER }, param: 'model', code: 'invalid_request', message: /'model'/ },
    { name: 'model is a number', body: { model: 3, messages: USER }, param: 'model', code: 'invalid_request', message: /expected a string/ },
    { name: 'messages missing', body: { model: 'openai/x' }, param: 'messages', code: 'invalid_request', message: /messages/ },
    { name: 'messages empty', body: { model: 'openai/x', messages: [] }, param: 'messages', code: 'invalid_request', message: /non-empty/ },
    { name: 'unknown role', body: { model: 'openai/x', messages: [{ role: 'robot', content: 'x' }] }, param: 'messages[0].role', code: 'invalid_request', message: /robot/ },
    { name: 'bad content part', body: { model: 'openai/x', messages: [{ role: 'user', content: [{ type: 'video' }] }] }, param: 'messages[0].content[0].type', code: 'invalid_request', message: /image_url/ },
    { name: 'tool message without id', body: { model: 'openai/x', messages: [{ role: 'tool', content: 'x' }] }, param: 'messages[0].tool_call_id', code: 'invalid_request', message: /tool_call_id/ },
    { name: 'temperature too high', body: { model: 'openai/x', messages: USER, temperature: 7 }, param: 'temperature', code: 'invalid_request', message: /maximum of 2/ },
    { name: 'max_tokens not an integer', body: { model: 'openai/x', messages: USER, max_tokens: 1.5 }, param: 'max_tokens', code: 'invalid_request', message: /integer/ },
    { name: 'stream not a boolean', body: { model: 'openai/x', messages: USER, stream: 'yes' }, param: 'stream', code: 'invalid_request', message: /boolean/ },
    { name: 'tool_choice names a missing tool', body: { model: 'openai/x', messages: USER, tool_choice: { type: 'function', function: { name: 'nope' } } }, param: 'tool_choice', code: 'invalid_request', message: /nope/ },
    { name: 'bad response_format', body: { model: 'openai/x', messages: USER, response_format: { type: 'yaml' } }, param: 'response_format.type', code: 'invalid_request', message: /json_schema/ },
    { name: 'model without provider', body: { model: 'gpt-4o', messages: USER }, param: 'model', code: 'model_not_found', message: /provider\/model/ },
    { name: 'unknown provider', body: { model: 'nosuch/model', messages: USER }, param: 'model', code: 'model_not_found', message: /nosuch/ },
  ];
  for (const testCase of cases) {
    const response = await post(gateway, '/v1/chat/completions', testCase.body);
    const expectedStatus = testCase.code === 'model_not_found' ? 404 : 400;
    t.equal(response.status, expectedStatus, `${testCase.name}: status`);
    t.equal(response.body.error.param, testCase.param, `${testCase.name}: param`);
    t.equal(response.body.error.code, testCase.code, `${testCase.name}: code`);
    t.match(response.body.error.message, testCase.message, `${testCase.name}: message`);
    t.equal(openAISpecErrors('ErrorResponse', response.body), '', `${testCase.name}: spec-valid error body`);
    assertGatewayHeaders(t, response.headers);
  }
});

t.test('a provider that is known but not configured is a 400 naming the variable to set', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const response = await post(gateway, '/v1/chat/completions', { model: 'groq/llama-3.3-70b', messages: USER });
  t.equal(response.status, 400);
  t.equal(response.body.error.code, 'provider_not_configured');
  t.match(response.body.error.message, /GROQ_API_KEY/);
});

t.test('oversized bodies get a 413', async (t) => {
  const gateway = await startTestGateway({ config: { general_settings: { max_request_size_mb: 0.001 } } });
  t.teardown(() => gateway.close());
  const response = await post(gateway, '/v1/chat/completions', { model: 'openai/x', messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
  t.equal(response.status, 413);
  t.equal(response.body.error.code, 'request_too_large');
  assertGatewayHeaders(t, response.headers);
});

t.test('unknown routes and wrong methods get OpenAI-style errors', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const unknown = await fetch(`${gateway.url}/v1/nothing-here`);
  t.equal(unknown.status, 404);
  t.equal(((await unknown.json()) as any).error.code, 'unknown_url');
  assertGatewayHeaders(t, unknown.headers);
  const wrongMethod = await fetch(`${gateway.url}/v1/chat/completions`);
  t.equal(wrongMethod.status, 405);
  t.equal(((await wrongMethod.json()) as any).error.code, 'method_not_allowed');
});

t.test('the master key guards every /v1 route, by Bearer or x-api-key', async (t) => {
  const gateway = await startTestGateway({ env: { SWITCHYARD_MASTER_KEY: 'sk-master-123' } });
  t.teardown(() => gateway.close());
  const body = { model: 'openai/x', messages: USER, mock_response: 'ok' };
  const missing = await post(gateway, '/v1/chat/completions', body);
  t.equal(missing.status, 401);
  t.equal(missing.body.error.type, 'authentication_error');
  t.equal(missing.body.error.code, 'missing_api_key');
  assertGatewayHeaders(t, missing.headers);
  const wrong = await post(gateway, '/v1/chat/completions', body, { authorization: 'Bearer sk-wrong' });
  t.equal(wrong.status, 401);
  t.equal(wrong.body.error.code, 'invalid_api_key');
  t.equal((await post(gateway, '/v1/chat/completions', body, { authorization: 'Bearer sk-master-123' })).status, 200);
  t.equal((await post(gateway, '/chat/completions', body, { 'x-api-key': 'sk-master-123' })).status, 200);
  t.equal((await fetch(`${gateway.url}/v1/models`)).status, 401);
  t.equal((await fetch(`${gateway.url}/v1/models`, { headers: { authorization: 'Bearer sk-master-123' } })).status, 200);
  t.equal((await post(gateway, '/v1/embeddings', { model: 'openai/x', input: 'x' })).status, 401);
  t.equal((await fetch(`${gateway.url}/health/liveness`)).status, 200, 'health stays public');
});

t.test('the master key from general_settings works too', async (t) => {
  const gateway = await startTestGateway({ config: { general_settings: { master_key: 'sk-from-config' } } });
  t.teardown(() => gateway.close());
  t.equal((await post(gateway, '/v1/chat/completions', { model: 'openai/x', messages: USER, mock_response: 'ok' })).status, 401);
  t.equal((await post(gateway, '/v1/chat/completions', { model: 'openai/x', messages: USER, mock_response: 'ok' }, { authorization: 'Bearer sk-from-config' })).status, 200);
});

t.test('health checks answer with gateway headers', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const liveness = await fetch(`${gateway.url}/health/liveness`);
  t.equal(liveness.status, 200);
  t.same(await liveness.json(), { status: 'alive' });
  assertGatewayHeaders(t, liveness.headers);
  const readiness = await fetch(`${gateway.url}/health/readiness`);
  t.equal(readiness.status, 200);
  const report = (await readiness.json()) as any;
  t.equal(report.status, 'ready');
  t.equal(report.database, 'connected');
  t.ok(report.plugins.loaded >= 1, 'built-in plugins are loaded');
  assertGatewayHeaders(t, readiness.headers);
});

t.test('readiness is 503 when the database is unreachable', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  await gateway.gateway.cradle.database.orm.close(true);
  const readiness = await fetch(`${gateway.url}/health/readiness`);
  t.equal(readiness.status, 503);
  t.equal(((await readiness.json()) as any).database, 'unreachable');
});

t.test('models are listed by alias and retrieved by alias or handle', async (t) => {
  const gateway = await startTestGateway({
    config: { model_list: [{ model_name: 'fast', litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'sk-x' } }] },
    env: { OPENAI_API_KEY: 'sk-test' },
  });
  t.teardown(() => gateway.close());
  const list = (await (await fetch(`${gateway.baseURL}/models`)).json()) as any;
  t.same(list.data.map((model: { id: string }) => model.id), ['fast']);
  t.equal(openAISpecErrors('ListModelsResponse', list), '');
  const alias = (await (await fetch(`${gateway.baseURL}/models/fast`)).json()) as any;
  t.same(alias, { id: 'fast', object: 'model', created: alias.created, owned_by: 'openai' });
  const handle = await fetch(`${gateway.baseURL}/models/openai/gpt-4.1`);
  t.equal(handle.status, 200);
  t.equal(((await handle.json()) as any).id, 'openai/gpt-4.1');
  const missing = await fetch(`${gateway.baseURL}/models/nosuch/thing`);
  t.equal(missing.status, 404);
  t.equal(((await missing.json()) as any).error.code, 'model_not_found');
});
