import t from 'tap';
import OpenAI from 'openai';
import { fakeUpstream } from '../helpers/recorded-fixtures.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

const embeddingReply = (vectors: number[][]) => ({
  contentType: 'application/json',
  body: JSON.stringify({ object: 'list', model: 'text-embedding-3-small', data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })), usage: { prompt_tokens: 5, total_tokens: 5 } }),
});

t.test('embeddings through the gateway keep input order and usage', async (t) => {
  const upstream = await fakeUpstream([embeddingReply([[0.1, 0.2], [0.3, 0.4]]), embeddingReply([[0.5, 0.6]])]);
  t.teardown(() => upstream.close());
  const gateway = await startTestGateway({ config: { model_list: [{ model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', api_base: `${upstream.baseURL}/v1`, api_key: 'sk-test' }, model_info: { mode: 'embedding' } }] } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const result = await client.embeddings.create({ model: 'embed', input: ['first', 'second'], encoding_format: 'float', dimensions: 2 });
  t.same(result.data.map((item) => item.embedding), [[0.1, 0.2], [0.3, 0.4]]);
  t.same(result.data.map((item) => item.index), [0, 1]);
  t.same(result.usage, { prompt_tokens: 5, total_tokens: 5 });
  t.equal(openAISpecErrors('CreateEmbeddingResponse', result), '');
  const sent = upstream.requests[0]!.json as Record<string, unknown>;
  t.same(sent['input'], ['first', 'second']);
  t.equal(sent['model'], 'text-embedding-3-small');
  t.equal(sent['dimensions'], 2);
  const single = await client.embeddings.create({ model: 'embed', input: 'only one', encoding_format: 'float' });
  t.same(single.data[0]?.embedding, [0.5, 0.6]);
  t.same((upstream.requests[1]!.json as Record<string, unknown>)['input'], ['only one']);
});

t.test('embedding input errors name the field', async (t) => {
  const gateway = await startTestGateway({ env: { OPENAI_API_KEY: 'sk-test' } });
  t.teardown(() => gateway.close());
  const post = async (body: unknown) => {
    const response = await fetch(`${gateway.baseURL}/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { error: { param: string | null; message: string; code: string } } };
  };
  const missing = await post({ model: 'openai/text-embedding-3-small' });
  t.equal(missing.status, 400);
  t.equal(missing.body.error.param, 'input');
  const wrong = await post({ model: 'openai/text-embedding-3-small', input: [1, 'a'] });
  t.equal(wrong.status, 400);
  t.equal(wrong.body.error.param, 'input');
  const empty = await post({ model: 'openai/text-embedding-3-small', input: [] });
  t.equal(empty.status, 400);
  t.match(empty.body.error.message, /non-empty/);
  const format = await post({ model: 'openai/text-embedding-3-small', input: 'x', encoding_format: 'hex' });
  t.equal(format.body.error.param, 'encoding_format');
  const noModel = await post({ input: 'x' });
  t.equal(noModel.body.error.param, 'model');
});
