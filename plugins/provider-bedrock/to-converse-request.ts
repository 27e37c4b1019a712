import type { ConverseCommandInput, InferenceConfiguration } from '@aws-sdk/client-bedrock-runtime';
import type { CallOptions, CallWarning, ModelMetadata } from '../../sdk/index.js';
import { bedrockModelFamily, toBedrockModelId, type BedrockModelFamily } from './bedrock-model-id.js';
import { CallWarningCollector } from './call-warning-collector.js';
import { toConverseMessages } from './to-converse-messages.js';
import { toConverseReasoning } from './to-converse-reasoning.js';
import { toConverseToolPlan, type ResponseTool } from './to-converse-tool-config.js';

/** A translated call: the exact Converse input and what could not be honoured. */
export interface ConverseRequest {
  readonly input: ConverseCommandInput;
  readonly warnings: readonly CallWarning[];
  /** Set when `response_format` travels as a forced tool call whose input is the answer. */
  readonly responseTool?: ResponseTool;
}

/** What the translation needs to know about the model. */
export interface ConverseModelSettings {
  readonly modelId: string;
  readonly metadata?: ModelMetadata;
  /** Use `outputConfig.textFormat` for json_schema instead of a forced tool call. */
  readonly nativeStructuredOutput: boolean;
}

/** Answer tokens granted on top of the thinking budget when the client set no limit. */
export const DEFAULT_ANSWER_TOKENS = 4_096;

/** Families whose temperature range is 0–1 (OpenAI's is 0–2). */
const UNIT_TEMPERATURE = new Set<BedrockModelFamily>(['anthropic', 'amazon', 'meta', 'mistral', 'cohere']);

/** Converse request fields a client may set through the request body as-is. */
const CONVERSE_FIELDS = new Set(['guardrailConfig', 'performanceConfig', 'additionalModelResponseFieldPaths', 'promptVariables', 'serviceTier']);

/** OpenAI-only request fields: meaningless to Bedrock models, so never forwarded to them. */
const OPENAI_ONLY_FIELDS = new Set([
  'store', 'modalities', 'audio', 'prediction', 'service_tier', 'web_search_options', 'verbosity', 'prompt_cache_key',
  'prompt_cache_retention', 'safety_identifier', 'logit_bias', 'functions', 'function_call',
]);

/**
 * Translates neutral call options into a Converse (or ConverseStream) input. Parameters
 * Converse cannot honour are dropped with a warning, or fail the call when the client sent
 * `drop_params: false`. Unknown request fields go to `additionalModelRequestFields`, where
 * each model family reads its own extras (`top_k`, `thinking`, …).
 */
export function toConverseRequest(options: CallOptions, model: ConverseModelSettings): ConverseRequest {
  const warnings = new CallWarningCollector(options.dropUnsupportedParams);
  const modelId = toBedrockModelId(model.modelId);
  const family = bedrockModelFamily(modelId);
  const conversation = toConverseMessages(options.messages);
  const tools = toConverseToolPlan(options, { ...conversation, nativeStructuredOutput: model.nativeStructuredOutput, warnings });
  let reasoning = toConverseReasoning(options.reasoningEffort, family, modelId, warnings);
  if (reasoning.thinkingBudget !== undefined && tools.forcesToolUse) {
    warnings.unsupported('reasoning_effort', 'Anthropic models cannot think while a tool call is forced (by tool_choice or response_format); reasoning was turned off.');
    reasoning = { fields: {} };
  }
  const thinking = reasoning.thinkingBudget;

  const inferenceConfig: InferenceConfiguration = {};
  if (thinking !== undefined) {
    // Anthropic counts thinking inside max_tokens, which must exceed the budget: the budget comes on top of the answer's share.
    const wanted = (options.maxOutputTokens ?? DEFAULT_ANSWER_TOKENS) + thinking;
    inferenceConfig.maxTokens = Math.min(wanted, model.metadata?.maxOutputTokens ?? wanted);
  } else if (options.maxOutputTokens !== undefined) inferenceConfig.maxTokens = options.maxOutputTokens;
  if (options.temperature !== undefined) {
    if (thinking !== undefined && options.temperature !== 1) warnings.unsupported('temperature', 'Anthropic models take no temperature while thinking; it was not sent.');
    else if (UNIT_TEMPERATURE.has(family) && options.temperature > 1) {
      warnings.unsupported('temperature', `This Bedrock model takes a temperature from 0 to 1; ${options.temperature} was sent as 1.`);
      inferenceConfig.temperature = 1;
    } else inferenceConfig.temperature = options.temperature;
  }
  if (options.topP !== undefined) {
    if (thinking !== undefined && options.topP < 0.95) warnings.unsupported('top_p', 'Anthropic models take top_p below 0.95 only without thinking; it was not sent.');
    else inferenceConfig.topP = options.topP;
  }
  if (options.stop !== undefined && options.stop.length > 0) inferenceConfig.stopSequences = [...options.stop];

  const ignored: [keyof CallOptions, string][] = [['seed', 'seed'], ['frequencyPenalty', 'frequency_penalty'], ['presencePenalty', 'presence_penalty'], ['topLogprobs', 'top_logprobs']];
  for (const [field, parameter] of ignored) if (options[field] !== undefined) warnings.unsupported(parameter, `Bedrock Converse has no '${parameter}'; it was not sent.`);
  if (options.logprobs === true) warnings.unsupported('logprobs', 'Bedrock Converse returns no log probabilities.');

  const extra = splitExtraBody(options.extraBody, warnings);
  const additional = { ...reasoning.fields, ...extra.additional };
  const requestMetadata = { ...options.metadata, ...(options.user !== undefined ? { user: options.user } : {}) };
  const input: ConverseCommandInput = {
    modelId,
    messages: conversation.messages,
    ...(conversation.system.length > 0 ? { system: conversation.system } : {}),
    ...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
    ...(tools.toolConfig !== undefined ? { toolConfig: tools.toolConfig } : {}),
    ...(tools.outputConfig !== undefined ? { outputConfig: tools.outputConfig } : {}),
    ...(Object.keys(additional).length > 0 ? { additionalModelRequestFields: additional as ConverseCommandInput['additionalModelRequestFields'] } : {}),
    ...(Object.keys(requestMetadata).length > 0 ? { requestMetadata } : {}),
    ...extra.converse,
  };
  return { input, warnings: warnings.warnings, ...(tools.responseTool !== undefined ? { responseTool: tools.responseTool } : {}) };
}

function splitExtraBody(extraBody: Record<string, unknown> | undefined, warnings: CallWarningCollector): { converse: Record<string, unknown>; additional: Record<string, unknown> } {
  const converse: Record<string, unknown> = {};
  let additional: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extraBody ?? {})) {
    if (key === 'additionalModelRequestFields' && typeof value === 'object' && value !== null && !Array.isArray(value)) additional = { ...additional, ...value };
    else if (CONVERSE_FIELDS.has(key)) converse[key] = value;
    else if (OPENAI_ONLY_FIELDS.has(key)) warnings.unsupported(key, `Bedrock has no '${key}'; it was not sent.`);
    else additional[key] = value;
  }
  return { converse, additional };
}
