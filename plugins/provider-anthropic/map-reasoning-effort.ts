import type Anthropic from '@anthropic-ai/sdk';
import type { ThinkingStyle } from './anthropic-model-metadata.js';
import type { UnsupportedParameters } from './create-unsupported-parameters.js';

/** Thinking budgets (`budget_tokens`) for OpenAI `reasoning_effort` values on budget-style models. */
export const THINKING_BUDGETS: Readonly<Record<string, number>> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16_384,
  xhigh: 32_768,
  max: 32_768,
};

/** The smallest budget the API accepts. */
export const MIN_THINKING_BUDGET = 1024;

type Effort = NonNullable<Anthropic.OutputConfig['effort']>;

const ADAPTIVE_EFFORTS: Readonly<Record<string, Effort>> = { minimal: 'low', low: 'low', medium: 'medium', high: 'high', xhigh: 'xhigh', max: 'max' };

/** What `reasoning_effort` turns into: the `thinking` field and, for adaptive models, `output_config.effort`. */
export interface ThinkingRequest {
  readonly thinking: Anthropic.ThinkingConfigParam;
  readonly effort?: Effort;
}

/**
 * Maps OpenAI `reasoning_effort` onto Claude thinking. `none` (or no value) sends no thinking
 * field, so the model's default applies. Budget models get `{ type: 'enabled', budget_tokens }`
 * from {@link THINKING_BUDGETS}; adaptive models (Opus 4.6, Sonnet 4.6 and later) get
 * `{ type: 'adaptive' }` with the effort level, `xhigh` lowered to `high` where the model lacks it.
 */
export function mapReasoningEffort(effort: string | undefined, style: ThinkingStyle, xhighEffort: boolean, unsupported: UnsupportedParameters): ThinkingRequest | undefined {
  if (effort === undefined || effort === 'none') return undefined;
  if (style === 'none') {
    unsupported.drop('reasoning_effort', 'This Claude model has no extended thinking; reasoning_effort was ignored.');
    return undefined;
  }
  if (style === 'budget') {
    const budget = THINKING_BUDGETS[effort];
    if (budget !== undefined) return { thinking: { type: 'enabled', budget_tokens: budget } };
  } else {
    const level = ADAPTIVE_EFFORTS[effort];
    if (level === 'xhigh' && !xhighEffort) {
      unsupported.drop('reasoning_effort', "This Claude model has no 'xhigh' effort; 'high' was sent.");
      return { thinking: { type: 'adaptive' }, effort: 'high' };
    }
    if (level !== undefined) return { thinking: { type: 'adaptive' }, effort: level };
  }
  unsupported.drop('reasoning_effort', `Unknown reasoning_effort '${effort}' (expected none, minimal, low, medium, high or xhigh); it was ignored.`);
  return undefined;
}
