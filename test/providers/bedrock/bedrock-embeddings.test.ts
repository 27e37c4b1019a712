import type { IncomingMessage, ServerResponse } from 'node:http';
import t from 'tap';
import { InvalidRequestError, ProviderError } from '../../../sdk/index.js';
import { fakeUpstream, type FakeUpstream } from '../../helpers/recorded-fixtures.js';
import { bedrockAt } from './bedrock-test-provider.js';

// Titan and Cohere embeddings through InvokeModel: one call per Titan text, batches of 96 for
// Cohere, vectors in input order, base64 produced by the plugin.

/** A fake Bedrock whose vectors encode the input text's length, answered by `answer`. */
async function embeddingsUpstream(calls: number, answer: (body: Record<string, any>) => unknown): Promise<FakeUpstream> {
  let upstream: FakeUpstream | undefined;
  const reply = (_request: IncomingMessage, response: ServerResponse): void => {
    const body = upstream!.requests.at(-1)!.json as Record<string, any>;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
  };
  upstream = await fakeUpstream(Array.from({ length: calls }, () => reply));
  return upstream;
}

t.test('Titan v2: one call per text, in input order, with dimensions and token usage', async (t) => {
  const upstream = await embeddingsUpstream(3, (body) => ({ embedding: [body['inputText'].length, 0.5], inputTextTokenCount: body['inputText'].length }));
  t.teardown(() => upstream.close());
  const model = (await bedrockAt(upstream.baseURL)).embeddingModel!('amazon.titan-embed-text-v2:0');
  const result = await model.embed({ input: ['a', 'bbb', 'cc'], dimensions: 256 });
  t.same(result.embeddings, [[1, 0.5], [3, 0.5], [2, 0.5]]);
  t.same(result.usage, { promptTokens: 6, totalTokens: 6 });
  t.equal(result.model, 'amazon.titan-embed-text-v2:0');
  t.same(upstream.requests.map((request) => request.json).sort((a: any, b: any) => a.inputText.localeCompare(b.inputText)), [
    { inputText: 'a', dimensions: 256 }, { inputText: 'bbb', dimensions: 256 }, { inputText: 'cc', dimensions: 256 },
  ]);
  t.ok(upstream.requests.every((request) => request.url === '/model/amazon.titan-embed-text-v2%3A0/invoke'));
});

t.test('Cohere: batches of 96 texts, search_document input type, order kept', async (t) => {
  const upstream = await embeddingsUpstream(2, (body) => ({ id: 'x', response_type: 'embeddings_floats', texts: body['texts'], embeddings: body['texts'].map((text: string) => [Number(text)]) }));
  t.teardown(() => upstream.close());
  const input = Array.from({ length: 100 }, (_, index) => String(index));
  const result = await (await bedrockAt(upstream.baseURL)).embeddingModel!('cohere.embed-english-v3').embed({ input });
  t.same(result.embeddings, input.map((text) => [Number(text)]));
  t.same(upstream.requests.map((request) => (request.json as any).texts.length), [96, 4]);
  t.equal((upstream.requests[0]!.json as any).input_type, 'search_document');
  t.equal(result.usage, undefined, 'Cohere on Bedrock reports no token count in the body');
});

t.test('encoding_format base64 gives little-endian float32, as OpenAI sends it', async (t) => {
  const upstream = await embeddingsUpstream(1, () => ({ embedding: [0.25, -1.5], inputTextTokenCount: 1 }));
  t.teardown(() => upstream.close());
  const result = await (await bedrockAt(upstream.baseURL)).embeddingModel!('amazon.titan-embed-text-v1').embed({ input: ['x'], encodingFormat: 'base64' });
  const bytes = Buffer.from(result.embeddings[0] as string, 'base64');
  t.same([bytes.readFloatLE(0), bytes.readFloatLE(4)], [0.25, -1.5]);
});

t.test('token ids, fixed dimensions and chat models are 400s before any call', async (t) => {
  const provider = await bedrockAt('http://127.0.0.1:9');
  const cases = [
    [provider.embeddingModel!('amazon.titan-embed-text-v2:0').embed({ input: [[1, 2, 3]] }), 'input[0]'],
    [provider.embeddingModel!('amazon.titan-embed-text-v1').embed({ input: ['x'], dimensions: 256 }), 'dimensions'],
    [provider.embeddingModel!('amazon.nova-micro-v1:0').embed({ input: ['x'] }), 'model'],
  ] as const;
  for (const [pending, param] of cases) {
    const error = await pending.then(() => undefined, (caught: unknown) => caught);
    t.ok(error instanceof InvalidRequestError, param);
    t.equal((error as InvalidRequestError).param, param);
  }
});

t.test('an embeddings error maps like a chat error', async (t) => {
  const upstream = await fakeUpstream([{ status: 429, contentType: 'application/json', headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: JSON.stringify({ message: 'Too many requests.' }) }]);
  t.teardown(() => upstream.close());
  const error = await (await bedrockAt(upstream.baseURL)).embeddingModel!('amazon.titan-embed-text-v1').embed({ input: ['x'] }).then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof ProviderError);
  t.equal((error as ProviderError).code, 'PROVIDER_RATE_LIMITED');
});
