import type { CallOptions, ToolChoice, ResponseFormat } from '../provider/call-options.js';
import type { CallWarning } from '../provider/language-model.js';
import type { AssistantMessage, PromptMessage, UserContentPart } from '../provider/prompt.js';
import type { OpenAIChatContentPart, OpenAIChatMessage, OpenAIChatRequestBody, OpenAIChatToolCall } from './openai-chat-types.js';

/** How one upstream spells the parts of the request that vary between OpenAI-compatible servers. */
export interface OpenAIChatRequestDialect {
  /** Field for `maxOutputTokens`: OpenAI wants `max_completion_tokens`, most compatible servers `max_tokens`. */
  readonly maxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /** Role for developer instructions; servers that do not know `developer` need `system`. */
  readonly developerRole?: 'developer' | 'system';
  /** Assistant-message field that carries earlier reasoning back (DeepSeek `reasoning_content`, Ollama `reasoning`); omitted when unset. */
  readonly reasoningField?: string;
  /** Top-level body fields this upstream rejects; they are removed (with a warning when the caller set them). */
  readonly dropParameters?: readonly string[];
  /** Top-level body fields this upstream spells differently, for example `{ seed: 'random_seed' }`. */
  readonly renameParameters?: Readonly<Record<string, string>>;
}

/** A translated request: the exact upstream body and what could not be honoured. */
export interface OpenAIChatRequest {
  readonly body: OpenAIChatRequestBody;
  readonly warnings: readonly CallWarning[];
}

/** Fields the kit adds on its own; dropping them is not the caller's concern. */
const INTERNAL_FIELDS = new Set(['stream', 'stream_options']);

/**
 * Translates provider-neutral call options into an OpenAI chat completions body. `extraBody`
 * is merged last so callers can override anything, including fields a dialect drops.
 */
export function toOpenAIChatRequest(modelId: string, options: CallOptions, settings: { readonly stream: boolean; readonly dialect?: OpenAIChatRequestDialect }): OpenAIChatRequest {
  const dialect = settings.dialect ?? {};
  const body: OpenAIChatRequestBody = { model: modelId, messages: options.messages.map((message) => toOpenAIChatMessage(message, dialect)) };
  if (settings.stream) {
    body.stream = true;
    // Usage is always requested: the gateway accounts for every streamed call.
    body.stream_options = { include_usage: true };
  }
  if (options.tools !== undefined && options.tools.length > 0) {
    body.tools = options.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        ...(tool.parameters !== undefined ? { parameters: tool.parameters } : {}),
        ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
      },
    }));
  }
  // Plain statements, not a helper per field: this runs on every request.
  if (options.toolChoice !== undefined) body.tool_choice = toOpenAIToolChoice(options.toolChoice);
  if (options.parallelToolCalls !== undefined) body.parallel_tool_calls = options.parallelToolCalls;
  if (options.responseFormat !== undefined) body.response_format = toOpenAIResponseFormat(options.responseFormat);
  if (options.temperature !== undefined) body.temperature = options.temperature;
  if (options.topP !== undefined) body.top_p = options.topP;
  if (options.maxOutputTokens !== undefined) body[dialect.maxTokensField ?? 'max_completion_tokens'] = options.maxOutputTokens;
  if (options.stop !== undefined) body.stop = [...options.stop];
  if (options.seed !== undefined) body.seed = options.seed;
  if (options.frequencyPenalty !== undefined) body.frequency_penalty = options.frequencyPenalty;
  if (options.presencePenalty !== undefined) body.presence_penalty = options.presencePenalty;
  if (options.n !== undefined) body.n = options.n;
  if (options.logprobs !== undefined) body.logprobs = options.logprobs;
  if (options.topLogprobs !== undefined) body.top_logprobs = options.topLogprobs;
  if (options.reasoningEffort !== undefined) body.reasoning_effort = options.reasoningEffort;
  if (options.user !== undefined) body.user = options.user;
  if (options.metadata !== undefined) body.metadata = { ...options.metadata };

  const warnings: CallWarning[] = [];
  if (dialect.dropParameters === undefined && dialect.renameParameters === undefined && options.extraBody === undefined) return { body, warnings };
  for (const field of dialect.dropParameters ?? []) {
    if (!(field in body)) continue;
    delete body[field];
    if (!INTERNAL_FIELDS.has(field)) warnings.push({ parameter: field, message: `This provider does not accept '${field}'; it was not sent.` });
  }
  for (const [from, to] of Object.entries(dialect.renameParameters ?? {})) {
    if (!(from in body)) continue;
    body[to] = body[from];
    delete body[from];
  }
  if (options.extraBody !== undefined) Object.assign(body, options.extraBody);
  return { body, warnings };
}

/** Translates one prompt message. */
export function toOpenAIChatMessage(message: PromptMessage, dialect: OpenAIChatRequestDialect = {}): OpenAIChatMessage {
  switch (message.role) {
    case 'system': {
      const role = message.developer === true ? (dialect.developerRole ?? 'developer') : 'system';
      return { role, content: message.content, ...(message.name !== undefined ? { name: message.name } : {}) };
    }
    case 'user': {
      const [first] = message.content;
      // A lone text part goes as a plain string: every compatible server accepts that form.
      const content = message.content.length === 1 && first?.type === 'text' ? first.text : message.content.map(toOpenAIContentPart);
      return { role: 'user', content, ...(message.name !== undefined ? { name: message.name } : {}) };
    }
    case 'assistant':
      return toOpenAIAssistantMessage(message, dialect);
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content.map((part) => part.text).join('') };
  }
}

function toOpenAIAssistantMessage(message: AssistantMessage, dialect: OpenAIChatRequestDialect): OpenAIChatMessage {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: OpenAIChatToolCall[] = [];
  for (const part of message.content) {
    if (part.type === 'text') texts.push(part.text);
    else if (part.type === 'reasoning') reasoning.push(part.text);
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  return {
    role: 'assistant',
    content: texts.length > 0 ? texts.join('') : null,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(message.refusal !== undefined ? { refusal: message.refusal } : {}),
    ...(message.name !== undefined ? { name: message.name } : {}),
    ...(dialect.reasoningField !== undefined && reasoning.length > 0 ? { [dialect.reasoningField]: reasoning.join('') } : {}),
  };
}

function toOpenAIContentPart(part: UserContentPart): OpenAIChatContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image':
      return { type: 'image_url', image_url: { url: part.url, ...(part.detail !== undefined ? { detail: part.detail } : {}) } };
    case 'audio':
      return { type: 'input_audio', input_audio: { data: part.data, format: part.format } };
    case 'file': {
      // OpenAI reads inline files as data URLs; the prompt carries bare base64.
      const fileData = part.data === undefined ? undefined : part.data.startsWith('data:') ? part.data : `data:${part.mediaType ?? 'application/octet-stream'};base64,${part.data}`;
      return {
        type: 'file',
        file: {
          ...(fileData !== undefined ? { file_data: fileData } : {}),
          ...(part.fileId !== undefined ? { file_id: part.fileId } : {}),
          ...(part.filename !== undefined ? { filename: part.filename } : {}),
        },
      };
    }
  }
}

function toOpenAIToolChoice(choice: ToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

function toOpenAIResponseFormat(format: ResponseFormat): unknown {
  if (format.type !== 'json_schema') return { type: format.type };
  return {
    type: 'json_schema',
    json_schema: {
      name: format.name,
      ...(format.description !== undefined ? { description: format.description } : {}),
      ...(format.schema !== undefined ? { schema: format.schema } : {}),
      ...(format.strict !== undefined ? { strict: format.strict } : {}),
    },
  };
}
