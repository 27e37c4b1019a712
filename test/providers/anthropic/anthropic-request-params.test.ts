import t from 'tap';
import { InvalidRequestError, type CallOptions, type FunctionTool } from '../../../sdk/index.js';
import { fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { anthropicAt, ask, messageReply, sentBody } from './anthropic-harness.js';

// Request parameters, each case asserting the exact upstream body and the warnings.

const weather: FunctionTool = { type: 'function', name: 'weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const OLD_VERSION = { apiVersion: '2023-06-01' };
const parametersOf = (warnings: readonly { parameter: string }[] | undefined) => warnings?.map((warning) => warning.parameter);
/** The whole body for `ask(text)` to claude-haiku-4-5 plus the fields under test. */
const whole = (text: string, fields: Record<string, unknown>) => ({ model: 'claude-haiku-4-5', max_tokens: 64000, messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...fields });

t.test('tools: JSON Schema parameters, a missing schema, and what Anthropic rejects at the top level', async (t) => {
  const { body, result } = await sentBody(ask('hi', {
    tools: [
      weather,
      { type: 'function', name: 'now' },
      { type: 'function', name: 'either', parameters: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ required: ['a'] }] } },
    ],
  }));
  t.same(body, whole('hi', { tools: [
    { name: 'weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    { name: 'now', input_schema: { type: 'object', properties: {} } },
    { name: 'either', input_schema: { type: 'object', properties: { a: { type: 'string' } } } },
  ] }));
  t.same(parametersOf(result.warnings), ['tools[2].function.parameters']);
  t.match(result.warnings?.[0]?.message, /removed: anyOf/);
});

t.test('strict tools get the structured-output subset of JSON Schema', async (t) => {
  const strictTool: FunctionTool = {
    type: 'function', name: 'book', strict: true,
    parameters: { type: 'object', properties: { seats: { type: 'integer', minimum: 1, maximum: 9 }, when: { type: 'string', format: 'date' }, code: { type: 'string', format: 'iata' }, tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 3 } }, required: ['seats'] },
  };
  const { body, result } = await sentBody(ask('book', { tools: [strictTool] }));
  t.same(body, whole('book', { tools: [{
    name: 'book', strict: true,
    input_schema: { type: 'object', properties: { seats: { type: 'integer' }, when: { type: 'string', format: 'date' }, code: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['seats'], additionalProperties: false },
  }] }));
  t.equal(result.warnings?.[0]?.parameter, 'tools[0].function.parameters');
  t.match(result.warnings?.[0]?.message, 'removed: properties.seats.minimum, properties.seats.maximum, properties.code.format, properties.tags.items.maxLength, properties.tags.maxItems');
  const legacy = await sentBody(ask('book', { tools: [strictTool] }), 'claude-3-5-haiku-20241022');
  t.notOk('strict' in ((legacy.body['tools'] as Record<string, unknown>[])[0] ?? {}), 'no strict for a model without structured outputs');
  t.same(parametersOf(legacy.result.warnings), ['tools[0].function.strict']);
});

t.test('tool_choice auto, none, required and a named function; parallel_tool_calls false', async (t) => {
  const cases: [CallOptions['toolChoice'], boolean | undefined, unknown][] = [
    [{ type: 'auto' }, undefined, { type: 'auto' }],
    [{ type: 'none' }, undefined, { type: 'none' }],
    [{ type: 'required' }, undefined, { type: 'any' }],
    [{ type: 'tool', name: 'weather' }, undefined, { type: 'tool', name: 'weather' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    [{ type: 'required' }, false, { type: 'any', disable_parallel_tool_use: true }],
    [{ type: 'tool', name: 'weather' }, false, { type: 'tool', name: 'weather', disable_parallel_tool_use: true }],
    [undefined, true, undefined],
  ];
  for (const [toolChoice, parallelToolCalls, expected] of cases) {
    const { body, result } = await sentBody(ask('hi', { tools: [weather], ...(toolChoice ? { toolChoice } : {}), ...(parallelToolCalls !== undefined ? { parallelToolCalls } : {}) }));
    t.same(body, whole('hi', { tools: [{ name: 'weather', description: 'Weather for a city', input_schema: weather.parameters }], ...(expected !== undefined ? { tool_choice: expected } : {}) }), JSON.stringify({ toolChoice, parallelToolCalls }));
    t.same(result.warnings, undefined);
  }
  const noTools = await sentBody(ask('hi', { toolChoice: { type: 'required' } }));
  t.notOk('tool_choice' in noTools.body);
  t.same(parametersOf(noTools.result.warnings), ['tool_choice']);
});

t.test('response_format json_schema uses native structured output where the model has it', async (t) => {
  const schema = { type: 'object', properties: { answer: { type: 'number', minimum: 0 } }, required: ['answer'] };
  const { body, result } = await sentBody(ask('2+2?', { responseFormat: { type: 'json_schema', name: 'math', schema } }), 'claude-haiku-4-5', {}, messageReply([{ type: 'text', text: '{"answer":4}' }]));
  t.same(body, whole('2+2?', { output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { answer: { type: 'number' } }, required: ['answer'], additionalProperties: false } } } }));
  t.equal(result.choices[0]?.text, '{"answer":4}');
  t.same(parametersOf(result.warnings), ['response_format.json_schema.schema']);
});

t.test('json_object, and json_schema on older models, use a forced tool whose input is the answer', async (t) => {
  const toolAnswer = messageReply([{ type: 'tool_use', id: 'toolu_j', name: 'json_tool_call', input: { answer: 4 } }], { stop_reason: 'tool_use' });
  const object = await sentBody(ask('2+2 as JSON', { tools: [weather] }), 'claude-haiku-4-5', {}, toolAnswer);
  const forced = await sentBody(ask('2+2 as JSON', { responseFormat: { type: 'json_object' } }), 'claude-haiku-4-5', {}, toolAnswer);
  t.same(forced.body, whole('2+2 as JSON', { tools: [{ name: 'json_tool_call', description: "Give the final answer as this tool's input, a JSON object.", input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'json_tool_call' } }));
  const choice = forced.result.choices[0]!;
  t.equal(choice.text, '{"answer":4}');
  t.same(choice.toolCalls, [], 'not reported as a tool call');
  t.equal(choice.finishReason, 'stop');
  t.equal(choice.rawFinishReason, 'tool_use');
  t.equal(object.result.choices[0]?.toolCalls.length, 1, 'without response_format the same block is a tool call');

  const schema = { type: 'object', properties: { answer: { type: 'number' } } };
  const legacy = await sentBody(ask('2+2', { responseFormat: { type: 'json_schema', name: 'math', description: 'The sum', schema }, tools: [weather], toolChoice: { type: 'required' } }), 'claude-3-5-haiku', {}, toolAnswer);
  t.same(legacy.body['tools'], [(object.body['tools'] as unknown[])[0], { name: 'json_tool_call', description: 'The sum', input_schema: schema }]);
  t.same(legacy.body['tool_choice'], { type: 'tool', name: 'json_tool_call' });
  t.same(parametersOf(legacy.result.warnings), ['tool_choice']);
});

t.test('stop sequences; whitespace-only ones are dropped with a warning', async (t) => {
  const { body, result } = await sentBody(ask('count', { stop: ['END', '\n', 'STOP'] }));
  t.same(body, whole('count', { stop_sequences: ['END', 'STOP'] }));
  t.same(parametersOf(result.warnings), ['stop']);
});

t.test('temperature and top_p: sent on API 2023-06-01, dropped where the API or model rejects them', async (t) => {
  const old = await sentBody(ask('hi', { temperature: 0.3, topP: 0.9 }), 'claude-haiku-4-5', OLD_VERSION);
  t.same(old.body, whole('hi', { temperature: 0.3, top_p: 0.9 }));
  t.same(old.result.warnings, undefined);
  t.equal(old.request.headers['anthropic-version'], '2023-06-01');

  const current = await sentBody(ask('hi', { temperature: 0.3, topP: 0.9 }));
  t.same(current.body, whole('hi', {}));
  t.same(parametersOf(current.result.warnings), ['temperature', 'top_p']);
  t.match(current.result.warnings?.[0]?.message, /2026-10-21 rejects 'temperature'/);

  const deprecated = await sentBody(ask('hi', { temperature: 0.3 }), 'claude-opus-4-7', OLD_VERSION);
  t.notOk('temperature' in deprecated.body);
  t.match(deprecated.result.warnings?.[0]?.message, /deprecated for this Claude model/);

  const hot = await sentBody(ask('hi', { temperature: 1.7, extraBody: { top_k: 40 } }), 'claude-haiku-4-5', OLD_VERSION);
  t.equal(hot.body['temperature'], 1);
  t.equal(hot.body['top_k'], 40);
  t.same(parametersOf(hot.result.warnings), ['temperature']);
});

t.test('max_tokens: the caller\'s value, else the model\'s output limit, else 4096', async (t) => {
  t.equal((await sentBody(ask('hi', { maxOutputTokens: 300 }))).body['max_tokens'], 300);
  t.equal((await sentBody(ask('hi', { maxOutputTokens: 300, maxTokensLegacy: true }))).body['max_tokens'], 300);
  t.equal((await sentBody(ask('hi'), 'claude-opus-4-1-20250805')).body['max_tokens'], 32000);
  t.equal((await sentBody(ask('hi'), 'claude-3-5-haiku-latest')).body['max_tokens'], 8192);
  t.equal((await sentBody(ask('hi'), 'my-proxy-model')).body['max_tokens'], 4096);
});

t.test('reasoning_effort becomes a thinking budget or adaptive thinking with an effort level', async (t) => {
  for (const [effort, budget] of [['low', 1024], ['medium', 4096], ['high', 16384]] as const) {
    const { body } = await sentBody(ask('think', { reasoningEffort: effort }));
    t.same(body, whole('think', { thinking: { type: 'enabled', budget_tokens: budget } }), effort);
  }
  const unknownModel = await sentBody(ask('think', { reasoningEffort: 'high' }), 'my-proxy-model');
  t.equal(unknownModel.body['max_tokens'], 16384 + 4096, 'room above the budget when the model is unknown');
  const adaptive = await sentBody(ask('think', { reasoningEffort: 'medium' }), 'claude-opus-4-6');
  t.same(adaptive.body['thinking'], { type: 'adaptive' });
  t.same(adaptive.body['output_config'], { effort: 'medium' });
  const xhigh = await sentBody(ask('think', { reasoningEffort: 'xhigh' }), 'claude-opus-4-8');
  t.same(xhigh.body['output_config'], { effort: 'xhigh' });
  const lowered = await sentBody(ask('think', { reasoningEffort: 'xhigh' }), 'claude-sonnet-4-6');
  t.same(lowered.body['output_config'], { effort: 'high' });
  t.same(parametersOf(lowered.result.warnings), ['reasoning_effort']);
  const none = await sentBody(ask('think', { reasoningEffort: 'none' }));
  t.notOk('thinking' in none.body);
  const noThinking = await sentBody(ask('think', { reasoningEffort: 'high' }), 'claude-3-5-haiku');
  t.notOk('thinking' in noThinking.body);
  t.same(parametersOf(noThinking.result.warnings), ['reasoning_effort']);
});

t.test('thinking meets max_tokens, forced tools, sampling and LiteLLM\'s own thinking parameter', async (t) => {
  const small = await sentBody(ask('think', { reasoningEffort: 'high', maxOutputTokens: 3000 }));
  t.same(small.body['thinking'], { type: 'enabled', budget_tokens: 2999 });
  t.same(parametersOf(small.result.warnings), ['reasoning_effort']);
  const tiny = await sentBody(ask('think', { reasoningEffort: 'low', maxOutputTokens: 800 }));
  t.notOk('thinking' in tiny.body);
  const forced = await sentBody(ask('think', { reasoningEffort: 'low', tools: [weather], toolChoice: { type: 'required' } }));
  t.notOk('thinking' in forced.body);
  t.match(forced.result.warnings?.[0]?.message, /cannot think while a tool call is forced/);
  const sampling = await sentBody(ask('think', { reasoningEffort: 'low', temperature: 0.2, topP: 0.97 }), 'claude-haiku-4-5', OLD_VERSION);
  t.notOk('temperature' in sampling.body);
  t.equal(sampling.body['top_p'], 0.97);
  t.same(parametersOf(sampling.result.warnings), ['temperature']);
  const litellm = await sentBody(ask('think', { reasoningEffort: 'low', extraBody: { thinking: { type: 'enabled', budget_tokens: 2048 } } }));
  t.same(litellm.body['thinking'], { type: 'enabled', budget_tokens: 2048 });
  t.same(litellm.result.warnings, undefined);
});

t.test('user and metadata.user_id become metadata.user_id; other metadata is reported', async (t) => {
  t.same((await sentBody(ask('hi', { user: 'u-1' }))).body, whole('hi', { metadata: { user_id: 'u-1' } }));
  const fromMetadata = await sentBody(ask('hi', { metadata: { user_id: 'u-2', team: 'core' } }));
  t.same(fromMetadata.body['metadata'], { user_id: 'u-2' });
  t.same(parametersOf(fromMetadata.result.warnings), ['metadata']);
  t.match(fromMetadata.result.warnings?.[0]?.message, "'team'");
});

t.test('parameters Anthropic has no equivalent for are dropped with a warning each', async (t) => {
  const { body, result } = await sentBody(ask('hi', { seed: 7, frequencyPenalty: 0.5, presencePenalty: 0.1, logprobs: true, topLogprobs: 2, extraBody: { service_tier: 'flex' } }));
  t.same(Object.keys(body).sort(), ['max_tokens', 'messages', 'model']);
  t.same(parametersOf(result.warnings), ['seed', 'frequency_penalty', 'presence_penalty', 'logprobs', 'top_logprobs', 'service_tier']);
});

t.test('drop_params: false turns an unsupported parameter into a 400 before any upstream call', async (t) => {
  const upstream = await fakeUpstream([messageReply()]);
  t.teardown(() => upstream.close());
  const model = (await anthropicAt(upstream.baseURL)).languageModel('claude-haiku-4-5');
  for (const [options, param] of [[{ seed: 1 }, 'seed'], [{ temperature: 0.5 }, 'temperature'], [{ stop: [' '] }, 'stop']] as const) {
    const error = await model.generate(ask('hi', { ...options, dropUnsupportedParams: false })).then(() => undefined, (caught: unknown) => caught);
    t.ok(error instanceof InvalidRequestError, `${param}: InvalidRequestError`);
    t.equal((error as InvalidRequestError).code, 'REQUEST_PARAMETER_UNSUPPORTED');
    t.equal((error as InvalidRequestError).status, 400);
    t.equal((error as InvalidRequestError).param, param);
  }
  await t.rejects(model.stream(ask('hi', { seed: 1, dropUnsupportedParams: false })), { code: 'REQUEST_PARAMETER_UNSUPPORTED', param: 'seed' });
  t.equal(upstream.requests.length, 0, 'nothing was sent upstream');
  const allowed = await model.generate(ask('hi', { seed: 1, dropUnsupportedParams: true }));
  t.same(parametersOf(allowed.warnings), ['seed']);
});
