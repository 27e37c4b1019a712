/**
 * The Google recordings in `../shared/fixtures/recorded/google`, with what each must produce:
 * shared by the plugin-level replays and the replays through the whole gateway. Text and
 * thoughts are read from the recording; tool calls, finish reasons and usage are written out by
 * hand (completion = candidates + thoughts, see plugins/provider-google/to-gemini-usage.ts).
 */
import type { FunctionTool, PromptMessage } from '../../../sdk/index.js';
import { toBase64 } from '../../../plugins/provider-google/tool-call-id.js';
import { cassette, readRecorded, recordedJson, sseFrames, type FakeReply } from '../../helpers/recorded-fixtures.js';
import { sseJsonPayloads } from '../../helpers/openai-output-digest.js';

/** A parsed JSON object from a recording. */
export type Json = Record<string, any>;

/** What a single-turn recording must produce. */
export interface RecordedExpectation {
  readonly toolCalls: readonly { name: string; args: Json }[];
  readonly finish: 'stop' | 'tool_calls';
  readonly usage: { promptTokens: number; completionTokens: number; totalTokens: number; reasoningTokens: number };
}

/** One single-turn recording, ready to serve. */
export interface RecordedCase {
  readonly file: string;
  /** Recorded against Vertex AI (chunks carry `createTime` / `trafficType`). */
  readonly vertex: boolean;
  readonly stream: boolean;
  /** The recorded `GenerateContentResponse`s (one, or one per stream event). */
  readonly responses: Json[];
  readonly reply: FakeReply;
  readonly expected: RecordedExpectation;
}

const chunkLines = (file: string): Json[] => readRecorded(file).split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Json);
const usage = (promptTokens: number, completionTokens: number, totalTokens: number, reasoningTokens: number) => ({ promptTokens, completionTokens, totalTokens, reasoningTokens });

function jsonCase(file: string, expected: RecordedExpectation): RecordedCase {
  return { file, vertex: false, stream: false, responses: [recordedJson<Json>(file)], reply: { contentType: 'application/json', body: readRecorded(file) }, expected };
}
function chunksCase(file: string, expected: RecordedExpectation, vertex = false): RecordedCase {
  return { file, vertex, stream: true, responses: chunkLines(file), reply: { contentType: 'text/event-stream', frames: sseFrames(file, 'gemini') }, expected };
}
function sseCassetteCase(file: string, expected: RecordedExpectation): RecordedCase {
  const body = cassette(file)[0]!.body.toString();
  return { file, vertex: false, stream: true, responses: sseJsonPayloads(body), reply: { contentType: 'text/event-stream', frames: [body] }, expected };
}

/** Every single-turn Google recording. */
export const RECORDED_CASES: readonly RecordedCase[] = [
  jsonCase('google/google-text.json', { finish: 'stop', toolCalls: [], usage: usage(9, 272, 281, 244) }),
  jsonCase('google/google-reasoning.json', { finish: 'stop', toolCalls: [], usage: usage(9, 311, 320, 282) }),
  jsonCase('google/google-tool-call.json', { finish: 'tool_calls', toolCalls: [{ name: 'weather', args: { location: 'San Francisco' } }], usage: usage(29, 908, 937, 893) }),
  chunksCase('google/google-text.chunks.txt', { finish: 'stop', toolCalls: [], usage: usage(9, 208, 217, 185) }),
  chunksCase('google/google-reasoning.chunks.txt', { finish: 'stop', toolCalls: [], usage: usage(9, 285, 294, 256) }),
  chunksCase('google/google-tool-call.chunks.txt', { finish: 'tool_calls', toolCalls: [{ name: 'weather', args: { location: 'San Francisco' } }], usage: usage(29, 60, 89, 45) }),
  chunksCase(
    'google/google-stream-no-args-tool-call.chunks.txt',
    { finish: 'tool_calls', toolCalls: [{ name: 'read_theme', args: {} }, { name: 'read_screen', args: { id: 'A' } }, { name: 'read_screen', args: { id: 'B' } }, { name: 'read_screen', args: { id: 'C' } }], usage: usage(249, 241, 490, 183) },
    true,
  ),
  chunksCase(
    'google/google-stream-tool-call-arguments.chunks.txt',
    { finish: 'tool_calls', toolCalls: [{ name: 'getWeather', args: { location: 'Boston' } }, { name: 'getWeather', args: { location: 'San Francisco' } }], usage: usage(26, 155, 181, 132) },
    true,
  ),
  sseCassetteCase('google/stream-thinking.cassette.yaml', { finish: 'stop', toolCalls: [], usage: usage(34, 1256, 1290, 787) }),
];

/** The parts of candidate 0 across all responses. */
export const partsOf = (responses: readonly Json[]): Json[] => responses.flatMap((response) => (response['candidates']?.[0]?.content?.parts ?? []) as Json[]);
/** The answer text: non-thought text parts, joined. */
export const textOf = (responses: readonly Json[]): string => partsOf(responses).filter((part) => typeof part['text'] === 'string' && part['thought'] !== true).map((part) => part['text']).join('');
/** The thought summaries, joined. */
export const thoughtsOf = (responses: readonly Json[]): string => partsOf(responses).filter((part) => part['thought'] === true).map((part) => part['text']).join('');
/** The signatures the recording put on its function calls, one entry per call. */
export const callSignaturesOf = (responses: readonly Json[]): (string | undefined)[] => partsOf(responses).filter((part) => part['functionCall']?.name).map((part) => part['thoughtSignature']);

/** Gemini `contents` without client-chosen ids, signatures in one base64 spelling: what must match a recorded request. */
export function normalizeContents(contents: readonly Json[]): Json[] {
  return contents.map((content) => ({
    role: content['role'],
    parts: (content['parts'] as Json[]).map((part) => {
      const out: Json = {};
      if (part['text'] !== undefined) out['text'] = part['text'];
      if (part['functionCall'] !== undefined) out['functionCall'] = { name: part['functionCall'].name, args: part['functionCall'].args ?? {} };
      if (part['functionResponse'] !== undefined) out['functionResponse'] = { name: part['functionResponse'].name, response: part['functionResponse'].response };
      if (part['thoughtSignature'] !== undefined) out['thoughtSignature'] = toBase64(part['thoughtSignature']);
      return out;
    }),
  }));
}

/** The recorded function results the client sent with turn `turn + 1` (the last content of that request). */
export function recordedResults(requestBody: unknown): Json[] {
  const contents = (requestBody as Json)['contents'] as Json[];
  return (contents[contents.length - 1]!['parts'] as Json[]).filter((part) => part['functionResponse']);
}

/** A multi-turn recording: the first request's messages and tools, in neutral form. */
export interface RecordedConversation {
  readonly file: string;
  readonly stream: boolean;
  readonly model: string;
  readonly first: PromptMessage[];
  readonly tools: FunctionTool[];
  readonly finalText?: string;
}

const object = (properties: Json = {}): Json => ({ type: 'object', properties });

/** Every multi-turn Google recording. */
export const RECORDED_CONVERSATIONS: readonly RecordedConversation[] = [
  {
    file: 'google/parallel-function-calls.cassette.yaml',
    stream: false,
    model: 'gemini-3-flash-preview',
    first: [{ role: 'system', content: 'Tell three jokes. Generate topics with the generate_topic tool.' }, { role: 'user', content: [{ type: 'text', text: '' }] }],
    tools: [{ type: 'function', name: 'generate_topic', parameters: object() }, { type: 'function', name: 'final_result', parameters: object({ response: { type: 'array', items: { type: 'string' } } }) }],
  },
  {
    file: 'google/stream-function-call.cassette.yaml',
    stream: true,
    model: 'gemini-2.0-flash',
    first: [{ role: 'system', content: 'You are a helpful chatbot.' }, { role: 'user', content: [{ type: 'text', text: 'What is the temperature of the capital of France?' }] }],
    tools: [{ type: 'function', name: 'get_capital', parameters: object({ country: { type: 'string' } }) }, { type: 'function', name: 'get_temperature', parameters: object({ city: { type: 'string' } }) }],
    finalText: 'The temperature in Paris is 30°C.\n',
  },
  {
    file: 'google/stream-function-call-thought-signature.cassette.yaml',
    stream: true,
    model: 'gemini-3-pro-preview',
    first: [{ role: 'user', content: [{ type: 'text', text: 'What is the capital of the user country? Call the tool' }] }],
    tools: [{ type: 'function', name: 'get_country', parameters: object() }],
    finalText: 'The capital of Mexico is Mexico City.',
  },
];
