// Kit for providers whose upstream speaks OpenAI chat completions. Dependency-free: it never
// imports the `openai` package; plugins hand it a client that matches OpenAICompatibleClient.
export { createOpenAICompatibleProvider, type OpenAICompatibleProviderOptions, type OpenAICompatibleCapabilities } from './create-openai-compatible-provider.js';
export { createOpenAICompatibleLanguageModel, type OpenAICompatibleLanguageModelOptions } from './create-openai-compatible-language-model.js';
export { createOpenAICompatibleEmbeddingModel, type OpenAICompatibleEmbeddingModelOptions } from './create-openai-compatible-embedding-model.js';
export type { OpenAICompatibleClient, OpenAICompatibleRequestOptions } from './openai-compatible-client.js';
export { createChatCompletionsTransport, UpstreamHttpError, StreamEventError, type ChatCompletionsTransportOptions } from './create-chat-completions-transport.js';
export type { OpenAIChatRequestBody, OpenAIChatMessage, OpenAIChatContentPart, OpenAIChatToolCall, OpenAIChatTool, OpenAIEmbeddingRequestBody } from './openai-chat-types.js';
export { toOpenAIChatRequest, toOpenAIChatMessage, type OpenAIChatRequest, type OpenAIChatRequestDialect } from './to-openai-chat-request.js';
export { fromOpenAIChatCompletion, type FromOpenAIChatCompletionOptions } from './from-openai-chat-completion.js';
export { toStreamParts, type ToStreamPartsOptions } from './to-stream-parts.js';
export { createStreamChunkTranslator, type StreamChunkTranslator } from './stream-chunk-translator.js';
export { mapOpenAIError, rethrowAsProviderError, isCallerAbort, type MapOpenAIErrorContext } from './map-openai-error.js';
export { mapFinishReason } from './map-finish-reason.js';
export { toUsage } from './to-usage.js';
export { parseRetryAfterMs, type HeadersLike } from './parse-retry-after.js';
export { splitThinkTags, createThinkTagSplitter, type ThinkTagSplitter, type ContentPiece } from './think-tag-splitter.js';
export { createCallDeadline, type CallDeadline } from './call-deadline.js';
export { lazyOpenAIServices, type OpenAIServices } from './lazy-openai-services.js';
export { openAISdkBaseOptions, type OpenAISdkBaseOptions } from './openai-sdk-options.js';
