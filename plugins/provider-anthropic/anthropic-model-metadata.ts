import type { ModelMetadata } from '../../sdk/index.js';

/** How a model takes `thinking`: none at all, a token budget, or adaptive thinking steered by effort. */
export type ThinkingStyle = 'none' | 'budget' | 'adaptive';

/** Published limits of a Claude model plus what the request translation must know about it. */
export interface AnthropicModelProfile {
  readonly metadata: ModelMetadata;
  readonly thinking: ThinkingStyle;
  /** Accepts `temperature` / `top_p` (Opus 4.7 and later answer "deprecated for this model"). */
  readonly sampling: boolean;
  /** Accepts native structured output (`output_config.format`) and strict tools. */
  readonly structuredOutputs: boolean;
  /** Accepts `output_config.effort: "xhigh"`. */
  readonly xhighEffort: boolean;
}

/** `max_tokens` sent for a model this table does not know when the caller set none. */
export const FALLBACK_MAX_OUTPUT_TOKENS = 4096;

const profile = (contextWindow: number, maxOutputTokens: number, thinking: ThinkingStyle, flags: { sampling?: boolean; structured?: boolean; xhigh?: boolean } = {}): AnthropicModelProfile => ({
  metadata: { contextWindow, maxOutputTokens, supportsReasoning: thinking !== 'none', supportsTools: true, supportsVision: true },
  thinking,
  sampling: flags.sampling ?? true,
  structuredOutputs: flags.structured ?? true,
  xhighEffort: flags.xhigh ?? false,
});

const legacy = { structured: false } as const;
const noSampling = { sampling: false, xhigh: true } as const;

/** Current and recent Claude models by undated id (aliases included). */
export const ANTHROPIC_MODEL_PROFILES: Readonly<Record<string, AnthropicModelProfile>> = {
  'claude-3-haiku': profile(200_000, 4_096, 'none', legacy),
  'claude-3-5-haiku': profile(200_000, 8_192, 'none', legacy),
  'claude-3-5-sonnet': profile(200_000, 8_192, 'none', legacy),
  'claude-3-7-sonnet': profile(200_000, 64_000, 'budget', legacy),
  'claude-sonnet-4': profile(200_000, 64_000, 'budget', legacy),
  'claude-sonnet-4-0': profile(200_000, 64_000, 'budget', legacy),
  'claude-opus-4': profile(200_000, 32_000, 'budget', legacy),
  'claude-opus-4-0': profile(200_000, 32_000, 'budget', legacy),
  'claude-opus-4-1': profile(200_000, 32_000, 'budget'),
  'claude-sonnet-4-5': profile(200_000, 64_000, 'budget'),
  'claude-haiku-4-5': profile(200_000, 64_000, 'budget'),
  'claude-opus-4-5': profile(200_000, 64_000, 'budget'),
  'claude-opus-4-6': profile(1_000_000, 128_000, 'adaptive'),
  'claude-sonnet-4-6': profile(1_000_000, 64_000, 'adaptive'),
  'claude-opus-4-7': profile(1_000_000, 128_000, 'adaptive', noSampling),
  'claude-opus-4-8': profile(1_000_000, 128_000, 'adaptive', noSampling),
  'claude-mythos-preview': profile(1_000_000, 128_000, 'adaptive', noSampling),
};

/**
 * Generation 5 and later (Fable, Mythos, Opus, Sonnet, Haiku 5.x): adaptive thinking only, no
 * sampling parameters. The output limit is the smallest published for the line, so a default
 * `max_tokens` taken from it is always accepted.
 */
const GENERATION_FIVE = profile(1_000_000, 64_000, 'adaptive', noSampling);
const GENERATION = /^claude-(?:opus|sonnet|haiku|fable|mythos)-(\d+)(?:-\d+)?$/;

/** The table key for a model id: dated snapshots, `-latest` and Vertex `@date` suffixes removed. */
export function canonicalModelId(modelId: string): string {
  return modelId.replace(/@.*$/, '').replace(/-latest$/, '').replace(/-\d{8}$/, '');
}

/** What is known about a Claude model id, or undefined for ids this table does not know. */
export function anthropicModelProfile(modelId: string): AnthropicModelProfile | undefined {
  const id = canonicalModelId(modelId);
  const known = ANTHROPIC_MODEL_PROFILES[id];
  if (known !== undefined) return known;
  const generation = GENERATION.exec(id);
  return generation !== null && Number(generation[1]) >= 5 ? GENERATION_FIVE : undefined;
}

/** Metadata (context window, max output, features) for a Claude model id. */
export function anthropicModelMetadata(modelId: string): ModelMetadata | undefined {
  return anthropicModelProfile(modelId)?.metadata;
}
