import t from 'tap';
import type { CallOptions } from '../../../sdk/index.js';
import { InvalidRequestError } from '../../../sdk/index.js';
import { captureGenerate, generateError } from './bedrock-capture.js';
import { userSays } from './bedrock-test-provider.js';

// Sampling parameters, reasoning, metadata and extras: the exact Converse fields, and the
// warnings (or 400s with drop_params: false) for what Converse cannot honour.

const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

t.test('stop, temperature, top_p and max tokens go to inferenceConfig; user and metadata to requestMetadata', async (t) => {
  const { body, result } = await captureGenerate(userSays('Hi', { stop: ['END', '###'], temperature: 0.3, topP: 0.9, maxOutputTokens: 256, user: 'user-42', metadata: { team: 'search' } }));
  t.same(body, {
    messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    inferenceConfig: { maxTokens: 256, temperature: 0.3, topP: 0.9, stopSequences: ['END', '###'] },
    requestMetadata: { team: 'search', user: 'user-42' },
  });
  t.equal(result.warnings, undefined, 'nothing dropped');
});

t.test('parameters Converse lacks are dropped with warnings naming them', async (t) => {
  const { body, result } = await captureGenerate(userSays('Hi', { seed: 7, frequencyPenalty: 0.5, presencePenalty: 0.1, logprobs: true, topLogprobs: 2, temperature: 1.5 }));
  t.same(body['inferenceConfig'], { temperature: 1 }, 'temperature above the 0–1 range is sent as 1');
  t.same(result.warnings?.map((warning) => warning.parameter), ['temperature', 'seed', 'frequency_penalty', 'presence_penalty', 'top_logprobs', 'logprobs']);
});

t.test('drop_params: false turns the first unsupported parameter into a 400 naming it', async (t) => {
  const error = await generateError(userSays('Hi', { seed: 7, dropUnsupportedParams: false }));
  t.ok(error instanceof InvalidRequestError);
  t.equal((error as InvalidRequestError).code, 'REQUEST_PARAMETER_UNSUPPORTED');
  t.equal((error as InvalidRequestError).param, 'seed');
  t.equal((error as InvalidRequestError).status, 400);
});

t.test('tool_choice auto, required and a named tool map to auto, any and tool', async (t) => {
  const tools: CallOptions['tools'] = [{ type: 'function', name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } } }, { type: 'function', name: 'noop' }];
  const expected = [
    [{ type: 'auto' }, { auto: {} }],
    [{ type: 'required' }, { any: {} }],
    [{ type: 'tool', name: 'lookup' }, { tool: { name: 'lookup' } }],
  ] as const;
  for (const [toolChoice, converse] of expected) {
    const { body } = await captureGenerate(userSays('Hi', { tools, toolChoice }));
    t.same(body['toolConfig'], {
      tools: [
        { toolSpec: { name: 'lookup', description: 'Look up', inputSchema: { json: { type: 'object', properties: { q: { type: 'string' } } } } } },
        { toolSpec: { name: 'noop', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
      toolChoice: converse,
    }, toolChoice.type);
  }
});

t.test("tool_choice 'none' withholds the tools; with tool calls in the history they stay, with a warning", async (t) => {
  const tools: CallOptions['tools'] = [{ type: 'function', name: 'lookup' }];
  const plain = await captureGenerate(userSays('Hi', { tools, toolChoice: { type: 'none' } }));
  t.equal(plain.body['toolConfig'], undefined);
  t.equal(plain.result.warnings, undefined);
  const withHistory = await captureGenerate({
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'lookup', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'c1', content: [{ type: 'text', text: 'x' }] },
    ],
    tools,
    toolChoice: { type: 'none' },
  });
  t.same(withHistory.body['toolConfig'], { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: {} } } } }] });
  t.same(withHistory.result.warnings?.map((warning) => warning.parameter), ['tool_choice']);
});

t.test('parallel_tool_calls: false and strict schemas on models without them are warned about', async (t) => {
  const { body, result } = await captureGenerate(userSays('Hi', { tools: [{ type: 'function', name: 'a', strict: true, parameters: { type: 'object' } }], parallelToolCalls: false }));
  t.same(body['toolConfig'], { tools: [{ toolSpec: { name: 'a', inputSchema: { json: { type: 'object' } } } }] });
  t.same(result.warnings?.map((warning) => warning.parameter), ['tools', 'parallel_tool_calls']);
  const native = await captureGenerate(userSays('Hi', { tools: [{ type: 'function', name: 'a', strict: true, parameters: { type: 'object' } }] }), 'global.anthropic.claude-sonnet-4-5-20250929-v1:0');
  t.same(native.body['toolConfig'], { tools: [{ toolSpec: { name: 'a', inputSchema: { json: { type: 'object' } }, strict: true } }] });
});

t.test('reasoning_effort: Anthropic thinking budget (max tokens on top), gpt-oss effort, a warning elsewhere', async (t) => {
  const claude = await captureGenerate(userSays('Think', { reasoningEffort: 'medium', maxOutputTokens: 1000, temperature: 0.2, topP: 0.5 }), CLAUDE);
  t.same(claude.body['additionalModelRequestFields'], { thinking: { type: 'enabled', budget_tokens: 2048 } });
  t.same(claude.body['inferenceConfig'], { maxTokens: 3048 }, 'budget added to the answer tokens; temperature and low top_p dropped');
  t.same(claude.result.warnings?.map((warning) => warning.parameter), ['temperature', 'top_p']);
  const unbounded = await captureGenerate(userSays('Think', { reasoningEffort: 'high' }), CLAUDE);
  t.same(unbounded.body['inferenceConfig'], { maxTokens: 4096 + 4096 });
  const off = await captureGenerate(userSays('Think', { reasoningEffort: 'none' }), CLAUDE);
  t.equal(off.body['additionalModelRequestFields'], undefined);
  const oss = await captureGenerate(userSays('Think', { reasoningEffort: 'low' }), 'openai.gpt-oss-120b-1:0');
  t.same(oss.body['additionalModelRequestFields'], { reasoning_effort: 'low' });
  const nova = await captureGenerate(userSays('Think', { reasoningEffort: 'low' }));
  t.equal(nova.body['additionalModelRequestFields'], undefined);
  t.same(nova.result.warnings?.map((warning) => warning.parameter), ['reasoning_effort']);
  const forced = await captureGenerate(userSays('Think', { reasoningEffort: 'low', tools: [{ type: 'function', name: 'a' }], toolChoice: { type: 'required' } }), CLAUDE);
  t.equal(forced.body['additionalModelRequestFields'], undefined, 'Anthropic cannot think while a tool call is forced');
  t.same(forced.result.warnings?.map((warning) => warning.parameter), ['reasoning_effort']);
});

t.test('unknown request fields go to additionalModelRequestFields; Converse fields are lifted; OpenAI-only ones dropped', async (t) => {
  const { body, result } = await captureGenerate(userSays('Hi', { extraBody: { top_k: 40, guardrailConfig: { guardrailIdentifier: 'g1', guardrailVersion: '1' }, store: true, additionalModelRequestFields: { anthropic_beta: ['x'] } } }), CLAUDE);
  t.same(body['additionalModelRequestFields'], { top_k: 40, anthropic_beta: ['x'] });
  t.same(body['guardrailConfig'], { guardrailIdentifier: 'g1', guardrailVersion: '1' });
  t.equal(body['store'], undefined);
  t.same(result.warnings?.map((warning) => warning.parameter), ['store']);
});
