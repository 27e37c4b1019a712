import type { PromptMessage } from './prompt.js';

/** A function the model may call; `parameters` is JSON Schema. */
export interface FunctionTool {
  readonly type: 'function';
  readonly name: string;
  readonly description?: string;
  readonly parameters?: Record<string, unknown>;
  readonly strict?: boolean;
}

/** Which tools the model may or must call. */
export type ToolChoice = { readonly type: 'auto' } | { readonly type: 'none' } | { readonly type: 'required' } | { readonly type: 'tool'; readonly name: string };

/** Requested output format. */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | { readonly type: 'json_schema'; readonly name: string; readonly schema?: Record<string, unknown>; readonly description?: string; readonly strict?: boolean };

/** Everything a language model call needs, in provider-neutral form. */
export interface CallOptions {
  readonly messages: readonly PromptMessage[];
  readonly tools?: readonly FunctionTool[];
  readonly toolChoice?: ToolChoice;
  readonly parallelToolCalls?: boolean;
  readonly responseFormat?: ResponseFormat;
  readonly temperature?: number;
  readonly topP?: number;
  /** Upper bound on generated tokens (OpenAI `max_completion_tokens` / `max_tokens`). */
  readonly maxOutputTokens?: number;
  /** True when the client used the legacy `max_tokens` spelling. */
  readonly maxTokensLegacy?: boolean;
  readonly stop?: readonly string[];
  readonly seed?: number;
  readonly frequencyPenalty?: number;
  readonly presencePenalty?: number;
  /** Number of choices; only providers whose capabilities say `multipleChoices` accept more than 1. */
  readonly n?: number;
  readonly logprobs?: boolean;
  readonly topLogprobs?: number;
  readonly reasoningEffort?: string;
  readonly user?: string;
  readonly metadata?: Record<string, string>;
  /** Streamed calls: whether the provider should report usage (always requested when it can). */
  readonly includeUsage?: boolean;
  /**
   * Request fields the gateway does not translate, passed as-is to providers that speak
   * the OpenAI format (for example vLLM's `top_k`); other providers drop them with a warning.
   */
  readonly extraBody?: Record<string, unknown>;
  /**
   * What to do with a parameter the provider cannot honour: drop it and report a
   * {@link CallWarning} (true, the default), or reject the call with a 400
   * REQUEST_PARAMETER_UNSUPPORTED naming it (false: the client sent `drop_params: false`).
   */
  readonly dropUnsupportedParams?: boolean;
  /** Extra HTTP headers for the upstream request. */
  readonly headers?: Record<string, string>;
  /** Fires when the client goes away or the call times out; providers must pass it upstream. */
  readonly signal?: AbortSignal;
}
