import t from 'tap';
import OpenAI from 'openai';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

t.test('mock_response answers like a real completion, streamed and not, with no API key', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });

  const { data: completion, response } = await client.chat.completions
    .create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }], mock_response: 'Hello from the mock!' } as never)
    .withResponse();
  t.equal(completion.choices[0]?.message.content, 'Hello from the mock!');
  t.equal(completion.choices[0]?.finish_reason, 'stop');
  t.equal(completion.object, 'chat.completion');
  t.ok(completion.usage && completion.usage.completion_tokens > 0, 'usage is reported');
  t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '');
  t.match(response.headers.get('x-request-id'), /^[0-9a-f-]{36}$/);
  t.match(response.headers.get('x-switchyard-overhead-ms'), /^\d+(\.\d+)?$/);

  const stream = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hello' }],
    stream: true,
    stream_options: { include_usage: true },
    mock_response: 'Hello from the mock!',
  } as never);
  let text = '';
  let finish: string | null | undefined;
  let usageChunks = 0;
  let chunks = 0;
  for await (const chunk of stream as unknown as AsyncIterable<OpenAI.ChatCompletionChunk>) {
    chunks++;
    t.equal(openAISpecErrors('CreateChatCompletionStreamResponse', chunk), '', `chunk ${chunks} is spec-valid`);
    if (chunk.usage) usageChunks++;
    const choice = chunk.choices[0];
    if (choice?.delta.content) text += choice.delta.content;
    if (choice?.finish_reason) finish = choice.finish_reason;
  }
  t.equal(text, 'Hello from the mock!');
  t.equal(finish, 'stop');
  t.equal(usageChunks, 1, 'one usage chunk when include_usage is set');
  t.ok(chunks > 3, 'the text arrives in several chunks');
});

t.test('mock_response with n > 1 returns n choices', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: 'anything/x', n: 2, messages: [{ role: 'user', content: 'hi' }], mock_response: 'ok' } as never);
  t.same(completion.choices.map((choice) => [choice.index, choice.message.content]), [[0, 'ok'], [1, 'ok']]);
});
