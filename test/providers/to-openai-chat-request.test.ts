import t from 'tap';
import type { CallOptions } from '../../sdk/index.js';
import { toOpenAIChatRequest } from '../../sdk/openai-compatible/index.js';

const hi: CallOptions['messages'] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];
const body = (options: Partial<CallOptions>, stream = false) => toOpenAIChatRequest('m', { messages: hi, ...options }, { stream }).body;
const only = (options: Partial<CallOptions>) => {
  const { model: _model, messages: _messages, ...rest } = body(options);
  return rest;
};

t.test('each scalar option becomes its OpenAI field', async (t) => {
  const cases: [Partial<CallOptions>, Record<string, unknown>][] = [
    [{ temperature: 0.3 }, { temperature: 0.3 }],
    [{ topP: 0.9 }, { top_p: 0.9 }],
    [{ maxOutputTokens: 64 }, { max_completion_tokens: 64 }],
    [{ stop: ['END', '###'] }, { stop: ['END', '###'] }],
    [{ seed: 42 }, { seed: 42 }],
    [{ frequencyPenalty: 0.5 }, { frequency_penalty: 0.5 }],
    [{ presencePenalty: -0.5 }, { presence_penalty: -0.5 }],
    [{ n: 3 }, { n: 3 }],
    [{ logprobs: true, topLogprobs: 5 }, { logprobs: true, top_logprobs: 5 }],
    [{ reasoningEffort: 'high' }, { reasoning_effort: 'high' }],
    [{ user: 'user-7' }, { user: 'user-7' }],
    [{ metadata: { team: 'blue' } }, { metadata: { team: 'blue' } }],
    [{ parallelToolCalls: false }, { parallel_tool_calls: false }],
    [{ temperature: 0 }, { temperature: 0 }],
    [{ signal: new AbortController().signal, headers: { 'x-a': '1' } }, {}],
  ];
  for (const [options, expected] of cases) t.strictSame(only(options), expected, JSON.stringify(expected));
});

t.test('tools, tool choice and response formats', async (t) => {
  const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  t.strictSame(only({ tools: [{ type: 'function', name: 'weather', description: 'Weather', parameters, strict: true }, { type: 'function', name: 'ping' }] }), {
    tools: [
      { type: 'function', function: { name: 'weather', description: 'Weather', parameters, strict: true } },
      { type: 'function', function: { name: 'ping' } },
    ],
  });
  t.strictSame(only({ tools: [] }), {}, 'an empty tool list is not sent');
  t.strictSame(only({ toolChoice: { type: 'auto' } }), { tool_choice: 'auto' });
  t.strictSame(only({ toolChoice: { type: 'none' } }), { tool_choice: 'none' });
  t.strictSame(only({ toolChoice: { type: 'required' } }), { tool_choice: 'required' });
  t.strictSame(only({ toolChoice: { type: 'tool', name: 'weather' } }), { tool_choice: { type: 'function', function: { name: 'weather' } } });
  t.strictSame(only({ responseFormat: { type: 'text' } }), { response_format: { type: 'text' } });
  t.strictSame(only({ responseFormat: { type: 'json_object' } }), { response_format: { type: 'json_object' } });
  t.strictSame(only({ responseFormat: { type: 'json_schema', name: 'City', schema: parameters, description: 'A city', strict: true } }), {
    response_format: { type: 'json_schema', json_schema: { name: 'City', description: 'A city', schema: parameters, strict: true } },
  });
});

t.test('streaming asks for usage; extraBody is merged last', async (t) => {
  t.strictSame(body({}, true), { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
  t.strictSame(only({ temperature: 1, extraBody: { temperature: 0.1, top_k: 5, stream_options: { include_usage: false } } }), { temperature: 0.1, top_k: 5, stream_options: { include_usage: false } });
});

t.test('messages: system and developer, multi-part user content, assistant tool calls, tool results', async (t) => {
  const { body: request } = toOpenAIChatRequest('m', {
    messages: [
      { role: 'system', content: 'Rules.', name: 'ops' },
      { role: 'system', content: 'Dev rules.', developer: true },
      { role: 'user', name: 'ann', content: [
        { type: 'text', text: 'Look:' },
        { type: 'image', url: 'https://example.test/cat.png', detail: 'low' },
        { type: 'image', url: 'data:image/png;base64,iVBORw0KGgo=' },
        { type: 'audio', data: 'UklGRg==', format: 'wav' },
        { type: 'file', data: 'JVBERi0=', mediaType: 'application/pdf', filename: 'a.pdf' },
        { type: 'file', fileId: 'file-123' },
      ] },
      { role: 'assistant', content: [
        { type: 'reasoning', text: 'thinking...' },
        { type: 'text', text: 'Let me check. ' },
        { type: 'text', text: 'One moment.' },
        { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_2', name: 'time', arguments: '{}' },
      ] },
      { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'sunny' }, { type: 'text', text: ', 22C' }] },
      { role: 'tool', toolCallId: 'call_2', content: [{ type: 'text', text: '12:00' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Sunny.' }], refusal: undefined },
    ],
  }, { stream: false });
  t.strictSame(request.messages, [
    { role: 'system', content: 'Rules.', name: 'ops' },
    { role: 'developer', content: 'Dev rules.' },
    { role: 'user', name: 'ann', content: [
      { type: 'text', text: 'Look:' },
      { type: 'image_url', image_url: { url: 'https://example.test/cat.png', detail: 'low' } },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
      { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
      { type: 'file', file: { file_id: 'file-123' } },
    ] },
    { role: 'assistant', content: 'Let me check. One moment.', tool_calls: [
      { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
      { id: 'call_2', type: 'function', function: { name: 'time', arguments: '{}' } },
    ] },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 22C' },
    { role: 'tool', tool_call_id: 'call_2', content: '12:00' },
    { role: 'assistant', content: 'Sunny.' },
  ], 'reasoning is not sent back unless the dialect names a field');
});

t.test('dialects: max_tokens, system for developer, reasoning field, drops and renames', async (t) => {
  const options: CallOptions = {
    messages: [
      { role: 'system', developer: true, content: 'Dev.' },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'hmm' }, { type: 'tool-call', id: 'c', name: 'f', arguments: '{}' }] },
    ],
    maxOutputTokens: 10, seed: 1, user: 'u',
  };
  const { body: request, warnings } = toOpenAIChatRequest('m', options, {
    stream: true,
    dialect: { maxTokensField: 'max_tokens', developerRole: 'system', reasoningField: 'reasoning_content', dropParameters: ['stream_options', 'user', 'n'], renameParameters: { seed: 'random_seed' } },
  });
  t.strictSame(request, {
    model: 'm',
    messages: [
      { role: 'system', content: 'Dev.' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }], reasoning_content: 'hmm' },
    ],
    stream: true,
    max_tokens: 10,
    random_seed: 1,
  });
  t.strictSame(warnings, [{ parameter: 'user', message: "This provider does not accept 'user'; it was not sent." }], 'internal fields and absent fields drop silently');
});
