import t, { type Test } from 'tap';
import OpenAI from 'openai';
import { fakeUpstream, type FakeUpstream } from '../helpers/recorded-fixtures.js';
import { digestChunks, digestCompletion, type OutputDigest } from '../helpers/openai-output-digest.js';
import { openAISpecErrors } from '../helpers/openai-spec-validator.js';
import { wireReply, type WireFormat, type WireToolCall } from '../helpers/provider-wire-replies.js';
import { startTestGateway } from '../helpers/start-test-gateway.js';

// One conversation — system, user, tool call(s), tool result(s), final answer — through every
// provider plugin, streamed and not, with one call and with parallel calls. A client must not be
// able to tell the providers apart except by the words.

const AWS = { aws_access_key_id: 'AKIDTEST', aws_secret_access_key: 'secret', aws_region_name: 'us-east-1' };
const PROVIDERS: { name: string; model: string; format: WireFormat; params?: Record<string, unknown> }[] = [
  { name: 'openai', model: 'openai/gpt-4o', format: 'openai' },
  { name: 'groq', model: 'groq/llama-3.3-70b-versatile', format: 'openai' },
  { name: 'deepseek', model: 'deepseek/deepseek-chat', format: 'openai' },
  { name: 'mistral', model: 'mistral/mistral-large-latest', format: 'openai' },
  { name: 'xai', model: 'xai/grok-4', format: 'openai' },
  { name: 'azure', model: 'azure/my-gpt-4o', format: 'openai', params: { api_version: '2024-10-21' } },
  { name: 'anthropic', model: 'anthropic/claude-haiku-4-5', format: 'anthropic' },
  { name: 'gemini', model: 'gemini/gemini-2.5-flash', format: 'gemini' },
  { name: 'vertex_ai', model: 'vertex_ai/gemini-2.5-flash', format: 'gemini', params: { api_key: 'ya29.test-token', vertex_project: 'test-project', vertex_location: 'us-central1' } },
  { name: 'bedrock', model: 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0', format: 'bedrock', params: AWS },
];
const CITIES = ['Paris', 'London'];
const TOOLS = [{ type: 'function', function: { name: 'get_weather', description: 'Current weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
const SYSTEM = 'You are a terse weather bot.';
const ANSWER = 'It is 18C in Paris.';

interface Conversation { provider: (typeof PROVIDERS)[number]; stream: boolean; parallel: boolean }
const CONVERSATIONS: Conversation[] = PROVIDERS.flatMap((provider) => [false, true].flatMap((stream) => [false, true].map((parallel) => ({ provider, stream, parallel }))));

const callsOf = (conversation: Conversation): WireToolCall[] =>
  CITIES.slice(0, conversation.parallel ? 2 : 1).map((city, index) => ({ id: `toolu_${conversation.provider.name}_${index}`, name: 'get_weather', args: { city } }));

async function ask(t: Test, client: OpenAI, body: Record<string, unknown>, label: string): Promise<{ digest: OutputDigest; message: Record<string, any> }> {
  if (!body['stream']) {
    const completion = (await client.chat.completions.create(body as never)) as unknown as Record<string, any>;
    t.equal(openAISpecErrors('CreateChatCompletionResponse', completion), '', `${label}: spec-valid`);
    return { digest: digestCompletion(completion), message: completion['choices'][0]['message'] };
  }
  const chunks: Record<string, any>[] = [];
  for await (const chunk of (await client.chat.completions.create(body as never)) as unknown as AsyncIterable<Record<string, any>>) {
    const errors = openAISpecErrors('CreateChatCompletionStreamResponse', chunk);
    if (errors) t.fail(`${label}: chunk ${chunks.length}: ${errors}`);
    chunks.push(chunk);
  }
  const digest = digestChunks(chunks);
  const toolCalls = digest.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  return { digest, message: { role: 'assistant', content: digest.text === '' ? null : digest.text, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) } };
}

t.test('the same tool-use conversation through every provider plugin', async (t) => {
  const upstreams: FakeUpstream[] = [];
  t.teardown(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });
  const modelList = [];
  for (const [index, conversation] of CONVERSATIONS.entries()) {
    const { format } = conversation.provider;
    const upstream = await fakeUpstream([wireReply(format, { calls: callsOf(conversation), stream: conversation.stream }), wireReply(format, { text: ANSWER, stream: conversation.stream })]);
    upstreams.push(upstream);
    modelList.push({ model_name: `conversation-${index}`, litellm_params: { model: conversation.provider.model, api_base: upstream.baseURL, api_key: 'sk-test', ...conversation.provider.params } });
  }
  const gateway = await startTestGateway({ config: { model_list: modelList, router_settings: { num_retries: 0 } } });
  t.teardown(() => gateway.close());
  const client = new OpenAI({ baseURL: gateway.baseURL, apiKey: 'unused', maxRetries: 0 });

  for (const [index, conversation] of CONVERSATIONS.entries()) {
    const label = `${conversation.provider.name} ${conversation.stream ? 'streamed' : 'plain'} ${conversation.parallel ? 'parallel calls' : 'one call'}`;
    await t.test(label, async (t) => {
      const expectedCalls = callsOf(conversation);
      const messages: Record<string, unknown>[] = [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: `What is the weather in ${CITIES.slice(0, expectedCalls.length).join(' and ')}?` },
      ];
      const base = { model: `conversation-${index}`, tools: TOOLS, stream: conversation.stream, ...(conversation.stream ? { stream_options: { include_usage: true } } : {}) };
      const first = await ask(t, client, { ...base, messages }, 'turn 1');
      t.equal(first.digest.finishReason, 'tool_calls', 'turn 1 ends in tool calls');
      t.same(first.digest.toolCalls.map((call) => [call.name, JSON.parse(call.arguments)]), expectedCalls.map((call) => [call.name, call.args]), 'tool names and arguments');
      const ids = first.digest.toolCalls.map((call) => call.id);
      t.ok(ids.every((id) => typeof id === 'string' && id !== ''), 'every call has an id');
      t.equal(new Set(ids).size, ids.length, 'ids are distinct');
      t.same(first.digest.usage, { prompt: 20, completion: 10, total: 30 }, 'usage');

      const results = first.digest.toolCalls.map((call) => ({ role: 'tool', tool_call_id: call.id, content: `18C in ${JSON.parse(call.arguments).city}` }));
      const second = await ask(t, client, { ...base, messages: [...messages, first.message, ...results] }, 'turn 2');
      t.equal(second.digest.text, ANSWER, 'turn 2 answers');
      t.equal(second.digest.finishReason, 'stop');
      t.same(second.digest.toolCalls, []);

      const upstream = upstreams[index]!;
      t.equal(upstream.requests.length, 2, 'two upstream calls');
      const sent = upstream.requests[1]!.body;
      t.match(sent, SYSTEM, 'turn 2 carries the system prompt');
      t.match(sent, 'get_weather', 'turn 2 carries the tool call');
      for (const call of expectedCalls) t.match(sent, `18C in ${call.args['city']}`, `turn 2 carries the result for ${call.args['city']}`);
    });
  }
});
