import t from 'tap';
import { ProviderError, type StreamPart } from '../../../sdk/index.js';
import { eventFrame, eventFrames, EVENT_STREAM_CONTENT_TYPE, exceptionFrame } from '../../helpers/bedrock-event-stream.js';
import { cassette, fakeUpstream, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { collect } from '../provider-harness.js';
import { bedrockAt, userSays } from './bedrock-test-provider.js';

// Bedrock failures → catalogue codes: recorded 400s, AWS error types (x-amzn-errortype), and
// exception frames inside an event stream.

const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const awsError = (status: number, type: string, message: string, headers: Record<string, string> = {}): FakeReply => ({
  status, contentType: 'application/json', headers: { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, ...headers }, body: JSON.stringify({ message }),
});

async function generateError(reply: FakeReply): Promise<ProviderError> {
  const upstream = await fakeUpstream([reply]);
  try {
    await (await bedrockAt(upstream.baseURL)).languageModel(MODEL).generate(userSays('hello'));
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  } finally {
    await upstream.close();
  }
  throw new Error('expected generate to fail');
}

async function streamParts(reply: FakeReply): Promise<StreamPart[]> {
  const upstream = await fakeUpstream([reply]);
  try {
    return await collect((await (await bedrockAt(upstream.baseURL)).languageModel(MODEL).stream(userSays('hello'))).stream);
  } finally {
    await upstream.close();
  }
}

t.test('recorded 400s (converse and converse-stream) → PROVIDER_BAD_REQUEST with the upstream message', async (t) => {
  const error = await generateError(cassette('bedrock/error-400-converse.cassette.yaml')[0]!);
  t.equal(error.code, 'PROVIDER_BAD_REQUEST');
  t.equal(error.status, 400);
  t.equal(error.upstreamStatus, 400);
  t.equal(error.message, 'The provided model identifier is invalid.');
  const upstream = await fakeUpstream(cassette('bedrock/error-400-converse-stream.cassette.yaml'));
  t.teardown(() => upstream.close());
  const streamed = await (await bedrockAt(upstream.baseURL)).languageModel('us.does-not-exist-model-v1:0').stream(userSays('hello')).then(() => undefined, (caught: unknown) => caught);
  t.ok(streamed instanceof ProviderError, 'stream() rejects before any part: the error is plain JSON, not an event stream');
  t.equal((streamed as ProviderError).code, 'PROVIDER_BAD_REQUEST');
  t.equal((streamed as ProviderError).message, 'The provided model identifier is invalid.');
  t.equal(upstream.requests[0]?.url, '/model/us.does-not-exist-model-v1%3A0/converse-stream');
});

t.test('AWS error types map to catalogue codes, keeping the type as upstreamCode', async (t) => {
  const cases = [
    [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.', 'PROVIDER_AUTHENTICATION', 401],
    [403, 'InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.', 'PROVIDER_AUTHENTICATION', 401],
    [403, 'ExpiredTokenException', 'The security token included in the request is expired', 'PROVIDER_AUTHENTICATION', 401],
    [403, 'AccessDeniedException', "You don't have access to the model with the specified model ID.", 'PROVIDER_PERMISSION_DENIED', 403],
    [404, 'ResourceNotFoundException', 'Model not found.', 'PROVIDER_NOT_FOUND', 404],
    [429, 'ThrottlingException', 'Too many requests, please wait before trying again.', 'PROVIDER_RATE_LIMITED', 429],
    [429, 'ServiceQuotaExceededException', 'Quota exceeded.', 'PROVIDER_RATE_LIMITED', 429],
    [503, 'ServiceUnavailableException', 'Service unavailable.', 'PROVIDER_OVERLOADED', 503],
    [429, 'ModelNotReadyException', 'Model is not ready.', 'PROVIDER_OVERLOADED', 503],
    [408, 'ModelTimeoutException', 'Model timed out.', 'PROVIDER_TIMEOUT', 504],
    [400, 'ValidationException', 'Input is too long for requested model.', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', 400],
    [400, 'ValidationException', 'prompt is too long: 210000 tokens > 200000 maximum', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', 400],
    [400, 'ValidationException', 'The model returned the following errors: too many input tokens', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED', 400],
    [400, 'ValidationException', 'messages: text content blocks must be non-empty', 'PROVIDER_BAD_REQUEST', 400],
    [500, 'InternalServerException', 'Internal failure.', 'PROVIDER_SERVER_ERROR', 500],
    [424, 'ModelErrorException', 'The model is overloaded.', 'PROVIDER_OVERLOADED', 503],
  ] as const;
  for (const [status, type, message, code, gatewayStatus] of cases) {
    const error = await generateError(awsError(status, type, message));
    t.equal(error.code, code, `${type}: ${message}`);
    t.equal(error.status, gatewayStatus, `${type} → HTTP ${gatewayStatus}`);
    t.equal(error.details['upstreamCode'], type);
    t.equal(error.message, message);
    t.equal(error.provider, 'bedrock');
  }
});

t.test('a Retry-After header on a throttled answer is kept', async (t) => {
  const error = await generateError(awsError(429, 'ThrottlingException', 'Slow down.', { 'retry-after': '3' }));
  t.equal(error.code, 'PROVIDER_RATE_LIMITED');
  t.equal(error.retryAfterMs, 3000);
});

t.test('exception frames inside a stream become one error part after what already arrived', async (t) => {
  const cases = [
    ['throttlingException', 'Too many tokens, please wait before trying again.', 'PROVIDER_RATE_LIMITED'],
    ['serviceUnavailableException', 'Bedrock is unable to process your request.', 'PROVIDER_OVERLOADED'],
    ['modelStreamErrorException', 'The model stream failed.', 'PROVIDER_SERVER_ERROR'],
    ['internalServerException', 'Internal error.', 'PROVIDER_SERVER_ERROR'],
    ['validationException', 'Input is too long for requested model.', 'PROVIDER_CONTEXT_LENGTH_EXCEEDED'],
  ] as const;
  for (const [type, message, code] of cases) {
    const parts = await streamParts({
      contentType: EVENT_STREAM_CONTENT_TYPE,
      frames: [...eventFrames([{ messageStart: { role: 'assistant' } }, { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' } } }]), exceptionFrame(type, message)],
    });
    t.same(parts.filter((part) => part.type === 'text-delta').map((part) => part.delta), ['Hel'], `${type}: text before the failure arrives`);
    const last = parts.at(-1);
    t.equal(last?.type, 'error', `${type}: the stream ends with an error part`);
    const error = (last as Extract<StreamPart, { type: 'error' }>).error;
    t.equal(error.code, code, type);
    t.equal(error.message, message);
    t.notOk(parts.some((part) => part.type === 'finish'), `${type}: no finish after a failure`);
  }
});

t.test('an exception as the very first frame rejects stream() itself', async (t) => {
  const upstream = await fakeUpstream([{ contentType: EVENT_STREAM_CONTENT_TYPE, frames: [exceptionFrame('throttlingException', 'Too many requests.')] }]);
  t.teardown(() => upstream.close());
  const error = await (await bedrockAt(upstream.baseURL)).languageModel(MODEL).stream(userSays('hello')).then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof ProviderError);
  t.equal((error as ProviderError).code, 'PROVIDER_RATE_LIMITED');
});

t.test('a refused connection → PROVIDER_CONNECTION_FAILED', async (t) => {
  const upstream = await fakeUpstream([]);
  await upstream.close();
  const error = await (await bedrockAt(upstream.baseURL)).languageModel(MODEL).generate(userSays('hello')).then(() => undefined, (caught: unknown) => caught);
  t.ok(error instanceof ProviderError);
  t.equal((error as ProviderError).code, 'PROVIDER_CONNECTION_FAILED');
});

t.test('a silent upstream → PROVIDER_TIMEOUT (whole call, and between stream events)', async (t) => {
  const upstream = await fakeUpstream([() => undefined, (_request, response) => {
    response.writeHead(200, { 'content-type': EVENT_STREAM_CONTENT_TYPE });
    response.write(eventFrame('messageStart', { role: 'assistant' }));
  }]);
  t.teardown(() => upstream.close());
  const model = (await bedrockAt(upstream.baseURL, { timeoutMs: 200 })).languageModel(MODEL);
  const error = await model.generate(userSays('hello')).then(() => undefined, (caught: unknown) => caught);
  t.equal((error as ProviderError).code, 'PROVIDER_TIMEOUT');
  const parts = await collect((await model.stream(userSays('hello'))).stream);
  const last = parts.at(-1);
  t.equal(last?.type, 'error');
  t.equal((last as Extract<StreamPart, { type: 'error' }>).error.code, 'PROVIDER_TIMEOUT');
});
