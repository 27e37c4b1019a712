/** Model vendors on Bedrock whose request or response details differ. */
export type BedrockModelFamily = 'anthropic' | 'amazon' | 'meta' | 'mistral' | 'cohere' | 'deepseek' | 'openai' | 'ai21' | 'qwen' | 'writer' | 'other';

const FAMILIES: readonly BedrockModelFamily[] = ['anthropic', 'amazon', 'meta', 'mistral', 'cohere', 'deepseek', 'openai', 'ai21', 'qwen', 'writer'];

/** Geography prefixes of cross-region inference profile ids (`us.anthropic.claude-…`). */
const PROFILE_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;

/**
 * The model id to send to Bedrock. LiteLLM spells the API route into the model name
 * (`bedrock/converse/<id>`, `bedrock/invoke/<id>`); Switchyard always uses Converse for chat,
 * so the route prefix is dropped. Inference-profile ids and ARNs pass through unchanged.
 */
export function toBedrockModelId(modelId: string): string {
  return modelId.replace(/^(converse|invoke)\//, '');
}

/**
 * The foundation model an id refers to, for metadata and family lookups: the resource part of
 * an ARN (`arn:aws:bedrock:…:inference-profile/us.anthropic.claude-…` → `anthropic.claude-…`)
 * without its geography prefix. Application inference profiles and provisioned throughput ARNs
 * name no model and come back as their opaque resource id.
 */
export function toBaseModelId(modelId: string): string {
  let id = toBedrockModelId(modelId);
  if (id.startsWith('arn:')) id = id.slice(id.lastIndexOf('/') + 1);
  return id.replace(PROFILE_PREFIX, '');
}

/** The vendor of a model id (`anthropic`, `amazon`, …), or `other` when the id does not say. */
export function bedrockModelFamily(modelId: string): BedrockModelFamily {
  const vendor = toBaseModelId(modelId).split('.')[0] ?? '';
  return FAMILIES.includes(vendor as BedrockModelFamily) ? (vendor as BedrockModelFamily) : 'other';
}
