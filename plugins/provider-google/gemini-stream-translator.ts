import type { FunctionCall, GenerateContentResponse, Part } from '@google/genai';
import { type FinishReason, type StreamPart, truncatedJsonSuffix, type Usage } from '../../sdk/index.js';
import { toResponseIdentity } from './from-gemini-response.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';
import { PartialArgumentsWriter } from './partial-arguments-writer.js';
import { toGeminiUsage } from './to-gemini-usage.js';
import { createToolCallIds, encodeToolCallId } from './tool-call-id.js';

/** Stateful translation of one `streamGenerateContent` response; see {@link createGeminiStreamTranslator}. */
export interface GeminiStreamTranslator {
  /** Parts for one parsed chunk. */
  push(chunk: GenerateContentResponse): StreamPart[];
  /** Parts owed at the end: a finish for every candidate still open, then the final usage. */
  end(): StreamPart[];
}

interface CandidateState {
  /** Arguments text of each tool call, by index. */
  readonly calls: string[];
  /** The call whose arguments still arrive as `partialArgs` (Vertex AI, Gemini 3). */
  streaming?: { readonly index: number; readonly writer: PartialArgumentsWriter };
  finished: boolean;
}

/**
 * Turns Gemini stream chunks into typed parts. Gemini API chunks carry whole `functionCall`s
 * (start, arguments and end at once); Vertex AI's Gemini 3 streams a call as a part with its
 * `name` and `willContinue`, then `partialArgs` pieces, then an empty `functionCall` that closes
 * it. A call still open when the candidate finishes (the token limit cut its arguments) gets one
 * closing `tool-call-delta` that repairs its JSON before its `tool-call-end`. `usageMetadata`
 * repeats on most chunks: the last one with counts is sent once, at the end.
 */
export function createGeminiStreamTranslator(options: { readonly modelId: string }): GeminiStreamTranslator {
  const candidates = new Map<number, CandidateState>();
  let ids: ((candidate: number, position: number) => string) | undefined;
  let usage: Usage | undefined;
  let metadataSent = false;

  const metadata = (chunk: GenerateContentResponse | undefined): StreamPart[] => {
    if (metadataSent) return [];
    metadataSent = true;
    ids = createToolCallIds(chunk?.responseId);
    return [{ type: 'response-metadata', ...(chunk === undefined ? { model: options.modelId } : toResponseIdentity(chunk, options.modelId)) }];
  };
  const stateOf = (choice: number): CandidateState => {
    let state = candidates.get(choice);
    if (state === undefined) candidates.set(choice, (state = { calls: [], finished: false }));
    return state;
  };

  const closeStreaming = (state: CandidateState, choice: number): StreamPart[] => {
    const open = state.streaming;
    if (open === undefined) return [];
    state.streaming = undefined;
    const suffix = truncatedJsonSuffix(open.writer.text);
    state.calls[open.index] = open.writer.text + suffix;
    const parts: StreamPart[] = suffix === '' ? [] : [{ type: 'tool-call-delta', index: open.index, argumentsDelta: suffix, choice }];
    parts.push({ type: 'tool-call-end', index: open.index, choice });
    return parts;
  };

  const functionCallParts = (part: Part, call: FunctionCall, state: CandidateState, choice: number): StreamPart[] => {
    const parts: StreamPart[] = [];
    if (call.name) {
      parts.push(...closeStreaming(state, choice));
      const index = state.calls.length;
      const id = encodeToolCallId(call.id ?? ids!(choice, index), part.thoughtSignature);
      parts.push({ type: 'tool-call-start', index, id, name: call.name, choice });
      if (call.willContinue !== true || call.args !== undefined) {
        const text = JSON.stringify(call.args ?? {});
        state.calls.push(text);
        parts.push({ type: 'tool-call-delta', index, argumentsDelta: text, choice }, { type: 'tool-call-end', index, choice });
        return parts;
      }
      state.calls.push('');
      state.streaming = { index, writer: new PartialArgumentsWriter() };
    }
    const open = state.streaming;
    if (open === undefined) return parts;
    for (const argument of call.partialArgs ?? []) {
      const fragment = open.writer.push(argument);
      if (fragment !== '') parts.push({ type: 'tool-call-delta', index: open.index, argumentsDelta: fragment, choice });
    }
    if (call.willContinue !== true) parts.push(...closeStreaming(state, choice));
    return parts;
  };

  const contentParts = (part: Part, state: CandidateState, choice: number): StreamPart[] => {
    if (part.functionCall !== undefined) return functionCallParts(part, part.functionCall, state, choice);
    const parts: StreamPart[] = [];
    const text = typeof part.text === 'string' ? part.text : '';
    if (part.thought === true && (text !== '' || part.thoughtSignature !== undefined)) {
      parts.push({ type: 'reasoning-delta', delta: text, ...(part.thoughtSignature !== undefined ? { signature: part.thoughtSignature } : {}), choice });
      return parts;
    }
    if (text !== '') parts.push({ type: 'text-delta', delta: text, choice });
    if (part.thoughtSignature !== undefined) parts.push({ type: 'reasoning-delta', delta: '', signature: part.thoughtSignature, choice });
    return parts;
  };

  const finish = (state: CandidateState, choice: number, raw: string | undefined, reason?: FinishReason): StreamPart[] => {
    const parts = closeStreaming(state, choice);
    state.finished = true;
    parts.push({ type: 'finish', finishReason: reason ?? mapGeminiFinishReason(raw, state.calls.length > 0), ...(raw !== undefined ? { rawFinishReason: raw } : {}), choice });
    return parts;
  };

  return {
    push(chunk) {
      const parts = metadata(chunk);
      usage = toGeminiUsage(chunk.usageMetadata) ?? usage;
      const list = chunk.candidates ?? [];
      list.forEach((candidate, position) => {
        const choice = candidate.index ?? position;
        const state = stateOf(choice);
        if (state.finished) return;
        for (const part of candidate.content?.parts ?? []) parts.push(...contentParts(part, state, choice));
        if (candidate.finishReason !== undefined) parts.push(...finish(state, choice, candidate.finishReason));
      });
      const blocked = chunk.promptFeedback?.blockReason;
      if (list.length === 0 && blocked !== undefined && !stateOf(0).finished) parts.push(...finish(stateOf(0), 0, blocked, 'content_filter'));
      return parts;
    },
    end() {
      const parts = metadata(undefined);
      if (candidates.size === 0) stateOf(0);
      for (const [choice, state] of candidates) if (!state.finished) parts.push(...finish(state, choice, undefined));
      if (usage !== undefined) parts.push({ type: 'usage', usage });
      return parts;
    },
  };
}
