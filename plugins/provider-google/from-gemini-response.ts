import type { Candidate, GenerateContentResponse } from '@google/genai';
import { ProviderError, type GeneratedChoice, type GeneratedToolCall, type GenerateResult } from '../../sdk/index.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { toGeminiUsage } from './to-gemini-usage.js';
import { createToolCallIds, encodeToolCallId } from './tool-call-id.js';

/** Identity fields shared by whole responses and stream chunks. */
export function toResponseIdentity(response: GenerateContentResponse, modelId: string): { id?: string; model: string; created?: number } {
  const created = response.createTime === undefined ? Number.NaN : Date.parse(response.createTime);
  return {
    // OpenAI-shaped ids, so clients cannot tell the upstream by the id's form.
    ...(response.responseId ? { id: `chatcmpl-${response.responseId}` } : {}),
    model: response.modelVersion ?? modelId,
    ...(Number.isFinite(created) ? { created: Math.floor(created / 1000) } : {}),
  };
}

/**
 * Converts a whole `generateContent` response: one choice per candidate with its answer text,
 * thought summaries as `reasoning`, function calls as tool calls with stable ids (carrying their
 * thought signature, see `encodeToolCallId`), the signature of the text as `reasoningSignature`,
 * the mapped finish reason with the raw one, and usage. A prompt Gemini blocked (no candidates,
 * `promptFeedback.blockReason`) is one empty choice with `content_filter`.
 */
export function fromGeminiResponse(response: GenerateContentResponse, options: { readonly provider: string; readonly modelId: string }): GenerateResult {
  const usage = toGeminiUsage(response.usageMetadata);
  const identity = toResponseIdentity(response, options.modelId);
  const ids = createToolCallIds(response.responseId);
  const candidates = response.candidates ?? [];
  let choices: GeneratedChoice[];
  if (candidates.length > 0) choices = candidates.map((candidate, position) => toChoice(candidate, candidate.index ?? position, ids));
  else if (response.promptFeedback?.blockReason !== undefined) {
    choices = [{ index: 0, text: null, toolCalls: [], finishReason: 'content_filter', rawFinishReason: response.promptFeedback.blockReason }];
  } else throw new ProviderError('PROVIDER_RESPONSE_INVALID', { message: `${options.provider} answered without candidates.`, provider: options.provider });
  return { ...identity, choices, ...(usage !== undefined ? { usage } : {}) };
}

function toChoice(candidate: Candidate, index: number, ids: (candidate: number, position: number) => string): GeneratedChoice {
  const texts: string[] = [];
  const thoughts: string[] = [];
  const toolCalls: GeneratedToolCall[] = [];
  let signature: string | undefined;
  for (const part of candidate.content?.parts ?? []) {
    if (part.functionCall !== undefined) {
      const call = part.functionCall;
      const id = encodeToolCallId(call.id ?? ids(index, toolCalls.length), part.thoughtSignature);
      toolCalls.push({ id, name: call.name ?? '', arguments: JSON.stringify(call.args ?? {}) });
      continue;
    }
    if (part.thoughtSignature !== undefined) signature = part.thoughtSignature;
    if (typeof part.text !== 'string') continue;
    if (part.thought === true) thoughts.push(part.text);
    else texts.push(part.text);
  }
  const raw = candidate.finishReason;
  return {
    index,
    text: texts.length > 0 ? texts.join('') : null,
    ...(thoughts.length > 0 ? { reasoning: thoughts.join('') } : {}),
    ...(signature !== undefined ? { reasoningSignature: signature } : {}),
    toolCalls,
    finishReason: mapGeminiFinishReason(raw, toolCalls.length > 0),
    ...(raw !== undefined ? { rawFinishReason: raw } : {}),
  };
}
