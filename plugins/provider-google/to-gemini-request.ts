import type { Content, FunctionCallingConfigMode, FunctionDeclaration, GenerateContentConfig, ToolConfig } from '@google/genai';
import type { CallOptions, CallWarning, FunctionTool, ResponseFormat, ToolChoice } from '../../sdk/index.js';
import { CallWarnings } from './call-warnings.js';
import { cleanJsonSchema } from './clean-json-schema.js';
import { toGeminiContents } from './to-gemini-contents.js';
import { toThinkingConfig } from './to-thinking-config.js';

/** Which Google API the request goes to; a few fields exist on one only. */
export interface GeminiBackend {
  readonly vertex: boolean;
}

/** A translated request: what the SDK's `generateContent` takes, and what could not be honoured. */
export interface GeminiRequest {
  readonly contents: Content[];
  /** Everything but the per-call `abortSignal` and `httpOptions`. */
  readonly config: GenerateContentConfig;
  readonly warnings: readonly CallWarning[];
}

const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;

/**
 * Translates neutral call options into a Gemini `generateContent` request. Parameters Gemini
 * cannot honour are dropped with a warning, or rejected with a 400 when the caller sent
 * `drop_params: false`: `parallel_tool_calls: false`, `logprobs`, `user`, `metadata` on the Gemini
 * API (on Vertex AI it becomes request `labels`), `strict` tools, image `detail`, message `name`s,
 * untranslated extra body fields and unsupported JSON Schema keywords.
 */
export function toGeminiRequest(modelId: string, options: CallOptions, backend: GeminiBackend): GeminiRequest {
  const warnings = new CallWarnings(options.dropUnsupportedParams);
  const model = modelId.slice(modelId.lastIndexOf('/') + 1);
  const prompt = toGeminiContents(options.messages, warnings, { signaturesRequired: /^gemini-3/.test(model) });
  const config: GenerateContentConfig = {
    // One upstream call per request: the gateway's router owns retries and continuations.
    automaticContinuation: false,
    ...(prompt.systemInstruction !== undefined ? { systemInstruction: prompt.systemInstruction } : {}),
  };
  const hasTools = options.tools !== undefined && options.tools.length > 0;
  if (hasTools) config.tools = [{ functionDeclarations: options.tools!.map((tool, index) => toFunctionDeclaration(tool, index, warnings)) }];
  if (hasTools && options.toolChoice !== undefined) config.toolConfig = toToolConfig(options.toolChoice);
  if (options.parallelToolCalls === false) warnings.add('parallel_tool_calls', 'Gemini cannot be limited to one tool call per turn; parallel_tool_calls: false was not applied.');
  if (options.responseFormat !== undefined) Object.assign(config, toResponseFormat(options.responseFormat, warnings));
  if (options.temperature !== undefined) config.temperature = options.temperature;
  if (options.topP !== undefined) config.topP = options.topP;
  if (options.maxOutputTokens !== undefined) config.maxOutputTokens = options.maxOutputTokens;
  if (options.stop !== undefined && options.stop.length > 0) config.stopSequences = [...options.stop];
  if (options.seed !== undefined) config.seed = options.seed;
  if (options.frequencyPenalty !== undefined) config.frequencyPenalty = options.frequencyPenalty;
  if (options.presencePenalty !== undefined) config.presencePenalty = options.presencePenalty;
  if (options.n !== undefined && options.n > 1) config.candidateCount = options.n;
  if (options.logprobs === true || options.topLogprobs !== undefined) warnings.add(options.logprobs === true ? 'logprobs' : 'top_logprobs', 'Log probabilities are not translated for Gemini; they were not requested.');
  if (options.reasoningEffort !== undefined) {
    const thinkingConfig = toThinkingConfig(modelId, options.reasoningEffort, warnings);
    if (thinkingConfig !== undefined) config.thinkingConfig = thinkingConfig;
  }
  if (options.user !== undefined) warnings.add('user', 'Gemini has no end-user identifier; user was not sent.');
  if (options.metadata !== undefined) {
    if (backend.vertex) {
      const labels = toLabels(options.metadata, warnings);
      if (Object.keys(labels).length > 0) config.labels = labels;
    } else warnings.add('metadata', 'The Gemini API has no request metadata; metadata was not sent (Vertex AI sends it as labels).');
  }
  for (const key of Object.keys(options.extraBody ?? {})) warnings.add(key, `'${key}' is not an OpenAI parameter Switchyard translates for Gemini; it was not sent.`);
  return { contents: prompt.contents, config, warnings: warnings.list };
}

function toFunctionDeclaration(tool: FunctionTool, index: number, warnings: CallWarnings): FunctionDeclaration {
  const param = `tools[${index}].function`;
  if (tool.strict === true) warnings.add(`${param}.strict`, 'Gemini does not enforce tool schemas strictly; strict was not applied.');
  return {
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    ...(tool.parameters !== undefined ? { parametersJsonSchema: cleanJsonSchema(tool.parameters, `${param}.parameters`, warnings) } : {}),
  };
}

/** The SDK's string enum member by its value, so translation runs without loading the SDK. */
const callingMode = (value: `${FunctionCallingConfigMode}`): FunctionCallingConfigMode => value as FunctionCallingConfigMode;

function toToolConfig(choice: ToolChoice): ToolConfig {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: callingMode('AUTO') } };
    case 'none':
      return { functionCallingConfig: { mode: callingMode('NONE') } };
    case 'required':
      return { functionCallingConfig: { mode: callingMode('ANY') } };
    case 'tool':
      return { functionCallingConfig: { mode: callingMode('ANY'), allowedFunctionNames: [choice.name] } };
  }
}

/** Native structured output: a JSON MIME type, and the cleaned schema for `json_schema`. */
function toResponseFormat(format: ResponseFormat, warnings: CallWarnings): Partial<GenerateContentConfig> {
  if (format.type === 'text') return {};
  if (format.type === 'json_object' || format.schema === undefined) return { responseMimeType: 'application/json' };
  return { responseMimeType: 'application/json', responseJsonSchema: cleanJsonSchema(format.schema, 'response_format.json_schema.schema', warnings) };
}

/** Vertex AI labels: lower-case keys and values of at most 63 letters, digits, `_` and `-`. */
function toLabels(metadata: Readonly<Record<string, string>>, warnings: CallWarnings): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (LABEL_KEY.test(key) && LABEL_VALUE.test(value)) labels[key] = value;
    else warnings.add(`metadata.${key}`, 'Vertex AI labels allow only lower-case letters, digits, _ and - (keys start with a letter, at most 63 characters); this entry was not sent.');
  }
  return labels;
}
