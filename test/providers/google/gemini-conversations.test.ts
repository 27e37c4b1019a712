import t from 'tap';
import type { GeneratedToolCall, PromptMessage } from '../../../sdk/index.js';
import { cassette, fakeUpstream } from '../../helpers/recorded-fixtures.js';
import { collect, summarize } from '../provider-harness.js';
import { normalizeContents, RECORDED_CONVERSATIONS, recordedResults, type Json } from './gemini-recordings.js';
import { geminiAt } from './google-test-provider.js';

// Multi-turn recordings: each turn is sent the way an OpenAI client would continue the
// conversation (the assistant's tool calls as returned, then the tool results), and the body the
// plugin sends upstream must carry the same `contents` as the recorded client's request: the
// same turns, calls, results and thought signatures (ids differ: compared without them).

/** The conversation a client holds before a turn: the first request's messages plus, per earlier turn, the calls it got and the results it sent. */
function promptFor(first: PromptMessage[], history: { calls: GeneratedToolCall[]; results: Json[] }[]): PromptMessage[] {
  const messages = [...first];
  for (const { calls, results } of history) {
    messages.push({ role: 'assistant', content: calls.map((call) => ({ type: 'tool-call' as const, ...call })) });
    results.forEach((result, index) => messages.push({ role: 'tool', toolCallId: calls[index]!.id, content: [{ type: 'text', text: JSON.stringify(result['functionResponse'].response) }] }));
  }
  return messages;
}

for (const conversation of RECORDED_CONVERSATIONS) {
  t.test(`${conversation.file}: every turn sends what the recorded client sent`, async (t) => {
    const recorded = cassette(conversation.file);
    const upstream = await fakeUpstream(recorded);
    t.teardown(() => upstream.close());
    const model = (await geminiAt(upstream.baseURL)).languageModel(conversation.model);
    const history: { calls: GeneratedToolCall[]; results: Json[] }[] = [];
    for (const [turn, interaction] of recorded.entries()) {
      const options = { messages: promptFor(conversation.first, history), tools: conversation.tools };
      let calls: GeneratedToolCall[];
      let text: string;
      if (conversation.stream) {
        const summary = summarize(await collect((await model.stream(options)).stream));
        calls = summary.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments }));
        text = summary.text;
      } else {
        const choice = (await model.generate(options)).choices[0]!;
        calls = [...choice.toolCalls];
        text = choice.text ?? '';
      }
      const sent = upstream.requests[turn]!.json as Json;
      const wanted = interaction.request.body as Json;
      t.same(normalizeContents(sent['contents']), normalizeContents(wanted['contents']), `turn ${turn + 1}: contents`);
      if (wanted['systemInstruction'] !== undefined) t.same(sent['systemInstruction'].parts, wanted['systemInstruction'].parts, `turn ${turn + 1}: system instruction`);
      t.match(upstream.requests[turn]!.url, conversation.stream ? /:streamGenerateContent\?alt=sse$/ : /:generateContent$/, `turn ${turn + 1}: endpoint`);
      // Calls and their results are paired by id in what goes upstream.
      const sentParts = (sent['contents'] as Json[]).flatMap((content) => content['parts'] as Json[]);
      const callIds = sentParts.filter((part) => part['functionCall']).map((part) => part['functionCall'].id);
      const resultIds = sentParts.filter((part) => part['functionResponse']).map((part) => part['functionResponse'].id);
      t.same(resultIds, callIds, `turn ${turn + 1}: results answer the calls by id`);
      const next = recorded[turn + 1];
      if (next !== undefined) {
        const results = recordedResults(next.request.body);
        t.equal(calls.length, results.length, `turn ${turn + 1}: one call per recorded result`);
        history.push({ calls, results });
      } else if (conversation.finalText !== undefined) t.equal(text, conversation.finalText, 'final answer');
    }
    t.equal(upstream.requests.length, recorded.length, 'one upstream call per turn');
  });
}
