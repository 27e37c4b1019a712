import type { ThinkingConfig, ThinkingLevel } from '@google/genai';
import { InvalidRequestError } from '../../sdk/index.js';
import type { CallWarnings } from './call-warnings.js';

const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
type Effort = (typeof EFFORTS)[number];

/** Gemini 2.5 token budgets per effort (LiteLLM's values; 512 is the smallest every 2.5 model takes). */
const BUDGETS: Readonly<Record<Effort, number>> = { none: 0, minimal: 512, low: 1024, medium: 2048, high: 4096, xhigh: 16_384 };
/** Gemini 2.5 Pro cannot stop thinking; 128 is its smallest budget. */
const PRO_MINIMUM_BUDGET = 128;

/**
 * Translates OpenAI `reasoning_effort` into Gemini's thinking config, asking for thought
 * summaries (`includeThoughts`) unless the effort is `none`:
 *
 * | effort  | Gemini 3 Flash | Gemini 3 Pro        | Gemini 2.5 (budget)        |
 * | none    | MINIMAL        | LOW (warning)       | 0 (Pro: 128, warning)      |
 * | minimal | MINIMAL        | LOW (warning)       | 512 (Pro: 128)             |
 * | low     | LOW            | LOW                 | 1024                       |
 * | medium  | MEDIUM         | HIGH on 3.0 Pro (warning), else MEDIUM | 2048    |
 * | high    | HIGH           | HIGH                | 4096                       |
 * | xhigh   | HIGH           | HIGH                | 16384                      |
 *
 * Models without thinking (Gemini 2.0, 1.5, Gemma) drop the parameter with a warning. An effort
 * outside OpenAI's values is a 400.
 */
export function toThinkingConfig(modelId: string, effort: string, warnings: CallWarnings): ThinkingConfig | undefined {
  if (!(EFFORTS as readonly string[]).includes(effort)) {
    throw new InvalidRequestError({ message: `Invalid value for 'reasoning_effort': expected one of ${EFFORTS.join(', ')}, got '${effort}'.`, param: 'reasoning_effort' });
  }
  const value = effort as Effort;
  const model = modelId.slice(modelId.lastIndexOf('/') + 1);
  if (/^(gemini-(1\.|2\.0)|gemma)|-image/.test(model)) {
    warnings.add('reasoning_effort', `${model} does not think; 'reasoning_effort' was not sent.`);
    return undefined;
  }
  const includeThoughts = value !== 'none';
  const pro = /-pro\b/.test(model);
  if (/^gemini-3/.test(model)) return { includeThoughts, thinkingLevel: thinkingLevel(model, value, pro, warnings) };
  let thinkingBudget = BUDGETS[value];
  if (pro && thinkingBudget < PRO_MINIMUM_BUDGET) {
    warnings.add('reasoning_effort', `${model} cannot turn thinking off; it thinks with the smallest budget (${PRO_MINIMUM_BUDGET} tokens).`);
    thinkingBudget = PRO_MINIMUM_BUDGET;
  } else if (pro && value === 'minimal') thinkingBudget = PRO_MINIMUM_BUDGET;
  return { includeThoughts, thinkingBudget };
}

/** The SDK's string enum member by its value, so translation runs without loading the SDK. */
const level = (value: `${ThinkingLevel}`): ThinkingLevel => value as ThinkingLevel;

function thinkingLevel(model: string, effort: Effort, pro: boolean, warnings: CallWarnings): ThinkingLevel {
  switch (effort) {
    case 'none':
    case 'minimal':
      if (!pro) return level('MINIMAL');
      warnings.add('reasoning_effort', `${model} has no '${effort}' thinking level; it thinks at level low.`);
      return level('LOW');
    case 'low':
      return level('LOW');
    case 'medium':
      if (!/^gemini-3-pro/.test(model)) return level('MEDIUM');
      warnings.add('reasoning_effort', `${model} has no 'medium' thinking level; it thinks at level high.`);
      return level('HIGH');
    default:
      return level('HIGH');
  }
}
