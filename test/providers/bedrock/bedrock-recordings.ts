/**
 * Reads the Bedrock recordings into what tests compare against: the expected answer (as an
 * OutputDigest, computed from the recorded events or body), the neutral call options a client
 * would have sent for each recorded request, and request bodies normalised for comparison.
 */
import type { AssistantContentPart, CallOptions, FunctionTool, PromptMessage, ToolChoice } from '../../../sdk/index.js';
import type { OutputDigest } from '../../helpers/openai-output-digest.js';
import { decodeEvents, EVENT_STREAM_CONTENT_TYPE } from '../../helpers/bedrock-event-stream.js';
import { cassette, type FakeReply } from '../../helpers/recorded-fixtures.js';

type Json = Record<string, any>;

/** Converse stop reasons as an OpenAI client sees them (the expected side, written independently). */
export const EXPECTED_FINISH: Readonly<Record<string, string>> = { end_turn: 'stop', stop_sequence: 'stop', tool_use: 'tool_calls', max_tokens: 'length', guardrail_intervened: 'content_filter', content_filtered: 'content_filter' };

function usageDigest(usage: Json | undefined): OutputDigest['usage'] {
  if (!usage) return undefined;
  const prompt = usage['inputTokens'] + (usage['cacheReadInputTokens'] ?? 0) + (usage['cacheWriteInputTokens'] ?? 0);
  // Bedrock's own total must agree with prompt + completion.
  return { prompt, completion: usage['outputTokens'], total: usage['totalTokens'] };
}

/** The answer a stream of `{"<eventType>": payload}` events carries. */
export function digestEvents(events: readonly Json[]): OutputDigest {
  const digest: OutputDigest = { text: '', reasoning: '', toolCalls: [], finishReason: null };
  const calls = new Map<number, OutputDigest['toolCalls'][number]>();
  for (const event of events) {
    const start = event['contentBlockStart'];
    if (start?.start?.toolUse) {
      const call = { id: start.start.toolUse.toolUseId, name: start.start.toolUse.name, arguments: '' };
      calls.set(start.contentBlockIndex, call);
      digest.toolCalls.push(call);
    }
    const delta = event['contentBlockDelta'];
    if (delta?.delta?.text !== undefined) digest.text += delta.delta.text;
    if (delta?.delta?.reasoningContent?.text !== undefined) digest.reasoning += delta.delta.reasoningContent.text;
    if (delta?.delta?.toolUse) calls.get(delta.contentBlockIndex)!.arguments += delta.delta.toolUse.input;
    if (event['messageStop']) digest.finishReason = EXPECTED_FINISH[event['messageStop'].stopReason] ?? null;
    if (event['metadata']) digest.usage = usageDigest(event['metadata'].usage);
  }
  return digest;
}

/** The answer of a Converse response body. */
export function digestConverse(body: Json): OutputDigest {
  const digest: OutputDigest = { text: '', reasoning: '', toolCalls: [], finishReason: EXPECTED_FINISH[body['stopReason']] ?? null, usage: usageDigest(body['usage']) };
  for (const block of body['output']['message']['content'] as Json[]) {
    if (block['text'] !== undefined) digest.text += block['text'];
    if (block['reasoningContent']?.reasoningText) digest.reasoning += block['reasoningContent'].reasoningText.text;
    if (block['toolUse']) digest.toolCalls.push({ id: block['toolUse'].toolUseId, name: block['toolUse'].name, arguments: JSON.stringify(block['toolUse'].input) });
  }
  return digest;
}

/** One recorded turn: the fake upstream's reply, the request the recorded client sent, the expected answer. */
export interface RecordedTurn {
  readonly reply: FakeReply;
  readonly request: Json;
  readonly streamed: boolean;
  readonly expected: OutputDigest;
  /** The model id in the recorded URL, decoded. */
  readonly modelId: string;
  /** The recorded URL path (`/model/us.amazon.nova-micro-v1%3A0/converse`). */
  readonly path: string;
}

/** Every turn of a bedrock cassette. */
export function recordedTurns(file: string): RecordedTurn[] {
  return cassette(file).map((recorded) => {
    const streamed = recorded.contentType.includes('eventstream');
    const body = recorded.body;
    const expected = streamed ? digestEvents(decodeEvents(body as Buffer)) : digestConverse(JSON.parse(body.toString()) as Json);
    const modelId = decodeURIComponent(/\/model\/([^/]+)\//.exec(recorded.request.uri)?.[1] ?? '');
    const reply: FakeReply = streamed ? { contentType: EVENT_STREAM_CONTENT_TYPE, body } : { status: recorded.status, contentType: recorded.contentType, body };
    return { reply, request: recorded.request.body as Json, streamed, expected, modelId, path: new URL(recorded.request.uri).pathname };
  });
}

/**
 * The neutral call options a client would send to get `request` (a recorded Converse body):
 * the test-side reverse of the plugin's translation. Extra model fields go as `extraBody`.
 */
export function toCallOptions(request: Json): CallOptions {
  const messages: PromptMessage[] = (request['system'] ?? []).map((block: Json) => ({ role: 'system', content: block['text'] }));
  for (const message of request['messages'] as Json[]) {
    if (message['role'] === 'assistant') {
      const content: AssistantContentPart[] = (message['content'] as Json[]).map((block) => {
        if (block['reasoningContent']) return { type: 'reasoning', text: block['reasoningContent'].reasoningText.text, signature: block['reasoningContent'].reasoningText.signature };
        if (block['toolUse']) return { type: 'tool-call', id: block['toolUse'].toolUseId, name: block['toolUse'].name, arguments: JSON.stringify(block['toolUse'].input) };
        return { type: 'text', text: block['text'] };
      });
      messages.push({ role: 'assistant', content });
      continue;
    }
    for (const block of message['content'] as Json[]) {
      if (block['toolResult']) messages.push({ role: 'tool', toolCallId: block['toolResult'].toolUseId, content: [{ type: 'text', text: block['toolResult'].content[0].text }] });
      else messages.push({ role: 'user', content: [{ type: 'text', text: block['text'] }] });
    }
  }
  const inference = request['inferenceConfig'] ?? {};
  const tools: FunctionTool[] | undefined = request['toolConfig']?.tools.map((tool: Json) => ({
    type: 'function',
    name: tool['toolSpec'].name,
    ...(tool['toolSpec'].description !== undefined ? { description: tool['toolSpec'].description } : {}),
    parameters: tool['toolSpec'].inputSchema.json,
  }));
  const choice = request['toolConfig']?.toolChoice;
  const toolChoice: ToolChoice | undefined = choice?.auto ? { type: 'auto' } : choice?.any ? { type: 'required' } : choice?.tool ? { type: 'tool', name: choice.tool.name } : undefined;
  return {
    messages,
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { toolChoice } : {}),
    ...(inference['temperature'] !== undefined ? { temperature: inference['temperature'] } : {}),
    ...(inference['topP'] !== undefined ? { topP: inference['topP'] } : {}),
    ...(inference['maxTokens'] !== undefined ? { maxOutputTokens: inference['maxTokens'] } : {}),
    ...(request['additionalModelRequestFields'] ? { extraBody: request['additionalModelRequestFields'] } : {}),
  };
}

/**
 * A Converse body with what does not change its meaning removed, so the gateway's body and a
 * recorded one compare field by field: empty `system` and `inferenceConfig`, and tool results'
 * `status`, which OpenAI tool messages cannot express.
 */
export function normalizeConverseBody(body: Json): Json {
  const copy = structuredClone(body);
  if (Array.isArray(copy['system']) && copy['system'].length === 0) delete copy['system'];
  if (copy['inferenceConfig'] && Object.keys(copy['inferenceConfig']).length === 0) delete copy['inferenceConfig'];
  for (const message of copy['messages'] ?? []) for (const block of message['content'] ?? []) if (block['toolResult']) delete block['toolResult'].status;
  return copy;
}
