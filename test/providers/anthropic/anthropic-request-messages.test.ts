import t from 'tap';
import type { PromptMessage } from '../../../sdk/index.js';
import { sentBody, user } from './anthropic-harness.js';

// Message translation, each case asserting the exact body the fake upstream received.

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

t.test('system and developer messages become the top-level system field', async (t) => {
  const one = await sentBody({ messages: [{ role: 'system', content: 'Be brief.' }, user('hi')] });
  t.same(one.body, { model: 'claude-haiku-4-5', max_tokens: 64000, system: 'Be brief.', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
  const two = await sentBody({ messages: [{ role: 'system', content: 'Be brief.' }, { role: 'system', developer: true, content: 'Answer in French.' }, user('hi')] });
  t.same(two.body['system'], [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Answer in French.' }]);
  t.same(two.result.warnings, undefined, 'nothing dropped');
});

t.test('multi-turn history keeps roles in order and merges consecutive turns of one role', async (t) => {
  const messages: PromptMessage[] = [
    user('first'),
    { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
    user('second'),
    user('third'),
    { role: 'assistant', content: [{ type: 'text', text: '' }] },
    user('fourth'),
  ];
  const { body } = await sentBody({ messages });
  t.same(body['messages'], [
    { role: 'user', content: [{ type: 'text', text: 'first' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
    { role: 'user', content: [{ type: 'text', text: 'second' }, { type: 'text', text: 'third' }, { type: 'text', text: 'fourth' }] },
  ]);
});

t.test('user content parts: text, data-URL and http images, PDF and text files', async (t) => {
  const { body, result } = await sentBody({
    messages: [{
      role: 'user',
      content: [
        { type: 'text', text: 'Look:' },
        { type: 'image', url: `data:image/png;base64,${PNG}` },
        { type: 'image', url: 'http://images.example/cat.jpg', detail: 'auto' },
        { type: 'file', data: 'JVBERi0xLjQK', filename: 'doc.pdf' },
        { type: 'file', data: 'data:text/plain;base64,aGVsbG8=', filename: 'notes.txt' },
      ],
    }],
  });
  t.same(body['messages'], [{
    role: 'user',
    content: [
      { type: 'text', text: 'Look:' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
      { type: 'image', source: { type: 'url', url: 'http://images.example/cat.jpg' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' }, title: 'doc.pdf' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' }, title: 'notes.txt' },
    ],
  }]);
  t.same(result.warnings, undefined);
});

t.test('content Anthropic cannot take is dropped with a warning naming it', async (t) => {
  const { body, result } = await sentBody({
    messages: [{
      role: 'user',
      name: 'alice',
      content: [
        { type: 'text', text: 'hear this' },
        { type: 'audio', data: 'AAAA', format: 'wav' },
        { type: 'image', url: 'data:image/svg+xml;base64,PHN2Zz4=', detail: 'high' },
        { type: 'file', fileId: 'file-123' },
      ],
    }],
  });
  t.same(body['messages'], [{ role: 'user', content: [{ type: 'text', text: 'hear this' }] }]);
  t.same(result.warnings?.map((warning) => warning.parameter), [
    'messages[0].name', 'messages[0].content[1]', 'messages[0].content[2].image_url.detail', 'messages[0].content[2]', 'messages[0].content[3]',
  ]);
});

t.test('assistant tool calls and several tool results in a row become one user turn', async (t) => {
  const { body } = await sentBody({
    messages: [
      user('Weather in Paris and Rome?'),
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'toolu_2', name: 'weather', arguments: '{"city":"Rome"' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
      { role: 'tool', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'rain' }] },
      user('Thanks, and tomorrow?'),
    ],
  });
  t.same(body['messages'], [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking both.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Rome' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
        { type: 'tool_result', tool_use_id: 'toolu_2', content: 'rain' },
        { type: 'text', text: 'Thanks, and tomorrow?' },
      ],
    },
  ]);
});

t.test('tool results go first in their user turn, and an empty result has no content', async (t) => {
  const { body } = await sentBody({
    messages: [
      user('go'),
      { role: 'assistant', content: [{ type: 'tool-call', id: 'toolu_9', name: 'noop', arguments: '' }] },
      user('also this'),
      { role: 'tool', toolCallId: 'toolu_9', content: [{ type: 'text', text: '' }] },
    ],
  });
  t.same(body['messages'], [
    { role: 'user', content: [{ type: 'text', text: 'go' }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_9', name: 'noop', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_9' }, { type: 'text', text: 'also this' }] },
  ]);
});

t.test('earlier thinking goes back as signed thinking and redacted_thinking blocks, in order', async (t) => {
  const { body, result } = await sentBody({
    messages: [
      user('Which country?'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should call the tool.', signature: 'sig-1' },
          { type: 'reasoning', text: '', redactedData: 'opaque==' },
          { type: 'text', text: 'Let me check.' },
          { type: 'tool-call', id: 'toolu_x', name: 'get_user_country', arguments: '{}' },
        ],
      },
      { role: 'tool', toolCallId: 'toolu_x', content: [{ type: 'text', text: 'Mexico' }] },
    ],
  });
  t.same((body['messages'] as unknown[])[1], {
    role: 'assistant',
    content: [
      { type: 'thinking', thinking: 'I should call the tool.', signature: 'sig-1' },
      { type: 'redacted_thinking', data: 'opaque==' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'toolu_x', name: 'get_user_country', input: {} },
    ],
  });
  t.same(result.warnings, undefined);
});

t.test('unsigned reasoning (from another provider) is not sent and says so', async (t) => {
  const { body, result } = await sentBody({
    messages: [user('q'), { role: 'assistant', content: [{ type: 'reasoning', text: 'thoughts' }, { type: 'text', text: 'a' }] }, user('q2')],
  });
  t.same((body['messages'] as unknown[])[1], { role: 'assistant', content: [{ type: 'text', text: 'a' }] });
  t.same(result.warnings?.map((warning) => warning.parameter), ['messages[1].reasoning_content']);
});

t.test('tool-call arguments that are not a JSON object are sent as {} with a warning', async (t) => {
  const { body, result } = await sentBody({ messages: [user('q'), { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'f', arguments: '[1,2]' }] }, { role: 'tool', toolCallId: 't1', content: [{ type: 'text', text: 'r' }] }] });
  t.same((body['messages'] as { content: unknown[] }[])[1]!.content, [{ type: 'tool_use', id: 't1', name: 'f', input: {} }]);
  t.same(result.warnings?.map((warning) => warning.parameter), ['messages[1].tool_calls']);
});
