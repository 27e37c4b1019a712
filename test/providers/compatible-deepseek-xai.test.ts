import t from 'tap';
import type { CallOptions, FunctionTool } from '../../sdk/index.js';
import { cassette, fakeUpstream, readRecorded, sseFrames } from '../helpers/recorded-fixtures.js';
import { collect, compatibleAt, summarize, toPrompt, type WireMessage } from './provider-harness.js';

const ask = (text: string, extra: Partial<CallOptions> = {}): CallOptions => ({ messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra });
const json = (file: string) => ({ contentType: 'application/json', body: readRecorded(file) });
const sse = (file: string) => ({ contentType: 'text/event-stream', frames: sseFrames(file, 'openai') });
type Delta = { content?: string | null; reasoning_content?: string | null; tool_calls?: { function?: { arguments?: string } }[] };
const deltas = (file: string): Delta[] =>
  readRecorded(file).split('\n').filter(Boolean).flatMap((line) => (JSON.parse(line) as { choices: { delta: Delta }[] }).choices.map((choice) => choice.delta));

type WireTool = { function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean } };

t.test('deepseek: text, reasoning_content and a tool call, generated and streamed', async (t) => {
  const upstream = await fakeUpstream([
    json('deepseek/deepseek-text.json'), sse('deepseek/deepseek-text.chunks.txt'),
    json('deepseek/deepseek-reasoning.json'), sse('deepseek/deepseek-reasoning.chunks.txt'),
    json('deepseek/deepseek-tool-call.json'), sse('deepseek/deepseek-tool-call.chunks.txt'),
  ]);
  t.teardown(() => upstream.close());
  const provider = await compatibleAt('deepseek', upstream.baseURL);
  const chat = provider.languageModel('deepseek-chat');
  const reasoner = provider.languageModel('deepseek-reasoner');
  t.equal(chat.supportsMultipleChoices, false);
  t.equal(reasoner.metadata?.supportsReasoning, true);

  const text = await chat.generate(ask('Invent a holiday', { maxOutputTokens: 300 }));
  t.equal(text.choices[0]?.finishReason, 'length');
  t.match(text.choices[0]?.text, /^## \*\*Holiday Name: Gratitude of Small Things Day/);
  t.strictSame(text.usage, { promptTokens: 13, completionTokens: 300, totalTokens: 313, cachedPromptTokens: 0 });
  t.equal((upstream.requests[0]?.json as Record<string, unknown>)['max_tokens'], 300);

  const streamed = summarize(await collect((await chat.stream(ask('Invent a holiday'))).stream));
  t.equal(streamed.text, deltas('deepseek/deepseek-text.chunks.txt').map((delta) => delta.content ?? '').join(''));
  t.strictSame(streamed.finishes, [{ type: 'finish', finishReason: 'length', rawFinishReason: 'length', choice: 0 }]);
  t.equal(streamed.usage?.completionTokens, 400);

  const reasoning = await reasoner.generate(ask("How many 'r's are in strawberry?"));
  t.match(reasoning.choices[0]?.reasoning, /^We are asked: "How many 'r's are in the word 'strawberry'\?"/);
  t.equal(reasoning.choices[0]?.text, 'The word "strawberry" contains three instances of the letter "r": one after the "t" and two before the "y".');
  t.equal(reasoning.usage?.reasoningTokens, 315);

  const streamedReasoning = summarize(await collect((await reasoner.stream(ask("How many 'r's?"))).stream));
  t.equal(streamedReasoning.reasoning, deltas('deepseek/deepseek-reasoning.chunks.txt').map((delta) => delta.reasoning_content ?? '').join(''));
  t.equal(streamedReasoning.text, 'The word "strawberry" contains three "r"s.');
  t.equal(streamedReasoning.usage?.reasoningTokens, 205);

  const tool = await reasoner.generate(ask('Weather in SF?'));
  t.strictSame(tool.choices[0]?.toolCalls, [{ id: 'call_00_9V0vrf86Pc9aelHCJMZqnJBo', name: 'weather', arguments: '{"location": "San Francisco"}' }]);
  t.equal(tool.choices[0]?.text, '');
  t.match(tool.choices[0]?.reasoning, /^The user is asking for the weather in San Francisco/);
  t.equal(tool.usage?.cachedPromptTokens, 320);

  const streamedTool = summarize(await collect((await reasoner.stream(ask('Weather in SF?'))).stream));
  const argumentText = deltas('deepseek/deepseek-tool-call.chunks.txt').flatMap((delta) => delta.tool_calls ?? []).map((call) => call.function?.arguments ?? '').join('');
  t.same(streamedTool.toolCalls, [{ index: 0, id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF', name: 'weather', arguments: argumentText, ended: true }]);
  t.same(JSON.parse(streamedTool.toolCalls[0]?.arguments ?? ''), { location: 'San Francisco' });
  t.equal(streamedTool.finishes[0]?.finishReason, 'tool_calls');
  t.strictSame(streamedTool.usage, { promptTokens: 339, completionTokens: 83, totalTokens: 422, cachedPromptTokens: 320, reasoningTokens: 39 });
});

t.test('deepseek cassette: reasoning_content is sent back on assistant turns, as the recorded client did', async (t) => {
  const turns = cassette('deepseek/parallel-tool-calls-reasoning.cassette.yaml');
  const upstream = await fakeUpstream(turns);
  t.teardown(() => upstream.close());
  const model = (await compatibleAt('deepseek', upstream.baseURL)).languageModel('deepseek-reasoner');
  const requestOf = (turn: number) => turns[turn]?.request.body as { messages: WireMessage[]; tools: WireTool[]; tool_choice: string; model: string };
  // The recorded client adds tools as the model discovers them, so each turn has its own list.
  const toolsOf = (turn: number) => requestOf(turn).tools.map((tool): FunctionTool => ({ type: 'function', ...tool.function }));

  const first = await model.generate({ messages: toPrompt(requestOf(0).messages), tools: toolsOf(0), toolChoice: { type: 'auto' } });
  t.equal(first.choices[0]?.text, 'Let me load the dice rolling capability!');
  t.match(first.choices[0]?.reasoning, /^The user wants to play a dice game/);
  t.strictSame(first.choices[0]?.toolCalls, [{ id: 'call_00_sXqYgMESDht75NCLLZtt9804', name: 'load_capability', arguments: '{"id": "DICE_ROLL"}' }]);

  const second = await model.generate({ messages: toPrompt(requestOf(1).messages), tools: toolsOf(1), toolChoice: { type: 'auto' } });
  t.strictSame(second.choices[0]?.toolCalls.map((call) => call.name), ['get_player_name', 'roll_dice']);
  const { stream: _ignored, ...recorded } = requestOf(1) as unknown as Record<string, unknown>;
  t.strictSame(upstream.requests[1]?.json, recorded, 'the translated body equals the recorded one, reasoning_content included');

  const third = await model.generate({ messages: toPrompt(requestOf(2).messages), tools: toolsOf(2), toolChoice: { type: 'auto' } });
  t.match(third.choices[0]?.text, /Congratulations, Anne!/);
  t.equal(third.choices[0]?.finishReason, 'stop');
  t.strictSame((upstream.requests[2]?.json as { messages: unknown }).messages, requestOf(2).messages);
});

t.test('xai: reasoning_content, whole tool call in one delta, repeated finish chunks', async (t) => {
  const upstream = await fakeUpstream([
    json('xai/xai-text.json'), sse('xai/xai-text.chunks.txt'),
    json('xai/xai-tool-call.json'), sse('xai/xai-tool-call.chunks.txt'),
  ]);
  t.teardown(() => upstream.close());
  const model = (await compatibleAt('xai', upstream.baseURL)).languageModel('grok-3-mini');
  t.equal(model.supportsMultipleChoices, true);

  const text = await model.generate(ask('Say a single word.'));
  t.equal(text.choices[0]?.text, 'Grok');
  t.match(text.choices[0]?.reasoning, /^First, the user said: "Say a single word\."/);
  t.equal(text.choices[0]?.logprobs, null);
  t.strictSame(text.usage, {
    promptTokens: 12, completionTokens: 2, totalTokens: 334, cachedPromptTokens: 2, reasoningTokens: 320,
    audioPromptTokens: 0, audioCompletionTokens: 0, acceptedPredictionTokens: 0, rejectedPredictionTokens: 0,
  });

  const streamed = summarize(await collect((await model.stream(ask('Say a single word.'))).stream));
  t.equal(streamed.text, 'Grok');
  t.equal(streamed.reasoning, deltas('xai/xai-text.chunks.txt').map((delta) => delta.reasoning_content ?? '').join(''));
  t.equal(streamed.usage?.totalTokens, 354);

  const tool = await model.generate(ask('Weather in SF?'));
  t.strictSame(tool.choices[0]?.toolCalls, [{ id: 'call_46427107', name: 'weather', arguments: '{"location":"San Francisco"}' }]);
  t.equal(tool.choices[0]?.refusal, null);

  const streamedTool = summarize(await collect((await model.stream(ask('Weather in SF?'))).stream));
  t.same(streamedTool.toolCalls, [{ index: 0, id: 'call_79382389', name: 'weather', arguments: '{"location":"San Francisco"}', ended: true }]);
  t.equal(streamedTool.finishes.length, 1, 'xAI repeats the finish chunk; one finish part');
  t.equal(streamedTool.usage?.totalTokens, 560);
  t.equal(streamedTool.usage?.reasoningTokens, 227);
});
