import t from 'tap';
import { InvalidRequestError, type PromptMessage } from '../../../sdk/index.js';
import { encodeToolCallId } from '../../../plugins/provider-google/tool-call-id.js';
import { sendRequest, user } from './send-request.js';

// Message translation (OpenAI → Gemini), each asserting the exact upstream body.

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

t.test('system and developer messages become the system instruction; history alternates user and model', async (t) => {
  const messages: PromptMessage[] = [
    { role: 'system', content: 'You are terse.' },
    { role: 'system', developer: true, content: 'Answer in French.' },
    user('Hi'),
    { role: 'assistant', content: [{ type: 'text', text: 'Bonjour.' }] },
    user('How are you?'),
  ];
  const { body, warnings } = await sendRequest({ messages });
  t.same(body, {
    contents: [
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Bonjour.' }] },
      { role: 'user', parts: [{ text: 'How are you?' }] },
    ],
    systemInstruction: { parts: [{ text: 'You are terse.' }, { text: 'Answer in French.' }] },
    generationConfig: {},
  });
  t.same(warnings, []);
});

t.test('user content parts: text, data-URL image inline, http image and files by URI', async (t) => {
  const messages: PromptMessage[] = [{
    role: 'user',
    content: [
      { type: 'text', text: 'What is in these?' },
      { type: 'image', url: `data:image/png;base64,${PNG}` },
      { type: 'image', url: 'https://example.com/photos/cat.webp?size=large', detail: 'auto' },
      { type: 'image', url: 'gs://bucket/scan' },
      { type: 'file', data: 'JVBERi0xLjQ=', filename: 'report.pdf' },
      { type: 'file', data: 'data:text/plain;base64,aGVsbG8=' },
      { type: 'file', fileId: 'https://generativelanguage.googleapis.com/v1beta/files/abc123', mediaType: 'video/mp4' },
      { type: 'audio', data: 'UklGRg==', format: 'wav' },
    ],
  }];
  const { body, warnings } = await sendRequest({ messages });
  t.same(body['contents'], [{
    role: 'user',
    parts: [
      { text: 'What is in these?' },
      { inlineData: { mimeType: 'image/png', data: PNG } },
      { fileData: { fileUri: 'https://example.com/photos/cat.webp?size=large', mimeType: 'image/webp' } },
      { fileData: { fileUri: 'gs://bucket/scan', mimeType: 'image/jpeg' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjQ=' } },
      { inlineData: { mimeType: 'text/plain', data: 'aGVsbG8=' } },
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123', mimeType: 'video/mp4' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
    ],
  }]);
  t.same(warnings, []);
});

t.test('image detail and participant names cannot be honoured: dropped with warnings', async (t) => {
  const { body, warnings } = await sendRequest({ messages: [{ role: 'user', name: 'ada', content: [{ type: 'image', url: `data:image/png;base64,${PNG}`, detail: 'high' }] }] });
  t.same(body['contents'], [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: PNG } }] }]);
  t.same(warnings.map((warning) => warning.parameter), ['messages[0].name', 'messages[0].content[0].image_url.detail']);
});

t.test('assistant tool calls and parallel tool results: one model turn, one user turn of function responses', async (t) => {
  const signed = encodeToolCallId('call_aaa', 'EsigNATU+/w=');
  const messages: PromptMessage[] = [
    user('Weather in Paris and Rome?'),
    {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Checking both.' },
        { type: 'tool-call', id: signed, name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'tool-call', id: 'call_bbb', name: 'weather', arguments: '{"city":"Rome"}' },
      ],
    },
    { role: 'tool', toolCallId: signed, content: [{ type: 'text', text: '{"temp":21,"unit":"C"}' }] },
    { role: 'tool', toolCallId: 'call_bbb', content: [{ type: 'text', text: 'sunny, 25 C' }] },
  ];
  const { body } = await sendRequest({ messages });
  t.same(body['contents'], [
    { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
    {
      role: 'model',
      parts: [
        { text: 'Checking both.' },
        { functionCall: { id: 'call_aaa', name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'EsigNATU+/w=' },
        { functionCall: { id: 'call_bbb', name: 'weather', args: { city: 'Rome' } } },
      ],
    },
    {
      role: 'user',
      parts: [
        { functionResponse: { id: 'call_aaa', name: 'weather', response: { temp: 21, unit: 'C' } } },
        { functionResponse: { id: 'call_bbb', name: 'weather', response: { output: 'sunny, 25 C' } } },
      ],
    },
  ]);
});

t.test('a user message after tool results joins their turn', async (t) => {
  const messages: PromptMessage[] = [
    user('Go'),
    { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'noop', arguments: '' }] },
    { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'done' }] },
    user('Thanks, now summarise.'),
  ];
  const { body } = await sendRequest({ messages });
  t.same(body['contents'], [
    { role: 'user', parts: [{ text: 'Go' }] },
    { role: 'model', parts: [{ functionCall: { id: 'call_1', name: 'noop', args: {} } }] },
    { role: 'user', parts: [{ functionResponse: { id: 'call_1', name: 'noop', response: { output: 'done' } } }, { text: 'Thanks, now summarise.' }] },
  ]);
});

t.test('a reasoning signature from thinking_blocks goes back on the last text part; thought text is not resent', async (t) => {
  const messages: PromptMessage[] = [
    user('Count the r in strawberry'),
    { role: 'assistant', content: [{ type: 'reasoning', text: 'Let me count...', signature: 'c2lnbmF0dXJl' }, { type: 'text', text: 'There are ' }, { type: 'text', text: 'three.' }] },
    user('Sure?'),
  ];
  const { body } = await sendRequest({ messages, reasoningEffort: 'low' }, { model: 'gemini-3-pro-preview' });
  t.same(body['contents'], [
    { role: 'user', parts: [{ text: 'Count the r in strawberry' }] },
    { role: 'model', parts: [{ text: 'There are ' }, { text: 'three.', thoughtSignature: 'c2lnbmF0dXJl' }] },
    { role: 'user', parts: [{ text: 'Sure?' }] },
  ]);
});

t.test('Gemini 3: a model turn whose calls lost their signatures gets the documented skip value', async (t) => {
  const messages: PromptMessage[] = [
    user('Go'),
    { role: 'assistant', content: [{ type: 'tool-call', id: 'toolu_from_claude', name: 'a', arguments: '{}' }, { type: 'tool-call', id: 'toolu_2', name: 'b', arguments: '{}' }] },
    { role: 'tool', toolCallId: 'toolu_from_claude', content: [{ type: 'text', text: '1' }] },
    { role: 'tool', toolCallId: 'toolu_2', content: [{ type: 'text', text: '2' }] },
  ];
  const gemini3 = await sendRequest({ messages }, { model: 'gemini-3-flash-preview' });
  t.same((gemini3.body['contents'] as { parts: unknown[] }[])[1]!.parts, [
    { functionCall: { id: 'toolu_from_claude', name: 'a', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
    { functionCall: { id: 'toolu_2', name: 'b', args: {} } },
  ]);
  const gemini25 = await sendRequest({ messages }, { model: 'gemini-2.5-flash' });
  t.same((gemini25.body['contents'] as { parts: unknown[] }[])[1]!.parts, [{ functionCall: { id: 'toolu_from_claude', name: 'a', args: {} } }, { functionCall: { id: 'toolu_2', name: 'b', args: {} } }]);
});

t.test('tool call arguments cut off earlier are repaired; arguments that are not an object become {} with a warning', async (t) => {
  const messages: PromptMessage[] = [
    user('Go'),
    { role: 'assistant', content: [{ type: 'tool-call', id: 'call_1', name: 'a', arguments: '{"city":"Par' }, { type: 'tool-call', id: 'call_2', name: 'b', arguments: '[1,2]' }] },
  ];
  const { body, warnings } = await sendRequest({ messages });
  t.same((body['contents'] as { parts: unknown[] }[])[1]!.parts, [{ functionCall: { id: 'call_1', name: 'a', args: { city: 'Par' } } }, { functionCall: { id: 'call_2', name: 'b', args: {} } }]);
  t.same(warnings.map((warning) => warning.parameter), ['messages[1].tool_calls[1].function.arguments']);
});

t.test('a tool result for an unknown tool call id is a 400 naming the field', async (t) => {
  const error = await sendRequest({ messages: [user('Go'), { role: 'tool', toolCallId: 'call_missing', content: [{ type: 'text', text: 'x' }] }] }).catch((caught: unknown) => caught);
  t.ok(error instanceof InvalidRequestError);
  t.equal((error as InvalidRequestError).param, 'messages[1].tool_call_id');
  t.equal((error as InvalidRequestError).status, 400);
});
