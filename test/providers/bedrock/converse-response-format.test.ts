import t from 'tap';
import { eventFrames, EVENT_STREAM_CONTENT_TYPE } from '../../helpers/bedrock-event-stream.js';
import { fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { captureGenerate } from './bedrock-capture.js';
import { bedrockAt, userSays } from './bedrock-test-provider.js';

// response_format: native structured output where the model has it, a forced tool call
// (turned back into answer text) everywhere else.

const toolAnswer = (name: string, input: unknown) => ({
  contentType: 'application/json',
  body: JSON.stringify({ output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name, input } }] } }, stopReason: 'tool_use', usage: { inputTokens: 5, outputTokens: 4, totalTokens: 9 } }),
});

t.test('json_object becomes a forced tool call whose input is the answer text', async (t) => {
  const { body, result } = await captureGenerate(userSays('Give me JSON', { responseFormat: { type: 'json_object' } }), 'us.amazon.nova-micro-v1:0', toolAnswer('json_response', { a: 1 }));
  t.same(body['toolConfig'], {
    tools: [{ toolSpec: { name: 'json_response', description: 'Give your final answer by calling this tool; its input is the answer, as JSON matching the schema.', inputSchema: { json: { type: 'object' } } } }],
    toolChoice: { tool: { name: 'json_response' } },
  });
  const choice = result.choices[0]!;
  t.equal(choice.text, '{"a":1}');
  t.same(choice.toolCalls, []);
  t.equal(choice.finishReason, 'stop');
  t.equal(choice.rawFinishReason, 'tool_use');
});

t.test('json_schema without native support: a tool named after the schema; with other tools the model must call one', async (t) => {
  const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const tools = [{ type: 'function' as const, name: 'lookup' }];
  const { body, result } = await captureGenerate(userSays('Where?', { tools, responseFormat: { type: 'json_schema', name: 'place', schema, description: 'A place.' } }), 'us.amazon.nova-micro-v1:0', toolAnswer('place', { city: 'Paris' }));
  t.same(body['toolConfig'].tools[1], { toolSpec: { name: 'place', description: 'Give your final answer by calling this tool; its input is the answer, as JSON matching the schema. A place.', inputSchema: { json: schema } } });
  t.same(body['toolConfig'].toolChoice, { any: {} });
  t.equal(result.choices[0]!.text, '{"city":"Paris"}');
});

t.test('a non-object schema is wrapped as { value } for the tool and unwrapped in the answer', async (t) => {
  const schema = { type: 'array', items: { type: 'number' } };
  const { body, result } = await captureGenerate(userSays('Numbers', { responseFormat: { type: 'json_schema', name: 'numbers', schema } }), 'us.amazon.nova-micro-v1:0', toolAnswer('numbers', { value: [1, 2, 3] }));
  t.same(body['toolConfig'].tools[0].toolSpec.inputSchema, { json: { type: 'object', properties: { value: schema }, required: ['value'] } });
  t.equal(result.choices[0]!.text, '[1,2,3]');
});

t.test('json_schema on a model with native structured output uses outputConfig.textFormat', async (t) => {
  const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false };
  const { body, result } = await captureGenerate(userSays('OK?', { responseFormat: { type: 'json_schema', name: 'status', schema } }), 'us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  t.same(body['outputConfig'], { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'status' } } } });
  t.equal(body['toolConfig'], undefined);
  t.equal(result.choices[0]!.text, 'ok');
});

t.test('the structuredOutput option forces either technique', async (t) => {
  const format = { type: 'json_schema' as const, name: 'status', schema: { type: 'object' } };
  const tool = await captureGenerate(userSays('OK?', { responseFormat: format }), 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', toolAnswer('status', {}), { options: { structuredOutput: 'tool' } });
  t.equal(tool.body['outputConfig'], undefined);
  t.equal(tool.body['toolConfig'].toolChoice.tool.name, 'status');
  const native = await captureGenerate(userSays('OK?', { responseFormat: format }), 'us.amazon.nova-micro-v1:0', undefined, { options: { structuredOutput: 'native' } });
  t.ok(native.body['outputConfig'], 'native on request');
});

t.test('streamed: the response tool streams as answer text and finishes with stop', async (t) => {
  const frames = eventFrames([
    { messageStart: { role: 'assistant' } },
    { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tooluse_1', name: 'json_response' } } } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"a":' } } } },
    { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: ' 1}' } } } },
    { contentBlockStop: { contentBlockIndex: 0 } },
    { messageStop: { stopReason: 'tool_use' } },
    { metadata: { usage: { inputTokens: 5, outputTokens: 4, totalTokens: 9 }, metrics: { latencyMs: 1 } } },
  ]);
  const upstream = await fakeUpstream([{ contentType: EVENT_STREAM_CONTENT_TYPE, frames }]);
  t.teardown(() => upstream.close());
  const provider = await bedrockAt(upstream.baseURL);
  const summary = summarize(await collect((await provider.languageModel('us.amazon.nova-micro-v1:0').stream(userSays('JSON', { responseFormat: { type: 'json_object' } }))).stream));
  t.equal(summary.text, '{"a": 1}');
  t.same(summary.toolCalls, []);
  t.equal(summary.finishes[0]?.finishReason, 'stop');
  t.equal(summary.finishes[0]?.rawFinishReason, 'tool_use');
});
