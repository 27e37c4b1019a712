import type { RouteOverrides } from '../../core/routing/route-types.js';
import type { CallOptions, FunctionTool, ResponseFormat, ToolChoice } from '../../sdk/index.js';
import { InvalidRequestError } from '../../sdk/index.js';
import { FieldReader, invalidField, isObject, type JsonObject } from './field-reader.js';
import { parseChatMessages } from './parse-chat-messages.js';
import { parseRoutingFields } from './parse-routing-fields.js';

/** A validated chat completion request. */
export interface ChatRequest {
  readonly model: string;
  readonly stream: boolean;
  /** `stream_options.include_usage`: send a final usage chunk. */
  readonly includeUsage: boolean;
  /** LiteLLM's `mock_response`: answer with this text, call no upstream. */
  readonly mockResponse?: string;
  readonly options: Omit<CallOptions, 'signal' | 'headers'>;
  /** The gateway's routing fields (`num_retries`, `timeout`, `fallbacks`, ...). */
  readonly routing: RouteOverrides;
}

/** Fields the gateway itself consumes; never forwarded upstream. */
const GATEWAY_FIELDS = new Set(['mock_response', 'drop_params', 'num_retries', 'fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks', 'timeout', 'stream_timeout']);

/** Fields translated into {@link CallOptions}; everything else is passed through as `extraBody`. */
const TRANSLATED_FIELDS = new Set([
  'model', 'messages', 'stream', 'stream_options', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'stop',
  'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'seed', 'user', 'logprobs', 'top_logprobs', 'n',
  'frequency_penalty', 'presence_penalty', 'reasoning_effort', 'metadata',
]);

function parseTools(value: unknown[] | undefined): FunctionTool[] | undefined {
  if (!value) return undefined;
  return value.map((tool, index) => {
    const param = `tools[${index}]`;
    if (!isObject(tool)) invalidField(param, 'a tool object', tool);
    const reader = new FieldReader(tool, param);
    const type = reader.requiredString('type');
    if (type !== 'function') invalidField(`${param}.type`, "'function'", type);
    const fn = reader.object_('function');
    if (!fn) throw new InvalidRequestError({ message: `Missing required parameter: '${param}.function'.`, param: `${param}.function` });
    const fnReader = new FieldReader(fn, `${param}.function`);
    const name = fnReader.requiredString('name');
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) invalidField(`${param}.function.name`, 'a name of letters, digits, underscores or dashes (at most 64)', name);
    const description = fnReader.string('description');
    const parameters = fnReader.object_('parameters');
    const strict = fnReader.boolean('strict');
    return { type: 'function' as const, name, ...(description !== undefined ? { description } : {}), ...(parameters ? { parameters } : {}), ...(strict !== undefined ? { strict } : {}) };
  });
}

function parseToolChoice(value: unknown, tools: FunctionTool[] | undefined): ToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  if (isObject(value)) {
    const reader = new FieldReader(value, 'tool_choice');
    const fn = reader.object_('function');
    if (reader.string('type') === 'function' && fn) {
      const name = new FieldReader(fn, 'tool_choice.function').requiredString('name');
      if (!tools?.some((tool) => tool.name === name)) throw new InvalidRequestError({ message: `Invalid value for 'tool_choice': no tool named '${name}' in 'tools'.`, param: 'tool_choice' });
      return { type: 'tool', name };
    }
  }
  return invalidField('tool_choice', "'none', 'auto', 'required' or {\"type\": \"function\", \"function\": {\"name\": …}}", value);
}

function parseResponseFormat(value: JsonObject | undefined): ResponseFormat | undefined {
  if (!value) return undefined;
  const reader = new FieldReader(value, 'response_format');
  const type = reader.oneOf('type', ['text', 'json_object', 'json_schema'] as const);
  if (type === undefined) throw new InvalidRequestError({ message: "Missing required parameter: 'response_format.type'.", param: 'response_format.type' });
  if (type !== 'json_schema') return { type };
  const schema = reader.object_('json_schema');
  if (!schema) throw new InvalidRequestError({ message: "Missing required parameter: 'response_format.json_schema'.", param: 'response_format.json_schema' });
  const schemaReader = new FieldReader(schema, 'response_format.json_schema');
  const description = schemaReader.string('description');
  const body = schemaReader.object_('schema');
  const strict = schemaReader.boolean('strict');
  return { type, name: schemaReader.requiredString('name'), ...(description !== undefined ? { description } : {}), ...(body ? { schema: body } : {}), ...(strict !== undefined ? { strict } : {}) };
}

function parseStop(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return invalidField('stop', 'a string or an array of strings', value);
}

function parseMetadata(value: JsonObject | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  for (const [key, entry] of Object.entries(value)) if (typeof entry !== 'string') invalidField(`metadata.${key}`, 'a string', entry);
  return value as Record<string, string>;
}

/** Validates an OpenAI chat completion body and converts it into neutral call options. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isObject(body)) invalidField('body', 'a JSON object', body);
  const reader = new FieldReader(body, '');
  const model = reader.requiredString('model');
  const messages = parseChatMessages(body['messages']);
  const stream = reader.boolean('stream') ?? false;
  const streamOptions = reader.object_('stream_options');
  const includeUsage = streamOptions ? new FieldReader(streamOptions, 'stream_options').boolean('include_usage') ?? false : false;
  const tools = parseTools(reader.array('tools'));
  const maxCompletionTokens = reader.number('max_completion_tokens', { min: 1, integer: true });
  const maxTokens = reader.number('max_tokens', { min: 1, integer: true });
  const mockResponse = reader.string('mock_response');
  let extraBody: Record<string, unknown> | undefined;
  for (const key in body) {
    const value = body[key];
    if (value !== undefined && !TRANSLATED_FIELDS.has(key) && !GATEWAY_FIELDS.has(key)) (extraBody ??= {})[key] = value;
  }
  // Only the fields the request sets: an options object with undefined holes (or one turned into
  // a dictionary by `delete`) is slower to read in every provider downstream.
  const options: Writable<Omit<CallOptions, 'signal' | 'headers'>> = { messages };
  const set = <K extends keyof typeof options>(key: K, value: (typeof options)[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set('tools', tools);
  set('toolChoice', parseToolChoice(body['tool_choice'], tools));
  set('parallelToolCalls', reader.boolean('parallel_tool_calls'));
  set('responseFormat', parseResponseFormat(reader.object_('response_format')));
  set('temperature', reader.number('temperature', { min: 0, max: 2 }));
  set('topP', reader.number('top_p', { min: 0, max: 1 }));
  set('maxOutputTokens', maxCompletionTokens ?? maxTokens);
  if (maxCompletionTokens === undefined && maxTokens !== undefined) options.maxTokensLegacy = true;
  set('stop', parseStop(body['stop']));
  set('seed', reader.number('seed', { integer: true }));
  set('frequencyPenalty', reader.number('frequency_penalty', { min: -2, max: 2 }));
  set('presencePenalty', reader.number('presence_penalty', { min: -2, max: 2 }));
  set('n', reader.number('n', { min: 1, max: 128, integer: true }));
  set('logprobs', reader.boolean('logprobs'));
  set('topLogprobs', reader.number('top_logprobs', { min: 0, max: 20, integer: true }));
  set('reasoningEffort', reader.string('reasoning_effort'));
  set('user', reader.string('user'));
  set('metadata', parseMetadata(reader.object_('metadata')));
  if (stream) options.includeUsage = true;
  set('dropUnsupportedParams', reader.boolean('drop_params'));
  set('extraBody', extraBody);
  const routing = parseRoutingFields(body);
  return mockResponse !== undefined ? { model, stream, includeUsage, mockResponse, options, routing } : { model, stream, includeUsage, options, routing };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };
