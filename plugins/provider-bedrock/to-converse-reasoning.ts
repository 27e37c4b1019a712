import type { BedrockModelFamily } from './bedrock-model-id.js';
import { toBaseModelId } from './bedrock-model-id.js';
import type { CallWarningCollector } from './call-warning-collector.js';

/** Thinking budgets for Anthropic models, by OpenAI `reasoning_effort` (Anthropic's minimum is 1024). */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1_024, low: 1_024, medium: 2_048, high: 4_096, xhigh: 8_192 };

const EFFORTS = new Set(['low', 'medium', 'high']);

/** How a call asks the model to reason. */
export interface ConverseReasoning {
  /** Merged into `additionalModelRequestFields`. */
  readonly fields: Record<string, unknown>;
  /** The Anthropic thinking budget, when thinking is on (it constrains other parameters). */
  readonly thinkingBudget?: number;
}

/**
 * Maps `reasoning_effort` to what each model family reads in `additionalModelRequestFields`:
 * Anthropic `thinking` with a token budget, gpt-oss `reasoning_effort`, Nova 2 `reasoningConfig`.
 * `none` turns reasoning off; other families cannot be steered and get a warning.
 */
export function toConverseReasoning(effort: string | undefined, family: BedrockModelFamily, modelId: string, warnings: CallWarningCollector): ConverseReasoning {
  if (effort === undefined || effort === 'none') return { fields: {} };
  if (family === 'anthropic') {
    const budget = THINKING_BUDGETS[effort];
    if (budget !== undefined) return { fields: { thinking: { type: 'enabled', budget_tokens: budget } }, thinkingBudget: budget };
  } else if (family === 'openai') {
    if (EFFORTS.has(effort)) return { fields: { reasoning_effort: effort } };
  } else if (family === 'amazon' && /^amazon\.nova-2/.test(toBaseModelId(modelId))) {
    if (EFFORTS.has(effort)) return { fields: { reasoningConfig: { type: 'enabled', maxReasoningEffort: effort } } };
  } else {
    warnings.unsupported('reasoning_effort', `Bedrock model '${modelId}' has no reasoning setting; reasoning_effort was not sent.`);
    return { fields: {} };
  }
  warnings.unsupported('reasoning_effort', `Unsupported reasoning_effort '${effort}' for Bedrock model '${modelId}'; it was not sent.`);
  return { fields: {} };
}
