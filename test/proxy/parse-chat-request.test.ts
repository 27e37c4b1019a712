import t from 'tap';
import { SwitchyardError } from '../../sdk/index.js';
import { parseChatRequest } from '../../proxy/openai/parse-chat-request.js';

t.test('every OpenAI field becomes its neutral call option', async (t) => {
  const parsed = parseChatRequest({
    model: 'openai/gpt-4o',
    messages: [
      { role: 'developer', content: 'Be brief.' },
      { role: 'system', content: [{ type: 'text', text: 'Part one. ' }, { type: 'text', text: 'Part two.' }] },
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'low' } },
          { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
          { type: 'file', file: { file_data: 'JVBER', filename: 'a.pdf' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Calling tools.',
        reasoning_content: 'ignored when thinking_blocks are present',
        thinking_blocks: [{ type: 'thinking', thinking: 'Let me think', signature: 'sig-1' }, { type: 'redacted_thinking', data: 'opaque' }],
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'result' }] },
      { role: 'assistant', content: null, refusal: 'I cannot.' },
    ],
    tools: [{ type: 'function', function: { name: 'lookup', description: 'Find', parameters: { type: 'object' }, strict: true } }],
    tool_choice: { type: 'function', function: { name: 'lookup' } },
    parallel_tool_calls: false,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
    stop: 'END',
    temperature: 0.5,
    top_p: 0.9,
    max_tokens: 100,
    seed: 7,
    user: 'u-1',
    logprobs: true,
    top_logprobs: 2,
    n: 2,
    frequency_penalty: 0.1,
    presence_penalty: -0.1,
    reasoning_effort: 'low',
    metadata: { team: 'a' },
    stream: true,
    stream_options: { include_usage: true },
    top_k: 40,
    mock_response: 'x',
    num_retries: 3,
  });
  t.equal(parsed.model, 'openai/gpt-4o');
  t.equal(parsed.stream, true);
  t.equal(parsed.includeUsage, true);
  t.equal(parsed.mockResponse, 'x');
  t.same(parsed.options, {
    messages: [
      { role: 'system', content: 'Be brief.', developer: true },
      { role: 'system', content: 'Part one. Part two.' },
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'Look:' },
          { type: 'image', url: 'data:image/png;base64,AAAA', detail: 'low' },
          { type: 'audio', data: 'UklGR', format: 'wav' },
          { type: 'file', data: 'JVBER', filename: 'a.pdf' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Let me think', signature: 'sig-1' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'text', text: 'Calling tools.' },
          { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":1}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'result' }] },
      { role: 'assistant', content: [], refusal: 'I cannot.' },
    ],
    tools: [{ type: 'function', name: 'lookup', description: 'Find', parameters: { type: 'object' }, strict: true }],
    toolChoice: { type: 'tool', name: 'lookup' },
    parallelToolCalls: false,
    responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
    temperature: 0.5,
    topP: 0.9,
    maxOutputTokens: 100,
    maxTokensLegacy: true,
    stop: ['END'],
    seed: 7,
    frequencyPenalty: 0.1,
    presencePenalty: -0.1,
    n: 2,
    logprobs: true,
    topLogprobs: 2,
    reasoningEffort: 'low',
    user: 'u-1',
    metadata: { team: 'a' },
    includeUsage: true,
    extraBody: { top_k: 40 },
  });
});

t.test('reasoning_content alone becomes a reasoning part; max_completion_tokens wins over max_tokens', async (t) => {
  const parsed = parseChatRequest({
    model: 'm/x',
    messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'text', text: 'ok' }], reasoning_content: 'thought' }],
    max_tokens: 10,
    max_completion_tokens: 20,
    tool_choice: 'required',
    response_format: { type: 'json_object' },
  });
  t.same(parsed.options.messages[1], { role: 'assistant', content: [{ type: 'reasoning', text: 'thought' }, { type: 'text', text: 'ok' }] });
  t.equal(parsed.options.maxOutputTokens, 20);
  t.equal(parsed.options.maxTokensLegacy, undefined);
  t.same(parsed.options.toolChoice, { type: 'required' });
  t.same(parsed.options.responseFormat, { type: 'json_object' });
  t.equal(parsed.stream, false);
  t.equal(parsed.options.includeUsage, undefined);
});

t.test('invalid parts name the exact field', async (t) => {
  const cases: [unknown, string][] = [
    [{ model: 'm/x', messages: [{ role: 'user', content: [{ type: 'image_url' }] }] }, 'messages[0].content[0].image_url'],
    [{ model: 'm/x', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x', detail: 'huge' } }] }] }, 'messages[0].content[0].image_url.detail'],
    [{ model: 'm/x', messages: [{ role: 'user', content: [{ type: 'file', file: {} }] }] }, 'messages[0].content[0].file'],
    [{ model: 'm/x', messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }, 'messages[0].content[0].input_audio'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
    [{ model: 'm/x', messages: [{ role: 'system', content: [{ type: 'image_url' }] }] }, 'messages[0].content[0].type'],
    [{ model: 'm/x', messages: ['hello'] }, 'messages[0]'],
    [{ model: 'm/x', messages: [{ role: 'assistant', tool_calls: [{ id: 'a', type: 'function' }] }] }, 'messages[0].tool_calls[0].function'],
    [{ model: 'm/x', messages: [{ role: 'assistant', tool_calls: [{ id: 'a', type: 'custom', function: { name: 'f' } }] }] }, 'messages[0].tool_calls[0].type'],
    [{ model: 'm/x', messages: [{ role: 'assistant', thinking_blocks: [{ type: 'odd' }] }] }, 'messages[0].thinking_blocks[0].type'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'function', function: { name: 'has space' } }] }, 'tools[0].function.name'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], tools: [{ type: 'retrieval' }] }, 'tools[0].type'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], stop: [1] }, 'stop'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], metadata: { a: 1 } }, 'metadata.a'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], tool_choice: 'sometimes' }, 'tool_choice'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema' } }, 'response_format.json_schema'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], n: 0 }, 'n'],
    [{ model: 'm/x', messages: [{ role: 'user', content: 'x' }], stream_options: { include_usage: 'yes' } }, 'stream_options.include_usage'],
  ];
  for (const [body, param] of cases) {
    const error = (() => {
      try {
        parseChatRequest(body);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    t.ok(SwitchyardError.isInstance(error), `${param}: rejected`);
    t.equal((error as SwitchyardError).param, param, `${param}: names the field`);
    t.equal((error as SwitchyardError).status, 400, `${param}: 400`);
  }
});
