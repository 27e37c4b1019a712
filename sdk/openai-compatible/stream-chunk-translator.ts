import type { ResponseMetadataPart, StreamPart } from '../provider/stream-part.js';
import { isRecord, readNumber, readRecord, readString } from './json-guards.js';
import { mapFinishReason } from './map-finish-reason.js';
import { mapOpenAIError } from './map-openai-error.js';
import { createThinkTagSplitter, type ThinkTagSplitter } from './think-tag-splitter.js';
import { thinkingText } from './thinking-text.js';
import { toUsage } from './to-usage.js';
import { ToolCallTracker } from './tool-call-tracker.js';

/** Stateful translation of one stream's chunks; see {@link createStreamChunkTranslator}. */
export interface StreamChunkTranslator {
  /** Parts for one parsed chunk. */
  push(chunk: unknown): StreamPart[];
  /** Parts owed at the end of the stream: flushed text and a finish for every choice still open. */
  end(): StreamPart[];
  /** True once a chunk carried an upstream error; nothing after it counts. */
  readonly failed: boolean;
}

interface ChoiceState {
  readonly tools: ToolCallTracker;
  readonly splitter: ThinkTagSplitter | undefined;
  finished: boolean;
}

/**
 * Creates the per-stream state machine behind `toStreamParts`: remembers which choices are open,
 * their tool calls and think-tag state, and sends exactly one finish per choice even when the
 * provider repeats it (xAI, OpenRouter).
 */
export function createStreamChunkTranslator(options: { readonly provider: string; readonly extractThinkTags: boolean }): StreamChunkTranslator {
  const choices = new Map<number, ChoiceState>();
  let metadataSent = false;
  let failed = false;

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (state === undefined) {
      state = { tools: new ToolCallTracker(index), splitter: options.extractThinkTags ? createThinkTagSplitter() : undefined, finished: false };
      choices.set(index, state);
    }
    return state;
  };

  const finishChoice = (index: number, state: ChoiceState, raw: string | undefined): StreamPart[] => {
    const parts: StreamPart[] = [];
    for (const piece of state.splitter?.flush() ?? []) parts.push(piece.kind === 'text' ? { type: 'text-delta', delta: piece.text, choice: index } : { type: 'reasoning-delta', delta: piece.text, choice: index });
    parts.push(...state.tools.end());
    parts.push({ type: 'finish', finishReason: mapFinishReason(raw, state.tools.hasCalls), ...(raw !== undefined ? { rawFinishReason: raw } : {}), choice: index });
    state.finished = true;
    return parts;
  };

  const choiceParts = (choice: Record<string, unknown>): StreamPart[] => {
    const index = readNumber(choice['index']) ?? 0;
    const state = stateOf(index);
    if (state.finished) return [];
    const parts: StreamPart[] = [];
    const delta = readRecord(choice['delta']);
    const reasoning = readString(delta['reasoning_content']) ?? readString(delta['reasoning']);
    if (reasoning) parts.push({ type: 'reasoning-delta', delta: reasoning, choice: index });
    parts.push(...reasoningDetailParts(delta['reasoning_details'], index));
    parts.push(...contentParts(delta['content'], state, index));
    const refusal = readString(delta['refusal']);
    if (refusal) parts.push({ type: 'refusal-delta', delta: refusal, choice: index });
    parts.push(...state.tools.push(delta['tool_calls']));
    if (isRecord(choice['logprobs'])) parts.push({ type: 'logprobs', logprobs: choice['logprobs'], choice: index });
    const finishReason = readString(choice['finish_reason']);
    if (finishReason) parts.push(...finishChoice(index, state, finishReason));
    return parts;
  };

  return {
    get failed() {
      return failed;
    },
    push(chunk) {
      if (!isRecord(chunk) || failed) return [];
      const parts: StreamPart[] = [];
      if (!metadataSent) {
        metadataSent = true;
        parts.push(toMetadataPart(chunk));
      }
      if (Array.isArray(chunk['choices'])) for (const choice of chunk['choices']) if (isRecord(choice)) parts.push(...choiceParts(choice));
      // Groq once reported stream usage only under `x_groq`.
      const usage = toUsage(chunk['usage'] ?? readRecord(chunk['x_groq'])['usage']);
      if (usage !== undefined) parts.push({ type: 'usage', usage });
      if (chunk['error'] !== undefined && chunk['error'] !== null) {
        failed = true;
        parts.push({ type: 'error', error: mapOpenAIError({ error: chunk['error'] }, options) });
      }
      return parts;
    },
    end() {
      const parts: StreamPart[] = [];
      for (const [index, state] of choices) if (!state.finished) parts.push(...finishChoice(index, state, undefined));
      return parts;
    },
  };
}

function toMetadataPart(chunk: Record<string, unknown>): ResponseMetadataPart {
  const id = readString(chunk['id']);
  const model = readString(chunk['model']);
  const created = readNumber(chunk['created']);
  const fingerprint = chunk['system_fingerprint'];
  const tier = chunk['service_tier'];
  return {
    type: 'response-metadata',
    ...(id !== undefined ? { id } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(created !== undefined ? { created } : {}),
    ...(typeof fingerprint === 'string' || fingerprint === null ? { systemFingerprint: fingerprint } : {}),
    ...(typeof tier === 'string' || tier === null ? { serviceTier: tier } : {}),
  };
}

function contentParts(content: unknown, state: ChoiceState, index: number): StreamPart[] {
  if (typeof content === 'string') {
    if (content === '') return [];
    if (state.splitter === undefined) return [{ type: 'text-delta', delta: content, choice: index }];
    return state.splitter.push(content).map((piece) => (piece.kind === 'text' ? { type: 'text-delta', delta: piece.text, choice: index } : { type: 'reasoning-delta', delta: piece.text, choice: index }));
  }
  if (!Array.isArray(content)) return [];
  // Mistral's reasoning models stream `content` as typed parts: text, or thinking with nested text parts.
  const parts: StreamPart[] = [];
  for (const part of content) {
    if (!isRecord(part)) continue;
    const text = readString(part['text']);
    if (part['type'] === 'text' && text) parts.push({ type: 'text-delta', delta: text, choice: index });
    if (part['type'] === 'thinking') {
      const thought = thinkingText(part['thinking']);
      if (thought !== '') parts.push({ type: 'reasoning-delta', delta: thought, choice: index });
    }
  }
  return parts;
}

function reasoningDetailParts(details: unknown, index: number): StreamPart[] {
  if (!Array.isArray(details)) return [];
  // OpenRouter repeats the reasoning text in `reasoning_details`; only signatures and encrypted blocks are new.
  const parts: StreamPart[] = [];
  for (const detail of details) {
    if (!isRecord(detail)) continue;
    const signature = readString(detail['signature']);
    if (signature) parts.push({ type: 'reasoning-delta', delta: '', signature, choice: index });
    const data = readString(detail['data']);
    if (detail['type'] === 'reasoning.encrypted' && data) parts.push({ type: 'reasoning-delta', delta: '', redactedData: data, choice: index });
  }
  return parts;
}
