import type { SwitchyardError } from '../errors/switchyard-error.js';
import type { FinishReason, Usage } from './usage.js';

/** Identity of the upstream response; sent once, before content, when known. */
export interface ResponseMetadataPart {
  readonly type: 'response-metadata';
  readonly id?: string;
  readonly model?: string;
  readonly created?: number;
  readonly systemFingerprint?: string | null;
  readonly serviceTier?: string | null;
}

/** A piece of answer text for choice `choice` (default 0). */
export interface TextDeltaPart { readonly type: 'text-delta'; readonly delta: string; readonly choice?: number }

/**
 * A piece of reasoning text; `signature` arrives once, when the provider signs the block, and
 * `redactedData` carries an encrypted block whole. `block` numbers the provider's reasoning
 * blocks (0, 1, …) so signatures attach to the right one.
 */
export interface ReasoningDeltaPart { readonly type: 'reasoning-delta'; readonly delta: string; readonly signature?: string; readonly redactedData?: string; readonly block?: number; readonly choice?: number }

/** A refusal message piece (OpenAI structured output refusals). */
export interface RefusalDeltaPart { readonly type: 'refusal-delta'; readonly delta: string; readonly choice?: number }

/** A tool call begins: `index` is stable for the call within the choice. */
export interface ToolCallStartPart { readonly type: 'tool-call-start'; readonly index: number; readonly id: string; readonly name: string; readonly choice?: number }

/** A fragment of a tool call's JSON arguments. */
export interface ToolCallDeltaPart { readonly type: 'tool-call-delta'; readonly index: number; readonly argumentsDelta: string; readonly choice?: number }

/** A tool call's arguments are complete. */
export interface ToolCallEndPart { readonly type: 'tool-call-end'; readonly index: number; readonly choice?: number }

/** Token log probabilities in OpenAI's `choices[].logprobs` shape; sent just before the delta they describe. */
export interface LogprobsPart { readonly type: 'logprobs'; readonly logprobs: Record<string, unknown>; readonly choice?: number }

/** Usage for the whole call; may arrive more than once (the last one wins). */
export interface UsagePart { readonly type: 'usage'; readonly usage: Usage }

/** A choice ended. `rawFinishReason` is the provider's own word, kept for logs. */
export interface FinishPart { readonly type: 'finish'; readonly finishReason: FinishReason; readonly rawFinishReason?: string; readonly choice?: number }

/** The upstream failed after the stream began. */
export interface ErrorPart { readonly type: 'error'; readonly error: SwitchyardError }

/** One typed event of a streamed response. Providers emit these; only the proxy frames SSE. */
export type StreamPart =
  | ResponseMetadataPart
  | TextDeltaPart
  | ReasoningDeltaPart
  | RefusalDeltaPart
  | ToolCallStartPart
  | ToolCallDeltaPart
  | ToolCallEndPart
  | LogprobsPart
  | UsagePart
  | FinishPart
  | ErrorPart;
