import type { ModelListing, ModelMetadata } from '../../sdk/index.js';
import { toBaseModelId } from './bedrock-model-id.js';

const chat = (contextWindow: number, maxOutputTokens: number | undefined, options: { reasoning?: boolean; vision?: boolean } = {}): ModelMetadata => ({
  contextWindow,
  ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
  supportsReasoning: options.reasoning === true,
  supportsTools: true,
  supportsVision: options.vision === true,
});
const embedding = (contextWindow: number): ModelMetadata => ({ contextWindow, supportsEmbeddings: true, supportsTools: false });
const claude = (maxOutputTokens: number, reasoning: boolean): ModelMetadata => chat(200_000, maxOutputTokens, { reasoning, vision: true });

/** Published limits of Bedrock foundation models, by base model id (no geography prefix). */
export const BEDROCK_MODEL_METADATA: Readonly<Record<string, ModelMetadata>> = {
  'anthropic.claude-3-haiku-20240307-v1:0': claude(4_096, false),
  'anthropic.claude-3-opus-20240229-v1:0': claude(4_096, false),
  'anthropic.claude-3-5-sonnet-20240620-v1:0': claude(4_096, false),
  'anthropic.claude-3-5-sonnet-20241022-v2:0': claude(8_192, false),
  'anthropic.claude-3-5-haiku-20241022-v1:0': claude(8_192, false),
  'anthropic.claude-3-7-sonnet-20250219-v1:0': claude(64_000, true),
  'anthropic.claude-sonnet-4-20250514-v1:0': claude(64_000, true),
  'anthropic.claude-opus-4-20250514-v1:0': claude(32_000, true),
  'anthropic.claude-opus-4-1-20250805-v1:0': claude(32_000, true),
  'anthropic.claude-sonnet-4-5-20250929-v1:0': claude(64_000, true),
  'anthropic.claude-haiku-4-5-20251001-v1:0': claude(64_000, true),
  'anthropic.claude-opus-4-5-20251101-v1:0': claude(64_000, true),
  'amazon.nova-micro-v1:0': chat(128_000, 10_000),
  'amazon.nova-lite-v1:0': chat(300_000, 10_000, { vision: true }),
  'amazon.nova-pro-v1:0': chat(300_000, 10_000, { vision: true }),
  'amazon.nova-premier-v1:0': chat(1_000_000, 32_000, { vision: true }),
  'meta.llama3-3-70b-instruct-v1:0': chat(128_000, undefined),
  'meta.llama3-1-70b-instruct-v1:0': chat(128_000, undefined),
  'meta.llama3-1-8b-instruct-v1:0': chat(128_000, undefined),
  'mistral.mistral-large-2407-v1:0': chat(128_000, undefined),
  'deepseek.r1-v1:0': chat(128_000, 32_768, { reasoning: true }),
  'openai.gpt-oss-120b-1:0': chat(128_000, undefined, { reasoning: true }),
  'openai.gpt-oss-20b-1:0': chat(128_000, undefined, { reasoning: true }),
  'amazon.titan-embed-text-v1': embedding(8_192),
  'amazon.titan-embed-text-v2:0': embedding(8_192),
  'cohere.embed-english-v3': embedding(512),
  'cohere.embed-multilingual-v3': embedding(512),
};

/**
 * Models that accept Converse's native structured output (`outputConfig.textFormat`); every
 * other model gets `response_format` through a forced tool call.
 */
const NATIVE_STRUCTURED_OUTPUT = /^anthropic\.claude-(sonnet-4-5|haiku-4-5|opus-4-5|opus-4-6)/;

/** Metadata for a model id, inference-profile id or foundation-model ARN, if known. */
export function bedrockModelMetadata(modelId: string): ModelMetadata | undefined {
  return BEDROCK_MODEL_METADATA[toBaseModelId(modelId)];
}

/** Whether the model is known to support `outputConfig.textFormat` (json_schema). */
export function supportsNativeStructuredOutput(modelId: string): boolean {
  return NATIVE_STRUCTURED_OUTPUT.test(toBaseModelId(modelId));
}

/** Every model of the table, as listed by `listModels` (the control-plane listing is another AWS client). */
export function listBedrockModels(): ModelListing[] {
  return Object.entries(BEDROCK_MODEL_METADATA).map(([id, metadata]) => ({ id, ownedBy: id.split('.')[0] ?? 'bedrock', metadata }));
}
