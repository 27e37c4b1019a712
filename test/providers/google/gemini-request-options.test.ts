import t from 'tap';
import { InvalidRequestError, type CallOptions } from '../../../sdk/index.js';
import { fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { geminiAt } from './google-test-provider.js';
import { sendRequest, user } from './send-request.js';

// Parameter translation (OpenAI → Gemini), each asserting the exact upstream body.

const hello = [user('Hello')];
const helloContents = [{ role: 'user', parts: [{ text: 'Hello' }] }];
const WEATHER = { type: 'function' as const, name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

t.test('sampling and length parameters go to generationConfig', async (t) => {
  const { body, warnings } = await sendRequest({ messages: hello, temperature: 0.3, topP: 0.9, maxOutputTokens: 256, stop: ['END', '###'], seed: 7, frequencyPenalty: 0.5, presencePenalty: -0.5, n: 2 });
  t.same(body, {
    contents: helloContents,
    generationConfig: { temperature: 0.3, topP: 0.9, candidateCount: 2, maxOutputTokens: 256, stopSequences: ['END', '###'], presencePenalty: -0.5, frequencyPenalty: 0.5, seed: 7 },
  });
  t.same(warnings, []);
  const legacy = await sendRequest({ messages: hello, maxOutputTokens: 64, maxTokensLegacy: true });
  t.same(legacy.body['generationConfig'], { maxOutputTokens: 64 }, 'max_tokens and max_completion_tokens both become maxOutputTokens');
});

t.test('tools become function declarations with JSON Schema parameters', async (t) => {
  const { body, warnings } = await sendRequest({ messages: hello, tools: [WEATHER, { type: 'function', name: 'now' }] });
  t.same(body['tools'], [{ functionDeclarations: [{ name: 'weather', description: 'Current weather', parametersJsonSchema: WEATHER.parameters }, { name: 'now' }] }]);
  t.same(warnings, []);
});

t.test('tool_choice auto, none, required and a named function', async (t) => {
  const cases: [CallOptions['toolChoice'], unknown][] = [
    [{ type: 'auto' }, { functionCallingConfig: { mode: 'AUTO' } }],
    [{ type: 'none' }, { functionCallingConfig: { mode: 'NONE' } }],
    [{ type: 'required' }, { functionCallingConfig: { mode: 'ANY' } }],
    [{ type: 'tool', name: 'weather' }, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } }],
  ];
  for (const [toolChoice, toolConfig] of cases) {
    const { body } = await sendRequest({ messages: hello, tools: [WEATHER], toolChoice });
    t.same(body['toolConfig'], toolConfig, JSON.stringify(toolChoice));
  }
});

t.test('parallel_tool_calls: true is Gemini’s behaviour, false cannot be honoured', async (t) => {
  const allowed = await sendRequest({ messages: hello, tools: [WEATHER], parallelToolCalls: true });
  t.same(allowed.warnings, []);
  const limited = await sendRequest({ messages: hello, tools: [WEATHER], parallelToolCalls: false });
  t.same(limited.warnings.map((warning) => warning.parameter), ['parallel_tool_calls']);
  t.same(limited.body['tools'], allowed.body['tools']);
  t.equal(limited.body['toolConfig'], undefined);
});

t.test('JSON Schema is cleaned into what Gemini accepts, with a warning per dropped keyword', async (t) => {
  const parameters = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      code: { type: 'string', pattern: '^[A-Z]{3}$', minLength: 3, description: 'IATA code' },
      kind: { const: 'airport' },
      seats: { type: 'integer', minimum: 1, maximum: 9, default: 1, exclusiveMaximum: 10 },
      note: { type: 'string', nullable: true },
      home: { allOf: [{ $ref: '#/definitions/Address' }], description: 'Where to return' },
      pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] },
      choice: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    },
    required: ['code'],
    additionalProperties: false,
    definitions: { Address: { type: 'object', properties: { city: { type: 'string', examples: ['Paris'] } } } },
  };
  const { body, warnings } = await sendRequest({ messages: hello, tools: [{ type: 'function', name: 'book', parameters }] });
  t.same((body['tools'] as { functionDeclarations: { parametersJsonSchema: unknown }[] }[])[0]!.functionDeclarations[0]!.parametersJsonSchema, {
    type: 'object',
    properties: {
      code: { type: 'string', description: 'IATA code' },
      kind: { enum: ['airport'] },
      seats: { type: 'integer', minimum: 1, maximum: 9 },
      note: { type: ['string', 'null'] },
      home: { description: 'Where to return', anyOf: [{ $ref: '#/$defs/Address' }] },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
      choice: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    },
    required: ['code'],
    additionalProperties: false,
    $defs: { Address: { type: 'object', properties: { city: { type: 'string' } } } },
  });
  const prefix = 'tools[0].function.parameters';
  t.same(warnings.map((warning) => warning.parameter), [
    `${prefix}.properties.code.pattern`,
    `${prefix}.properties.code.minLength`,
    `${prefix}.properties.seats.default`,
    `${prefix}.properties.seats.exclusiveMaximum`,
    `${prefix}.definitions.Address.properties.city.examples`,
  ]);
  t.match(warnings[0]!.message, /'pattern'/);
});

t.test('response_format json_object and json_schema use native structured output', async (t) => {
  const json = await sendRequest({ messages: hello, responseFormat: { type: 'json_object' } });
  t.same(json.body['generationConfig'], { responseMimeType: 'application/json' });
  const schema = { type: 'object', properties: { answer: { type: 'string', maxLength: 10 } }, required: ['answer'], additionalProperties: false };
  const structured = await sendRequest({ messages: hello, responseFormat: { type: 'json_schema', name: 'answer', strict: true, schema } });
  t.same(structured.body['generationConfig'], { responseMimeType: 'application/json', responseJsonSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false } });
  t.same(structured.warnings.map((warning) => warning.parameter), ['response_format.json_schema.schema.properties.answer.maxLength']);
  const text = await sendRequest({ messages: hello, responseFormat: { type: 'text' } });
  t.same(text.body['generationConfig'], {});
});

t.test('reasoning_effort becomes Gemini thinking config, per model family', async (t) => {
  const cases: [string, string, unknown, string[]][] = [
    ['gemini-2.5-flash', 'low', { includeThoughts: true, thinkingBudget: 1024 }, []],
    ['gemini-2.5-flash', 'high', { includeThoughts: true, thinkingBudget: 4096 }, []],
    ['gemini-2.5-flash', 'none', { includeThoughts: false, thinkingBudget: 0 }, []],
    ['gemini-2.5-pro', 'none', { includeThoughts: false, thinkingBudget: 128 }, ['reasoning_effort']],
    ['gemini-2.5-pro', 'minimal', { includeThoughts: true, thinkingBudget: 128 }, []],
    ['gemini-3-flash-preview', 'minimal', { includeThoughts: true, thinkingLevel: 'MINIMAL' }, []],
    ['gemini-3-flash-preview', 'medium', { includeThoughts: true, thinkingLevel: 'MEDIUM' }, []],
    ['gemini-3-pro-preview', 'medium', { includeThoughts: true, thinkingLevel: 'HIGH' }, ['reasoning_effort']],
    ['gemini-3-pro-preview', 'low', { includeThoughts: true, thinkingLevel: 'LOW' }, []],
    ['gemini-3.1-pro-preview', 'xhigh', { includeThoughts: true, thinkingLevel: 'HIGH' }, []],
  ];
  for (const [model, effort, thinkingConfig, warned] of cases) {
    const { body, warnings } = await sendRequest({ messages: hello, reasoningEffort: effort }, { model });
    t.same(body['generationConfig'], { thinkingConfig }, `${model} ${effort}`);
    t.same(warnings.map((warning) => warning.parameter), warned, `${model} ${effort}: warnings`);
  }
  const old = await sendRequest({ messages: hello, reasoningEffort: 'high' }, { model: 'gemini-2.0-flash' });
  t.same(old.body['generationConfig'], {}, 'a model without thinking gets no thinking config');
  t.same(old.warnings.map((warning) => warning.parameter), ['reasoning_effort']);
  const invalid = await sendRequest({ messages: hello, reasoningEffort: 'maximum' }).catch((error: unknown) => error);
  t.ok(invalid instanceof InvalidRequestError && invalid.param === 'reasoning_effort' && invalid.code === 'REQUEST_INVALID', 'an unknown effort is a 400');
});

t.test('user, metadata, logprobs, strict tools and extra body fields are dropped with warnings on the Gemini API', async (t) => {
  const { body, warnings } = await sendRequest({ messages: hello, user: 'u-42', metadata: { team: 'search' }, logprobs: true, tools: [{ ...WEATHER, strict: true }], extraBody: { top_k: 3 } });
  t.same(Object.keys(body).sort(), ['contents', 'generationConfig', 'tools']);
  t.same(body['generationConfig'], {});
  t.same(warnings.map((warning) => warning.parameter), ['tools[0].function.strict', 'logprobs', 'user', 'metadata', 'top_k']);
});

t.test('Vertex AI sends metadata as labels; entries that are not valid labels are dropped with a warning', async (t) => {
  const { body, warnings, request } = await sendRequest({ messages: hello, metadata: { team: 'search', 'Cost-Center': 'X1' } }, { vertex: true });
  t.same(body, { contents: helloContents, generationConfig: {}, labels: { team: 'search' } });
  t.same(warnings.map((warning) => warning.parameter), ['metadata.Cost-Center']);
  t.equal(request.url, '/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent');
});

t.test('drop_params: false turns a parameter Gemini cannot honour into a 400 before any upstream call', async (t) => {
  const upstream = await fakeUpstream([]);
  t.teardown(() => upstream.close());
  const model = (await geminiAt(upstream.baseURL)).languageModel('gemini-2.5-flash');
  for (const [options, param] of [
    [{ user: 'u-1' }, 'user'],
    [{ parallelToolCalls: false, tools: [WEATHER] }, 'parallel_tool_calls'],
    [{ tools: [{ type: 'function' as const, name: 'f', parameters: { type: 'object', properties: { a: { type: 'string', format: 'email', pattern: '.+@.+' } } } }] }, 'tools[0].function.parameters.properties.a.pattern'],
  ] as const) {
    const error = await model.generate({ messages: hello, dropUnsupportedParams: false, ...options }).catch((caught: unknown) => caught);
    t.ok(error instanceof InvalidRequestError, param);
    t.equal((error as InvalidRequestError).code, 'REQUEST_PARAMETER_UNSUPPORTED');
    t.equal((error as InvalidRequestError).param, param);
    t.equal((error as InvalidRequestError).status, 400);
    const streamed = await model.stream({ messages: hello, dropUnsupportedParams: false, ...options }).catch((caught: unknown) => caught);
    t.equal((streamed as InvalidRequestError).param, param, `${param}: streaming too`);
  }
  t.equal(upstream.requests.length, 0, 'nothing went upstream');
  const fine = await sendRequest({ messages: hello, dropUnsupportedParams: false, temperature: 1 });
  t.same(fine.body['generationConfig'], { temperature: 1 }, 'parameters Gemini honours still pass');
});

t.test('request headers reach the upstream; the API key travels as x-goog-api-key', async (t) => {
  const { request } = await sendRequest({ messages: hello, headers: { 'x-trace-id': 'trace-1' } });
  t.equal(request.headers['x-trace-id'], 'trace-1');
  t.equal(request.headers['x-goog-api-key'], 'gemini-test-key');
  t.equal(request.headers['authorization'], undefined);
  t.equal(request.url, '/v1beta/models/gemini-2.5-flash:generateContent');
});
