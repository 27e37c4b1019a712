/**
 * The provider-neutral prompt: what the proxy hands every language model, whatever wire
 * format the client spoke. Providers translate it to their own API.
 */

/** Plain text. */
export interface TextPart { readonly type: 'text'; readonly text: string }

/** An image by URL: an `https:` URL or a `data:` URL with base64 content. */
export interface ImagePart { readonly type: 'image'; readonly url: string; readonly detail?: 'auto' | 'low' | 'high' }

/** A file sent inline (`data` is base64) or by provider file id. */
export interface FilePart { readonly type: 'file'; readonly data?: string; readonly fileId?: string; readonly filename?: string; readonly mediaType?: string }

/** Audio sent inline (`data` is base64). */
export interface AudioPart { readonly type: 'audio'; readonly data: string; readonly format: string }

/** Reasoning a model produced earlier, sent back so the provider can continue it. */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  /** Opaque signature some providers (Anthropic) require to accept reasoning back. */
  readonly signature?: string;
  /** Encrypted reasoning the provider returned instead of text. */
  readonly redactedData?: string;
}

/** A tool call the assistant made. `arguments` is the JSON text as produced by the model. */
export interface ToolCallPart { readonly type: 'tool-call'; readonly id: string; readonly name: string; readonly arguments: string }

/** Content a user message may carry. */
export type UserContentPart = TextPart | ImagePart | FilePart | AudioPart;

/** Content an assistant message may carry. */
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart;

/** System instructions; `developer` keeps the OpenAI role distinction for providers that have it. */
export interface SystemMessage { readonly role: 'system'; readonly content: string; readonly developer?: boolean; readonly name?: string }

/** A user turn. */
export interface UserMessage { readonly role: 'user'; readonly content: readonly UserContentPart[]; readonly name?: string }

/** An assistant turn: text, reasoning and tool calls in order. */
export interface AssistantMessage { readonly role: 'assistant'; readonly content: readonly AssistantContentPart[]; readonly refusal?: string; readonly name?: string }

/** The result of one tool call. */
export interface ToolMessage { readonly role: 'tool'; readonly toolCallId: string; readonly content: readonly TextPart[] }

/** One message of the conversation. */
export type PromptMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
