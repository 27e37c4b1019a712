import t from 'tap';
import type { CallOptions } from '../../../sdk/index.js';
import { repairTruncatedJson, truncatedJsonSuffix } from '../../../sdk/index.js';
import { fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { azureAt, PROMPT_FILTER_CHUNK, sse } from './azure-fixtures.js';

// Tool-call arguments cut off by the token limit come back as valid JSON; the finish stays length.

const hello: CallOptions = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Write it' }] }], tools: [{ type: 'function', name: 'write' }] };
const call = (args: string) => ({ id: 'call_1', type: 'function', function: { name: 'write', arguments: args } });

t.test('repairTruncatedJson (the sdk helper) closes what was cut off and leaves broken text alone', async (t) => {
  t.equal(truncatedJsonSuffix('{"a":[{"b":"c'), '"}]}');
  t.equal(truncatedJsonSuffix('{"a":1}'), '');
  t.equal(truncatedJsonSuffix('{"a" 1'), '');
  t.equal(repairTruncatedJson('{"path":"a.txt","text":"Hel'), '{"path":"a.txt","text":"Hel"}');
  t.equal(repairTruncatedJson('not json'), 'not json');
});

t.test('generate: a cut-off call is completed in place when the finish is length, untouched otherwise', async (t) => {
  const completion = (args: string, finish: string) => ({ contentType: 'application/json', body: JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [call(args)] }, finish_reason: finish }] }) });
  const upstream = await fakeUpstream([completion('{"path":"a.txt","text":"Hel', 'length'), completion('{"path":', 'tool_calls')]);
  t.teardown(() => upstream.close());
  const model = (await azureAt(upstream.baseURL)).languageModel('gpt-4o');
  const cut = (await model.generate(hello)).choices[0]!;
  t.equal(cut.finishReason, 'length');
  t.equal(cut.toolCalls[0]!.arguments, '{"path":"a.txt","text":"Hel"}');
  const other = (await model.generate(hello)).choices[0]!;
  t.equal(other.toolCalls[0]!.arguments, '{"path":', 'only a length finish is repaired');
});

t.test('stream: one closing delta right before the call’s end, then the length finish', async (t) => {
  const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] });
  const upstream = await fakeUpstream([{
    contentType: 'text/event-stream',
    frames: sse([
      PROMPT_FILTER_CHUNK,
      chunk({ role: 'assistant', tool_calls: [{ index: 0, ...call('') }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"path":"a.txt",' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"text":"Hel' } }] }),
      chunk({}, 'length'),
    ]),
  }]);
  t.teardown(() => upstream.close());
  const parts = await collect((await (await azureAt(upstream.baseURL)).languageModel('gpt-4o').stream(hello)).stream);
  t.same(parts.filter((part) => part.type === 'tool-call-delta' || part.type === 'tool-call-end' || part.type === 'finish').slice(-3), [
    { type: 'tool-call-delta', index: 0, argumentsDelta: '"}', choice: 0 },
    { type: 'tool-call-end', index: 0, choice: 0 },
    { type: 'finish', finishReason: 'length', rawFinishReason: 'length', choice: 0 },
  ]);
  t.same(JSON.parse(summarize(parts).toolCalls[0]!.arguments), { path: 'a.txt', text: 'Hel' });
});
