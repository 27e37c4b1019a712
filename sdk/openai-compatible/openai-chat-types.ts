/**
 * The OpenAI chat completions request, as this kit writes it. Responses are read defensively
 * (providers differ), so only the request side is typed here.
 */

/** One part of a multi-part user message. */
export type OpenAIChatContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image_url'; readonly image_url: { readonly url: string; readonly detail?: 'auto' | 'low' | 'high' } }
  | { readonly type: 'input_audio'; readonly input_audio: { readonly data: string; readonly format: string } }
  | { readonly type: 'file'; readonly file: { readonly file_data?: string; readonly file_id?: string; readonly filename?: string } };

/** A tool call inside an assistant message. */
export interface OpenAIChatToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
}

/** One message of the request. */
export type OpenAIChatMessage =
  | { readonly role: 'system' | 'developer'; readonly content: string; readonly name?: string }
  | { readonly role: 'user'; readonly content: string | readonly OpenAIChatContentPart[]; readonly name?: string }
  | {
      readonly role: 'assistant';
      readonly content: string | null;
      readonly tool_calls?: readonly OpenAIChatToolCall[];
      readonly refusal?: string;
      readonly name?: string;
      /** Earlier reasoning sent back, under the field the provider reads (`reasoning_content`, `reasoning`). */
      readonly [reasoningField: string]: unknown;
    }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string };

/** A function tool in OpenAI's request shape. */
export interface OpenAIChatTool {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description?: string; readonly parameters?: Record<string, unknown>; readonly strict?: boolean };
}

/** The body of `POST /chat/completions`; unknown keys come from `extraBody` or provider quirks. */
export interface OpenAIChatRequestBody {
  model: string;
  messages: OpenAIChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage: boolean };
  [field: string]: unknown;
}

/** The body of `POST /embeddings`. */
export interface OpenAIEmbeddingRequestBody {
  model: string;
  input: string[] | number[][];
  encoding_format: 'float' | 'base64';
  dimensions?: number;
  user?: string;
  [field: string]: unknown;
}
