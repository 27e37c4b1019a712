import type Anthropic from '@anthropic-ai/sdk';
import type { CallOptions, CallWarning, ResponseFormat } from '../../sdk/index.js';
import { FALLBACK_MAX_OUTPUT_TOKENS, type AnthropicModelProfile } from './anthropic-model-metadata.js';
import { toStrictJsonSchema, toToolInputSchema } from './clean-json-schema.js';
import { createUnsupportedParameters, type UnsupportedParameters } from './create-unsupported-parameters.js';
import { mapReasoningEffort, MIN_THINKING_BUDGET } from './map-reasoning-effort.js';
import { toAnthropicMessages } from './to-anthropic-messages.js';
import { report, toAnthropicTools } from './to-anthropic-tools.js';

/** The Messages API body; sampling fields are absent from SDK 1.x types but older API versions take them. */
export type AnthropicRequestBody = Omit<Anthropic.MessageCreateParamsNonStreaming, 'stream'> & { temperature?: number; top_p?: number; top_k?: number };

/** The name of the tool that carries `response_format` output on models without native structured output. */
export const RESPONSE_TOOL_NAME = 'json_tool_call';

/** The first API version that rejects `temperature`, `top_p` and `top_k`. */
const SAMPLING_REMOVED_IN = '2026-10-21';

/** What the translation needs besides the call options. */
export interface AnthropicRequestContext {
  /** The `anthropic-version` the client sends. */
  readonly apiVersion: string;
  /** Known traits of the model, if the metadata table knows it. */
  readonly profile: AnthropicModelProfile | undefined;
}

/** A translated request: the exact body, what was dropped, and the response tool to read back as text. */
export interface AnthropicRequest {
  readonly body: AnthropicRequestBody;
  readonly warnings: readonly CallWarning[];
  readonly responseTool?: string;
}

/**
 * Translates provider-neutral call options into a Messages API body. Parameters Anthropic cannot
 * honour are reported as warnings (or rejected under `drop_params: false`).
 */
export function toAnthropicRequest(modelId: string, options: CallOptions, context: AnthropicRequestContext): AnthropicRequest {
  const unsupported = createUnsupportedParameters(options.dropUnsupportedParams);
  const profile = context.profile;
  const { system, messages } = toAnthropicMessages(options.messages, unsupported);
  const body: AnthropicRequestBody = { model: modelId, max_tokens: options.maxOutputTokens ?? profile?.metadata.maxOutputTokens ?? FALLBACK_MAX_OUTPUT_TOKENS, messages };
  if (system !== undefined) body.system = system;

  const structured = profile?.structuredOutputs ?? true;
  const translated = toAnthropicTools(options.tools, options.toolChoice, options.parallelToolCalls, structured, unsupported);
  const tools = [...(translated.tools ?? [])];
  let toolChoice = translated.toolChoice;
  const format = toOutputFormat(options.responseFormat, structured, unsupported);
  let responseTool: string | undefined;
  if (format?.kind === 'native') body.output_config = { format: format.format };
  else if (format?.kind === 'tool') {
    tools.push(format.tool);
    if (toolChoice !== undefined && toolChoice.type !== 'auto') unsupported.drop('tool_choice', 'response_format is answered through a forced tool on this model; tool_choice was replaced.');
    toolChoice = { type: 'tool', name: RESPONSE_TOOL_NAME };
    responseTool = RESPONSE_TOOL_NAME;
  }
  if (tools.length > 0) body.tools = tools;
  if (toolChoice !== undefined) body.tool_choice = toolChoice;

  applyThinking(body, options, profile, unsupported);
  applySampling(body, options, context, unsupported);
  if (options.stop !== undefined) {
    // The API rejects stop sequences made only of whitespace.
    const sequences = options.stop.filter((sequence) => sequence.trim() !== '');
    if (sequences.length < options.stop.length) unsupported.drop('stop', 'Anthropic rejects whitespace-only stop sequences; they were not sent.');
    if (sequences.length > 0) body.stop_sequences = sequences;
  }
  applyMetadata(body, options, unsupported);
  for (const [parameter, value] of [['seed', options.seed], ['frequency_penalty', options.frequencyPenalty], ['presence_penalty', options.presencePenalty], ['logprobs', options.logprobs], ['top_logprobs', options.topLogprobs]] as const) {
    if (value !== undefined && value !== false) unsupported.drop(parameter, `Anthropic has no '${parameter}'; it was not sent.`);
  }
  if ((options.n ?? 1) > 1) unsupported.drop('n', 'Anthropic returns one choice per call; n was ignored.');
  for (const key of Object.keys(options.extraBody ?? {})) {
    if (key !== 'thinking' && key !== 'top_k') unsupported.drop(key, `'${key}' is not a parameter Switchyard translates for Anthropic; it was not sent.`);
  }
  return { body, warnings: unsupported.warnings, ...(responseTool !== undefined ? { responseTool } : {}) };
}

type OutputFormat = { kind: 'native'; format: Anthropic.JSONOutputFormat } | { kind: 'tool'; tool: Anthropic.Tool };

function toOutputFormat(format: ResponseFormat | undefined, structured: boolean, unsupported: UnsupportedParameters): OutputFormat | undefined {
  if (format === undefined || format.type === 'text') return undefined;
  const param = 'response_format.json_schema.schema';
  if (format.type === 'json_schema' && format.schema !== undefined && structured) {
    const cleaned = toStrictJsonSchema(format.schema);
    report(cleaned.dropped, param, 'Anthropic structured output accepts a subset of JSON Schema', unsupported);
    return { kind: 'native', format: { type: 'json_schema', schema: cleaned.schema } };
  }
  const schema = format.type === 'json_schema' ? toToolInputSchema(format.schema) : { schema: { type: 'object' }, dropped: [] };
  report(schema.dropped, param, 'The response schema must describe a JSON object on this model', unsupported);
  const description = (format.type === 'json_schema' ? format.description : undefined) ?? 'Give the final answer as this tool\'s input, a JSON object.';
  return { kind: 'tool', tool: { name: RESPONSE_TOOL_NAME, description, input_schema: schema.schema as Anthropic.Tool.InputSchema } };
}

function applyThinking(body: AnthropicRequestBody, options: CallOptions, profile: AnthropicModelProfile | undefined, unsupported: UnsupportedParameters): void {
  const explicit = options.extraBody?.['thinking'];
  const mapped = mapReasoningEffort(options.reasoningEffort, profile?.thinking ?? 'budget', profile?.xhighEffort ?? false, unsupported);
  // LiteLLM's `thinking` parameter is Anthropic's own field: it wins over reasoning_effort.
  const thinking = isThinkingConfig(explicit) ? explicit : mapped?.thinking;
  if (thinking === undefined || thinking.type === 'disabled') {
    if (thinking !== undefined) body.thinking = thinking;
    return;
  }
  const forced = body.tool_choice?.type === 'any' || body.tool_choice?.type === 'tool';
  if (forced) {
    unsupported.drop('reasoning_effort', 'Claude cannot think while a tool call is forced (tool_choice or response_format); thinking was not enabled.');
    return;
  }
  if (thinking.type === 'enabled') {
    const limit = body.max_tokens;
    if (options.maxOutputTokens === undefined && limit <= thinking.budget_tokens) body.max_tokens = thinking.budget_tokens + FALLBACK_MAX_OUTPUT_TOKENS;
    else if (limit <= thinking.budget_tokens) {
      if (limit <= MIN_THINKING_BUDGET) {
        unsupported.drop('reasoning_effort', `max_tokens ${limit} leaves no room for the smallest thinking budget (${MIN_THINKING_BUDGET}); thinking was not enabled.`);
        return;
      }
      unsupported.drop('reasoning_effort', `The thinking budget was lowered to ${limit - 1} tokens to stay under max_tokens.`);
      body.thinking = { ...thinking, budget_tokens: limit - 1 };
      return;
    }
  }
  body.thinking = thinking;
  if (mapped?.effort !== undefined && thinking === mapped.thinking) body.output_config = { ...body.output_config, effort: mapped.effort };
}

function applySampling(body: AnthropicRequestBody, options: CallOptions, context: AnthropicRequestContext, unsupported: UnsupportedParameters): void {
  const topK = options.extraBody?.['top_k'];
  const requested = [['temperature', options.temperature], ['top_p', options.topP], ['top_k', typeof topK === 'number' ? topK : undefined]] as const;
  const thinking = body.thinking !== undefined && body.thinking.type !== 'disabled';
  for (const [parameter, value] of requested) {
    if (value === undefined) continue;
    if (context.apiVersion >= SAMPLING_REMOVED_IN) unsupported.drop(parameter, `Anthropic API version ${context.apiVersion} rejects '${parameter}' (set api_version to 2023-06-01 to send it); it was not sent.`);
    else if (context.profile?.sampling === false) unsupported.drop(parameter, `'${parameter}' is deprecated for this Claude model; it was not sent.`);
    else if (thinking && (parameter === 'top_k' || (parameter === 'temperature' && value !== 1) || (parameter === 'top_p' && value < 0.95))) {
      unsupported.drop(parameter, `Claude accepts '${parameter}' ${parameter === 'top_p' ? 'of 0.95 or more' : parameter === 'temperature' ? 'of 1 only' : 'not at all'} while thinking; it was not sent.`);
    } else if (parameter === 'temperature' && value > 1) {
      unsupported.drop('temperature', `Anthropic accepts temperature from 0 to 1; ${value} was sent as 1.`);
      body.temperature = 1;
    } else body[parameter] = value;
  }
}

function applyMetadata(body: AnthropicRequestBody, options: CallOptions, unsupported: UnsupportedParameters): void {
  const { user_id: userId, ...others } = options.metadata ?? {};
  const user = options.user ?? userId;
  if (user !== undefined) body.metadata = { user_id: user };
  const keys = Object.keys(others);
  if (keys.length > 0) unsupported.drop('metadata', `Anthropic metadata holds only a user id; ${keys.map((key) => `'${key}'`).join(', ')} not sent.`);
}

function isThinkingConfig(value: unknown): value is Anthropic.ThinkingConfigParam {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (type === 'enabled') return typeof (value as { budget_tokens?: unknown }).budget_tokens === 'number';
  return type === 'disabled' || type === 'adaptive';
}
