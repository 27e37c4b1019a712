import { randomUUID } from 'node:crypto';
import { ProviderError } from '../errors/provider-error.js';
import type { GenerateResult, GeneratedChoice, GeneratedToolCall } from '../provider/language-model.js';
import { isRecord, readArguments, readNumber, readRecord, readString } from './json-guards.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapOpenAIError } from './map-openai-error.js';
import { splitThinkTags } from './think-tag-splitter.js';
import { thinkingText } from './thinking-text.js';
import { toUsage } from './to-usage.js';

/** Options of {@link fromOpenAIChatCompletion}. */
export interface FromOpenAIChatCompletionOptions {
  /** Provider name, for errors. */
  readonly provider: string;
  /** Move a leading `<think>…</think>` block in `content` to `reasoning`. */
  readonly extractThinkTags?: boolean;
}

/**
 * Reads a chat completion response body into a GenerateResult, normalising what compatible
 * providers leave out or shape differently: missing `content`, `refusal` and `logprobs`;
 * tool calls without `type` or `id`; Mistral's `content` as thinking/text parts;
 * `reasoning_content` (DeepSeek, xAI) or `reasoning` (Groq, OpenRouter, Ollama) fields; and
 * optionally `<think>` tags in the text (Together, vLLM). Throws PROVIDER_RESPONSE_INVALID
 * when the body is not a chat completion, and a mapped error when it is an error body.
 */
export function fromOpenAIChatCompletion(response: unknown, options: FromOpenAIChatCompletionOptions): GenerateResult {
  if (isRecord(response) && isRecord(response['error'])) throw mapOpenAIError({ error: response['error'] }, options);
  if (!isRecord(response) || !Array.isArray(response['choices'])) {
    throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${options.provider} sent a response that is not a chat completion.`, provider: options.provider });
  }
  const choices: GeneratedChoice[] = [];
  const rawChoices = response['choices'];
  for (let position = 0; position < rawChoices.length; position++) {
    const choice: unknown = rawChoices[position];
    if (isRecord(choice)) choices.push(toGeneratedChoice(choice, position, options));
  }
  // Built by assignment: a literal of conditional spreads was a measurable share of a proxied call.
  const result: Writable<GenerateResult> = { choices };
  const id = readString(response['id']);
  if (id !== undefined) result.id = id;
  const model = readString(response['model']);
  if (model !== undefined) result.model = model;
  const created = readNumber(response['created']);
  if (created !== undefined) result.created = created;
  const fingerprint = response['system_fingerprint'];
  if (typeof fingerprint === 'string' || fingerprint === null) result.systemFingerprint = fingerprint;
  const tier = response['service_tier'];
  if (typeof tier === 'string' || tier === null) result.serviceTier = tier;
  const usage = toUsage(response['usage'] ?? readRecord(response['x_groq'])['usage']);
  if (usage !== undefined) result.usage = usage;
  return result;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function toGeneratedChoice(choice: Record<string, unknown>, position: number, options: FromOpenAIChatCompletionOptions): GeneratedChoice {
  const message = readRecord(choice['message']);
  let { text, reasoning } = readContent(message['content']);
  const field = readString(message['reasoning_content']) ?? readString(message['reasoning']);
  if (field) reasoning = reasoning === undefined ? field : `${field}${reasoning}`;
  if (options.extractThinkTags === true && text !== null) {
    const split = splitThinkTags(text);
    if (split.reasoning !== undefined) {
      text = split.text;
      reasoning = reasoning === undefined ? split.reasoning : `${reasoning}${split.reasoning}`;
    }
  }
  const toolCalls = Array.isArray(message['tool_calls']) ? message['tool_calls'].filter(isRecord).map(toGeneratedToolCall) : [];
  const raw = readString(choice['finish_reason']);
  const signature = reasoningSignature(message['reasoning_details']);
  const refusal = readString(message['refusal']) ?? null;
  const generated: Writable<GeneratedChoice> = {
    index: readNumber(choice['index']) ?? position,
    text,
    refusal,
    toolCalls,
    finishReason: mapFinishReason(raw, toolCalls.length > 0),
    logprobs: isRecord(choice['logprobs']) ? choice['logprobs'] : null,
  };
  if (reasoning !== undefined && reasoning !== '') generated.reasoning = reasoning;
  if (signature !== undefined) generated.reasoningSignature = signature;
  if (raw !== undefined) generated.rawFinishReason = raw;
  return generated;
}

function readContent(content: unknown): { text: string | null; reasoning: string | undefined } {
  if (typeof content === 'string') return { text: content, reasoning: undefined };
  if (!Array.isArray(content)) return { text: null, reasoning: undefined };
  // Mistral reasoning models: [{ type: 'thinking', thinking: [{ type: 'text', text }] }, { type: 'text', text }].
  let text = '';
  let reasoning = '';
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (part['type'] === 'text') text += readString(part['text']) ?? '';
    else if (part['type'] === 'thinking') reasoning += thinkingText(part['thinking']);
  }
  return { text, reasoning: reasoning === '' ? undefined : reasoning };
}

function toGeneratedToolCall(call: Record<string, unknown>): GeneratedToolCall {
  const fn = readRecord(call['function']);
  return {
    id: readString(call['id']) || `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    name: readString(fn['name']) ?? '',
    arguments: readArguments(fn['arguments']),
  };
}

function reasoningSignature(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const signatures = details.filter(isRecord).map((detail) => readString(detail['signature'])).filter((signature) => signature !== undefined && signature !== '');
  return signatures.at(-1);
}
