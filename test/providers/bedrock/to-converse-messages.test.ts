import t from 'tap';
import type { PromptMessage } from '../../../sdk/index.js';
import { InvalidRequestError } from '../../../sdk/index.js';
import { captureGenerate, generateError } from './bedrock-capture.js';

// The exact Converse bodies the plugin sends for each kind of OpenAI message content.

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
const user = (text: string): PromptMessage => ({ role: 'user', content: [{ type: 'text', text }] });

t.test('system and developer messages become system blocks; turns of one role merge; blank text is dropped', async (t) => {
  const { body } = await captureGenerate({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: 'Answer in French.', developer: true },
      user('Hello'),
      user('   '),
      user('Are you there?'),
      { role: 'assistant', content: [{ type: 'text', text: 'Oui.' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }] },
      user('Merci'),
    ],
  });
  t.same(body, {
    system: [{ text: 'Be brief.' }, { text: 'Answer in French.' }],
    messages: [
      { role: 'user', content: [{ text: 'Hello' }, { text: 'Are you there?' }] },
      { role: 'assistant', content: [{ text: 'Oui.' }] },
      { role: 'user', content: [{ text: 'Merci' }] },
    ],
  });
});

t.test('images and documents travel as bytes decoded from data URLs', async (t) => {
  const { body } = await captureGenerate({
    messages: [{
      role: 'user',
      content: [
        { type: 'text', text: 'What is in these?' },
        { type: 'image', url: `data:image/png;base64,${PNG}` },
        { type: 'file', data: `data:application/pdf;base64,${Buffer.from('%PDF-1.4').toString('base64')}`, filename: 'Q3 report.v2.pdf' },
        { type: 'file', data: Buffer.from('a,b\n1,2').toString('base64'), mediaType: 'text/csv' },
      ],
    }],
  });
  t.same(body['messages'][0].content, [
    { text: 'What is in these?' },
    { image: { format: 'png', source: { bytes: PNG } } },
    { document: { format: 'pdf', name: 'Q3 report v2', source: { bytes: Buffer.from('%PDF-1.4').toString('base64') } } },
    { document: { format: 'csv', name: 'document 0-3', source: { bytes: Buffer.from('a,b\n1,2').toString('base64') } } },
  ]);
});

t.test('an image by http URL, audio, a file id or an unknown image type is a 400 naming the field', async (t) => {
  const cases: [PromptMessage['content'], string][] = [
    [[{ type: 'text', text: 'see' }, { type: 'image', url: 'https://example.com/cat.png' }], 'messages[0].content[1].image_url.url'],
    [[{ type: 'image', url: 'data:image/bmp;base64,Qk0=' }], 'messages[0].content[0].image_url.url'],
    [[{ type: 'audio', data: 'AAAA', format: 'wav' }], 'messages[0].content[0].input_audio'],
    [[{ type: 'file', fileId: 'file-123' }], 'messages[0].content[0].file.file_id'],
  ];
  for (const [content, param] of cases) {
    const error = await generateError({ messages: [{ role: 'user', content } as PromptMessage] });
    t.ok(error instanceof InvalidRequestError, param);
    t.equal((error as InvalidRequestError).code, 'REQUEST_PARAMETER_UNSUPPORTED');
    t.equal((error as InvalidRequestError).param, param);
    t.equal((error as InvalidRequestError).status, 400);
  }
  const error = (await generateError({ messages: [{ role: 'user', content: [{ type: 'image', url: 'https://example.com/cat.png' }] }] })) as Error;
  t.match(error.message, /data: URL/, 'says how to send the image instead');
});

t.test('tool calls and parallel tool results: results of one turn merge into one user turn, ids made Converse-safe', async (t) => {
  const { body } = await captureGenerate({
    messages: [
      user('Weather in Paris and Rome?'),
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'functions.weather:2', name: 'weather', arguments: '{"city":"Rome"' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: '18°C' }] },
      { role: 'tool', toolCallId: 'functions.weather:2', content: [{ type: 'text', text: '' }] },
      user('Thanks, and tomorrow?'),
    ],
    tools: [{ type: 'function', name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  });
  t.same(body['messages'], [
    { role: 'user', content: [{ text: 'Weather in Paris and Rome?' }] },
    {
      role: 'assistant',
      content: [
        { text: 'Checking both.' },
        { toolUse: { toolUseId: 'call_1', name: 'weather', input: { city: 'Paris' } } },
        // Arguments cut off mid-way are completed so Converse gets an object.
        { toolUse: { toolUseId: 'functions_weather_2', name: 'weather', input: { city: 'Rome' } } },
      ],
    },
    {
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'call_1', content: [{ text: '18°C' }] } },
        { toolResult: { toolUseId: 'functions_weather_2', content: [{ text: '(no output)' }] } },
        { text: 'Thanks, and tomorrow?' },
      ],
    },
  ]);
  t.same(body['toolConfig'], { tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }] });
});

t.test('earlier reasoning goes back only when signed or redacted', async (t) => {
  const { body } = await captureGenerate({
    messages: [
      user('Think.'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Let me think.', signature: 'sig-1' },
          { type: 'reasoning', text: '', redactedData: Buffer.from('secret').toString('base64') },
          { type: 'reasoning', text: 'unsigned thoughts from another provider' },
          { type: 'text', text: 'Done.' },
        ],
      },
      user('Again.'),
    ],
  }, 'us.anthropic.claude-sonnet-4-20250514-v1:0');
  t.same(body['messages'][1], {
    role: 'assistant',
    content: [
      { reasoningContent: { reasoningText: { text: 'Let me think.', signature: 'sig-1' } } },
      { reasoningContent: { redactedContent: Buffer.from('secret').toString('base64') } },
      { text: 'Done.' },
    ],
  });
});

t.test('a history with tool calls but no tools declared gets stand-in tools (Converse requires a toolConfig)', async (t) => {
  const { body } = await captureGenerate({
    messages: [
      user('Look it up'),
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_9', name: 'lookup', arguments: '' }] },
      { role: 'tool', toolCallId: 'call_9', content: [{ type: 'text', text: 'found' }] },
    ],
  });
  t.same(body['messages'][1].content, [{ toolUse: { toolUseId: 'call_9', name: 'lookup', input: {} } }]);
  t.same(body['toolConfig'], { tools: [{ toolSpec: { name: 'lookup', description: 'A tool called earlier in this conversation.', inputSchema: { json: { type: 'object' } } } }] });
});
