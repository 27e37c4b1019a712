// Curated public surface of the Switchyard plugin SDK.
// The OpenAI-compatible provider kit for plugins whose upstream speaks OpenAI chat completions
// has its own entry point: sdk/openai-compatible/index.ts.
export { PLUGIN_API_VERSION } from './plugin-api-version.js';
export { defineProviderPlugin, defineSandboxPlugin, defineMcpTransportPlugin, type SwitchyardPlugin } from './define-plugin.js';
export type { PluginContext, Logger } from './plugin-context.js';
export { httpRequestFromFetch, type HttpRequestFunction, type HttpRequestInit, type HttpResponse, type HttpResponseBody, type HttpResponseHeaders } from './http-request.js';
export { PluginManifestSchema, type PluginManifest, type ProviderManifestEntry } from './manifest/plugin-manifest-schema.js';
export { renderPluginSchemaDocument } from './manifest/plugin-schema-document.js';

export { ERROR_CODES, describeErrorCode, type ErrorCode, type ErrorCodeEntry } from './errors/error-codes.js';
export { SwitchyardError, type SwitchyardErrorOptions, type ErrorDetails } from './errors/switchyard-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { ModelNotFoundError } from './errors/model-not-found-error.js';
export { ProviderError, type ProviderErrorCode, type ProviderErrorOptions } from './errors/provider-error.js';
export { PluginError, type PluginErrorCode } from './errors/plugin-error.js';
export { ConfigError, type ConfigProblem } from './errors/config-error.js';

export type {
  TextPart, ImagePart, FilePart, AudioPart, ReasoningPart, ToolCallPart, UserContentPart, AssistantContentPart,
  SystemMessage, UserMessage, AssistantMessage, ToolMessage, PromptMessage,
} from './provider/prompt.js';
export type { CallOptions, FunctionTool, ToolChoice, ResponseFormat } from './provider/call-options.js';
export type { Usage, FinishReason } from './provider/usage.js';
export type {
  StreamPart, ResponseMetadataPart, TextDeltaPart, ReasoningDeltaPart, RefusalDeltaPart, ToolCallStartPart,
  ToolCallDeltaPart, ToolCallEndPart, LogprobsPart, UsagePart, FinishPart, ErrorPart,
} from './provider/stream-part.js';
export type { LanguageModel, GenerateResult, GeneratedChoice, GeneratedToolCall, StreamResult, CallWarning } from './provider/language-model.js';
export type { EmbeddingModel, EmbedOptions, EmbedResult } from './provider/embedding-model.js';
export type { ModelMetadata, ModelListing, CredentialCheck } from './provider/model-metadata.js';
export type { Provider, ProviderSettings } from './provider/provider.js';
export { truncatedJsonSuffix, repairTruncatedJson } from './provider/repair-truncated-json.js';
export { toPartStream, type PartTranslator, type ToPartStreamOptions } from './provider/to-part-stream.js';
export { lazyModule } from './lazy-module.js';
export { toVendorSdkLogger, type VendorSdkLogger } from './vendor-sdk-logger.js';
export { isRecord, readString, readNumber, readRecord } from './openai-compatible/json-guards.js';
export type { ProviderPlugin, ProviderFactory } from './provider/provider-plugin.js';

export type { SandboxSession, SandboxRunOptions, SandboxRunResult } from './sandbox/sandbox-session.js';
export type { SandboxPlugin, SandboxFactory, SandboxSessionOptions } from './sandbox/sandbox-plugin.js';
export type { McpTransport, McpTransportConfig, JsonRpcMessage } from './mcp-transport/mcp-transport.js';
export type { McpTransportPlugin, McpTransportFactory } from './mcp-transport/mcp-transport-plugin.js';
