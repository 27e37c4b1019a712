import t from 'tap';
import { ProviderError, SwitchyardError, type StreamPart } from '../../sdk/index.js';
import {
  createThinkTagSplitter, fromOpenAIChatCompletion, type ContentPiece, mapFinishReason, mapOpenAIError, parseRetryAfterMs, splitThinkTags, toStreamParts,
} from '../../sdk/openai-compatible/index.js';
import { collect, summarize } from './provider-harness.js';

const context = { provider: 'acme' };
async function* iterate(chunks: unknown[]): AsyncGenerator<unknown> {
  for (const chunk of chunks) yield chunk;
}
const streamOf = async (chunks: unknown[], options: { extractThinkTags?: boolean } = {}): Promise<StreamPart[]> => collect(toStreamParts(iterate(chunks), { provider: 'acme', ...options }));
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra });

t.test('parseRetryAfterMs: ms header first, then seconds, then an HTTP date', async (t) => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  t.equal(parseRetryAfterMs(new Headers({ 'retry-after-ms': '250.4', 'retry-after': '9' }), now), 250);
  t.equal(parseRetryAfterMs(new Headers({ 'retry-after': '12' }), now), 12_000);
  t.equal(parseRetryAfterMs(new Headers({ 'retry-after': '0.5' }), now), 500);
  t.equal(parseRetryAfterMs({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now), 30_000);
  t.equal(parseRetryAfterMs({ 'retry-after': ['Wed, 31 Dec 2025 23:00:00 GMT'] }, now), 0, 'a past date means now');
  t.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' }), now), undefined);
  t.equal(parseRetryAfterMs(new Headers(), now), undefined);
  t.equal(parseRetryAfterMs(undefined, now), undefined);
});

t.test('mapOpenAIError reads SDK errors, stream error bodies and network failures structurally', async (t) => {
  const sdkLike = Object.assign(new Error('429 slow down'), { status: 429, headers: new Headers({ 'retry-after': '2' }), error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } });
  const limited = mapOpenAIError(sdkLike, context) as ProviderError;
  t.strictSame([limited.code, limited.retryAfterMs, limited.message, limited.provider, limited.cause], ['PROVIDER_RATE_LIMITED', 2000, 'slow down', 'acme', sdkLike]);

  const groqStream = mapOpenAIError({ error: { message: 'Tool call validation failed', type: 'invalid_request_error', code: 'tool_use_failed', status_code: 400 } }, context);
  t.strictSame([groqStream.code, groqStream.details['upstreamStatus']], ['PROVIDER_BAD_REQUEST', 400]);
  const openrouterStream = mapOpenAIError({ error: { code: 502, message: 'Provider returned error' } }, context);
  t.strictSame([openrouterStream.code, openrouterStream.status, openrouterStream.details['upstreamCode']], ['PROVIDER_SERVER_ERROR', 502, '502']);
  t.equal(mapOpenAIError({ error: { message: 'Overloaded', type: 'overloaded_error' } }, context).code, 'PROVIDER_OVERLOADED');
  t.equal(mapOpenAIError({ error: { message: 'Input is too long for requested model.' } }, context).code, 'PROVIDER_CONTEXT_LENGTH_EXCEEDED');
  t.equal(mapOpenAIError(Object.assign(new Error('x'), { status: 400, error: { message: 'Please reduce the length of the messages.' } }), context).code, 'PROVIDER_CONTEXT_LENGTH_EXCEEDED');
  t.equal(mapOpenAIError(Object.assign(new Error('x'), { status: 500, error: { message: 'Model is overloaded' } }), context).code, 'PROVIDER_OVERLOADED');

  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
  t.strictSame([mapOpenAIError(refused, context).code, mapOpenAIError(refused, context).message], ['PROVIDER_CONNECTION_FAILED', 'Could not connect to acme (ECONNREFUSED).']);
  t.equal(mapOpenAIError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), context).code, 'PROVIDER_CONNECTION_FAILED');
  t.equal(mapOpenAIError(new DOMException('timed out', 'TimeoutError'), context).code, 'PROVIDER_TIMEOUT');
  t.equal(mapOpenAIError(new SyntaxError('Unexpected end of JSON input'), context).code, 'PROVIDER_RESPONSE_INVALID');
  t.equal(mapOpenAIError('a string', context).code, 'PROVIDER_SERVER_ERROR');
  const existing = new ProviderError('PROVIDER_NOT_FOUND', { message: 'gone', provider: 'acme' });
  t.equal(mapOpenAIError(existing, context), existing, 'Switchyard errors pass through');
});

t.test('finish reasons: unified set, provider spellings, tool calls win over stop', async (t) => {
  t.strictSame(['stop', 'length', 'tool_calls', 'content_filter', 'function_call'].map((raw) => mapFinishReason(raw, false)), ['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);
  t.strictSame(['model_length', 'max_tokens', 'tool_call', 'eos', 'weird'].map((raw) => mapFinishReason(raw, false)), ['length', 'length', 'tool_calls', 'stop', 'stop']);
  t.equal(mapFinishReason('stop', true), 'tool_calls');
  t.equal(mapFinishReason('length', true), 'length');
  t.equal(mapFinishReason(null, false), 'stop');
});

t.test('think tags: whole-string split and a splitter fed at every possible cut', async (t) => {
  t.strictSame(splitThinkTags('<think>\nplan\n</think>\n\nAnswer'), { text: 'Answer', reasoning: 'plan' });
  t.strictSame(splitThinkTags('Answer about <think> tags'), { text: 'Answer about <think> tags' });
  t.strictSame(splitThinkTags('<think>cut off'), { text: '', reasoning: 'cut off' });
  const input = '\n<think>\nstep one, then <thi…nk>\n</think>\n\nThe answer is <think>42</think>.';
  for (let size = 1; size <= 9; size++) {
    const splitter = createThinkTagSplitter();
    const pieces: ContentPiece[] = [];
    for (let at = 0; at < input.length; at += size) pieces.push(...splitter.push(input.slice(at, at + size)));
    pieces.push(...splitter.flush());
    const join = (kind: string) => pieces.filter((piece) => piece.kind === kind).map((piece) => piece.text).join('');
    t.equal(join('reasoning').trim(), 'step one, then <thi…nk>', `reasoning, pieces of ${size}`);
    t.equal(join('text'), 'The answer is <think>42</think>.', `text, pieces of ${size}`);
  }
  const plain = createThinkTagSplitter();
  t.strictSame([...plain.push('  <th'), ...plain.push('ank you'), ...plain.flush()], [{ kind: 'text', text: '  <thank you' }]);
});

t.test('stream parts: two choices (n = 2) keep their own tool indexes and finishes', async (t) => {
  const parts = await streamOf([
    chunk([{ index: 0, delta: { role: 'assistant', content: 'A' } }, { index: 1, delta: { role: 'assistant', content: 'B' } }]),
    chunk([{ index: 1, delta: { tool_calls: [{ index: 0, id: 'b1', type: 'function', function: { name: 'f', arguments: '{"x"' } }] } }]),
    chunk([{ index: 1, delta: { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }, finish_reason: 'tool_calls' }, { index: 0, delta: { content: 'a' }, finish_reason: 'stop' }]),
    chunk([], { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }),
  ]);
  const first = summarize(parts, 0);
  const second = summarize(parts, 1);
  t.equal(first.text, 'Aa');
  t.equal(second.text, 'B');
  t.same(second.toolCalls, [{ index: 0, id: 'b1', name: 'f', arguments: '{"x":1}', ended: true }]);
  t.strictSame(first.finishes, [{ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', choice: 0 }]);
  t.strictSame(second.finishes, [{ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls', choice: 1 }]);
  t.strictSame(first.usage, { promptTokens: 3, completionTokens: 4, totalTokens: 7 });
});

t.test('stream parts: reused index with new ids, missing ids, object arguments, no finish', async (t) => {
  const parts = await streamOf([
    chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'one', arguments: '{}' } }] } }]),
    chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'two', arguments: { k: 1 } } }] } }]),
    chunk([{ index: 0, delta: { tool_calls: [{ function: { name: 'three', arguments: '' } }] } }]),
  ]);
  const summary = summarize(parts);
  t.strictSame(summary.toolCalls.map((call) => [call.index, call.id, call.name, call.arguments, call.ended]), [[0, 'a', 'one', '{}', true], [1, 'b', 'two', '{"k":1}', true]]);
  t.strictSame(summary.finishes, [{ type: 'finish', finishReason: 'tool_calls', choice: 0 }], 'a stream that ends without finish_reason still finishes');
  const generated = await streamOf([chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'anon', arguments: '{}' } }] }, finish_reason: 'tool_calls' }])]);
  t.match(summarize(generated).toolCalls[0]?.id, /^call_[0-9a-f]{24}$/);
});

t.test('stream parts: an error chunk ends the stream with one error part after its usage', async (t) => {
  const parts = await streamOf([
    chunk([{ index: 0, delta: { content: 'partial' } }]),
    chunk([{ index: 0, delta: { content: 'ignored?' } }], { error: { code: 429, message: 'Rate limited upstream' }, usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }),
    chunk([{ index: 0, delta: { content: 'never' } }]),
  ]);
  t.strictSame(parts.slice(-2).map((part) => part.type), ['usage', 'error']);
  const error = (parts.at(-1) as { error: SwitchyardError }).error;
  t.strictSame([error.code, error.message, SwitchyardError.isInstance(error)], ['PROVIDER_RATE_LIMITED', 'Rate limited upstream', true]);
  t.notOk(parts.some((part) => part.type === 'text-delta' && part.delta === 'never'));
  t.notOk(parts.some((part) => part.type === 'finish'));
});

t.test('stream parts: think tags and refusals, when asked', async (t) => {
  const parts = await streamOf([
    chunk([{ index: 0, delta: { content: '<thi' } }]),
    chunk([{ index: 0, delta: { content: 'nk>why</th' } }]),
    chunk([{ index: 0, delta: { content: 'ink>because', refusal: null } }]),
    chunk([{ index: 0, delta: { refusal: 'I cannot.' }, finish_reason: 'stop' }]),
  ], { extractThinkTags: true });
  const summary = summarize(parts);
  t.strictSame([summary.reasoning, summary.text], ['why', 'because']);
  t.ok(parts.some((part) => part.type === 'refusal-delta' && part.delta === 'I cannot.'));
});

t.test('fromOpenAIChatCompletion: error bodies, wrong shapes, defaults', async (t) => {
  t.throws(() => fromOpenAIChatCompletion({ error: { message: 'bad key', code: 'invalid_api_key', status: 401 } }, context), { code: 'PROVIDER_AUTHENTICATION' });
  t.throws(() => fromOpenAIChatCompletion('<html>', context), { code: 'PROVIDER_RESPONSE_INVALID' });
  t.throws(() => fromOpenAIChatCompletion({ object: 'chat.completion' }, context), { code: 'PROVIDER_RESPONSE_INVALID' });
  const result = fromOpenAIChatCompletion({ choices: [{ message: { tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }, finish_reason: 'stop' }] }, context);
  t.strictSame(result.choices[0] && { ...result.choices[0], toolCalls: result.choices[0].toolCalls.map((call) => ({ ...call, id: call.id.slice(0, 5) })) }, {
    index: 0, text: null, refusal: null, toolCalls: [{ id: 'call_', name: 'f', arguments: '{"a":1}' }], finishReason: 'tool_calls', rawFinishReason: 'stop', logprobs: null,
  });
  t.equal(result.usage, undefined);
});
