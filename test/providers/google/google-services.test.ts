import t from 'tap';
import { InvalidRequestError } from '../../../sdk/index.js';
import { GEMINI_MODEL_METADATA } from '../../../plugins/provider-google/gemini-model-metadata.js';
import { fakeUpstream, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { geminiAt, TEST_LOCATION, TEST_PROJECT, vertexAt } from './google-test-provider.js';

const json = (body: unknown): FakeReply => ({ contentType: 'application/json', body: JSON.stringify(body) });

t.test('Gemini API embeddings: one batchEmbedContents call per 100 texts, in input order', async (t) => {
  const texts = Array.from({ length: 130 }, (_, index) => `text ${index}`);
  const vectors = (from: number, count: number) => ({ embeddings: Array.from({ length: count }, (_, offset) => ({ values: [from + offset, 0.5] })) });
  const upstream = await fakeUpstream([json(vectors(0, 100)), json(vectors(100, 30))]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL)).embeddingModel!('gemini-embedding-001');
  t.equal(model.maxInputsPerCall, 100);
  const result = await model.embed({ input: texts, dimensions: 2 });
  t.same(result.embeddings.map((vector) => (vector as number[])[0]), texts.map((_, index) => index));
  t.equal(result.usage, undefined, 'the Gemini API reports no embedding usage');
  t.equal(upstream.requests.length, 2);
  t.equal(upstream.requests[0]!.url, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  const first = upstream.requests[0]!.json as { requests: unknown[] };
  t.equal(first.requests.length, 100);
  t.same(first.requests[0], { content: { parts: [{ text: 'text 0' }], role: 'user' }, outputDimensionality: 2, model: 'models/gemini-embedding-001' });
});

t.test('Vertex AI embeddings: predict with instances, usage from token counts, base64 on request', async (t) => {
  const upstream = await fakeUpstream([json({ predictions: [{ embeddings: { values: [1, -2], statistics: { token_count: 3, truncated: false } } }, { embeddings: { values: [0.25, 4], statistics: { token_count: 5, truncated: false } } }] })]);
  t.teardown(() => upstream.close());
  const model = (await vertexAt(upstream.baseURL)).embeddingModel!('text-embedding-005');
  t.equal(model.maxInputsPerCall, 250);
  const result = await model.embed({ input: ['a', 'b'], encodingFormat: 'base64' });
  t.equal(upstream.requests[0]!.url, `/v1beta1/projects/${TEST_PROJECT}/locations/${TEST_LOCATION}/publishers/google/models/text-embedding-005:predict`);
  t.same(upstream.requests[0]!.json, { instances: [{ content: 'a' }, { content: 'b' }] });
  t.same(result.usage, { promptTokens: 8, totalTokens: 8 });
  const decoded = result.embeddings.map((value) => {
    const buffer = Buffer.from(value as string, 'base64');
    return Array.from({ length: buffer.length / 4 }, (_, index) => buffer.readFloatLE(index * 4));
  });
  t.same(decoded, [[1, -2], [0.25, 4]]);
});

t.test('Vertex AI Gemini embedding models take one text per call; order is kept', async (t) => {
  const upstream = await fakeUpstream(['one', 'two', 'three'].map((_, index) => json({ predictions: [{ embeddings: { values: [index], statistics: { token_count: 1 } } }] })));
  t.teardown(() => upstream.close());
  const model = (await vertexAt(upstream.baseURL)).embeddingModel!('gemini-embedding-001');
  t.equal(model.maxInputsPerCall, 1);
  const result = await model.embed({ input: ['one', 'two', 'three'] });
  t.equal(upstream.requests.length, 3);
  const sentOrder = upstream.requests.map((request) => (request.json as { instances: { content: string }[] }).instances[0]!.content);
  t.same(result.embeddings.map((vector, index) => [sentOrder[(vector as number[])[0]!], index]), [['one', 0], ['two', 1], ['three', 2]]);
  t.same(result.usage, { promptTokens: 3, totalTokens: 3 });
});

t.test('embedding token arrays is a 400; a short answer is an invalid response', async (t) => {
  const upstream = await fakeUpstream([json({ embeddings: [{ values: [1] }] })]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL)).embeddingModel!('gemini-embedding-001');
  const tokens = await model.embed({ input: [[1, 2, 3]] }).catch((error: unknown) => error);
  t.ok(tokens instanceof InvalidRequestError);
  t.equal((tokens as InvalidRequestError).code, 'REQUEST_PARAMETER_UNSUPPORTED');
  t.equal((tokens as InvalidRequestError).param, 'input[0]');
  const short = await model.embed({ input: ['a', 'b'] }).catch((error: unknown) => error);
  t.match(short, { code: 'PROVIDER_RESPONSE_INVALID' });
});

t.test('listModels pages through the Gemini API and merges known limits', async (t) => {
  const upstream = await fakeUpstream([
    json({ models: [{ name: 'models/gemini-2.5-flash', inputTokenLimit: 1048576, outputTokenLimit: 65536, thinking: true, supportedGenerationMethods: ['generateContent'] }], nextPageToken: 'page-2' }),
    json({ models: [{ name: 'models/gemini-embedding-001', inputTokenLimit: 2048, supportedGenerationMethods: ['embedContent'] }] }),
  ]);
  t.teardown(() => upstream.close());
  const listings = await (await geminiAt(upstream.baseURL)).listModels!();
  t.same(listings, [
    { id: 'gemini-2.5-flash', ownedBy: 'google', metadata: { contextWindow: 1048576, maxOutputTokens: 65536, supportsReasoning: true, supportsTools: true, supportsVision: true } },
    { id: 'gemini-embedding-001', ownedBy: 'google', metadata: { contextWindow: 2048, supportsEmbeddings: true, supportsTools: false } },
  ]);
  t.equal(upstream.requests[0]!.method, 'GET');
  t.equal(upstream.requests[0]!.url, '/v1beta/models?pageSize=1000');
  t.equal(upstream.requests[1]!.url, '/v1beta/models?pageSize=1000&pageToken=page-2');
});

t.test('checkCredentials lists one model; an invalid key is reported, not thrown', async (t) => {
  const upstream = await fakeUpstream([
    json({ models: [{ name: 'models/gemini-2.5-flash' }], nextPageToken: 'more' }),
    { status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }] } }) },
  ]);
  t.teardown(() => upstream.close());
  const provider = await geminiAt(upstream.baseURL);
  t.same(await provider.checkCredentials!(), { ok: true });
  t.equal(upstream.requests[0]!.url, '/v1beta/models?pageSize=1', 'the cheapest call: one model');
  t.same(await provider.checkCredentials!(), { ok: false, code: 'PROVIDER_AUTHENTICATION', message: 'API key not valid. Please pass a valid API key.' });
  t.equal(upstream.requests.length, 2, 'no second page fetched');
});

t.test('model metadata for current Gemini models, including prefixed and dated ids', async (t) => {
  const provider = await geminiAt('http://127.0.0.1:1');
  t.same(provider.modelMetadata!('gemini-2.5-pro'), GEMINI_MODEL_METADATA['gemini-2.5-pro']);
  t.equal(provider.modelMetadata!('models/gemini-2.5-flash-preview-09-2025')?.maxOutputTokens, 65_536);
  t.equal(provider.modelMetadata!('publishers/google/models/gemini-2.0-flash-001')?.maxOutputTokens, 8_192);
  t.equal(provider.modelMetadata!('gemini-2.5-flash-lite')?.contextWindow, 1_048_576);
  t.equal(provider.modelMetadata!('gemini-2.5-flash-image')?.supportsTools, false, 'the longest matching id wins');
  t.equal(provider.modelMetadata!('gemini-3-pro-preview')?.supportsReasoning, true);
  t.equal(provider.modelMetadata!('unknown-model'), undefined);
  t.same(provider.languageModel('gemini-3-flash-preview').metadata, GEMINI_MODEL_METADATA['gemini-3-flash-preview']);
  t.equal(provider.languageModel('gemini-3-flash-preview').supportsMultipleChoices, true);
});
