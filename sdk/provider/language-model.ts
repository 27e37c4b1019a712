import type { CallOptions } from './call-options.js';
import type { ReasoningPart } from './prompt.js';
import type { ModelMetadata } from './model-metadata.js';
import type { StreamPart } from './stream-part.js';
import type { FinishReason, Usage } from './usage.js';

/** A completed tool call. */
export interface GeneratedToolCall { readonly id: string; readonly name: string; readonly arguments: string }

/** One choice of a generated response. */
export interface GeneratedChoice {
  readonly index: number;
  readonly text: string | null;
  readonly reasoning?: string;
  readonly reasoningSignature?: string;
  /**
   * Reasoning as the provider's separate blocks, with signatures and redacted data, when it
   * must get them back unchanged on the next turn (Anthropic thinking). `reasoning` still
   * carries the joined text.
   */
  readonly reasoningBlocks?: readonly ReasoningPart[];
  readonly refusal?: string | null;
  readonly toolCalls: readonly GeneratedToolCall[];
  readonly finishReason: FinishReason;
  readonly rawFinishReason?: string;
  readonly logprobs?: Record<string, unknown> | null;
}

/** Warnings about parameters a provider could not honour. */
export interface CallWarning { readonly parameter: string; readonly message: string }

/** The result of a non-streaming call. */
export interface GenerateResult {
  readonly id?: string;
  readonly model?: string;
  readonly created?: number;
  readonly systemFingerprint?: string | null;
  readonly serviceTier?: string | null;
  readonly choices: readonly GeneratedChoice[];
  readonly usage?: Usage;
  readonly warnings?: readonly CallWarning[];
}

/** The result of a streaming call: typed parts, never SSE text. */
export interface StreamResult {
  readonly stream: ReadableStream<StreamPart>;
  readonly warnings?: readonly CallWarning[];
}

/** A chat model of one provider. */
export interface LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  /** Known limits of this model, if the provider knows them. */
  readonly metadata?: ModelMetadata;
  /** Whether this model accepts `n` > 1. */
  readonly supportsMultipleChoices: boolean;
  generate(options: CallOptions): Promise<GenerateResult>;
  /** Resolves once the upstream accepted the request (errors before that reject). */
  stream(options: CallOptions): Promise<StreamResult>;
}
