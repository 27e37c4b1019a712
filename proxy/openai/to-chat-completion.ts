import type { GeneratedChoice, GenerateResult } from '../../sdk/index.js';
import { toResponseIdentity } from './response-identity.js';
import { toOpenAIUsage } from './to-openai-usage.js';

/**
 * Reasoning blocks in LiteLLM's `thinking_blocks` shape, so clients can send them back on the
 * next turn (Anthropic rejects a tool-use turn whose thinking lost its signature).
 */
function toThinkingBlocks(choice: GeneratedChoice): Record<string, unknown>[] | undefined {
  if (choice.reasoningBlocks && choice.reasoningBlocks.length > 0) {
    return choice.reasoningBlocks.map((block) =>
      block.redactedData !== undefined
        ? { type: 'redacted_thinking', data: block.redactedData }
        : { type: 'thinking', thinking: block.text, ...(block.signature !== undefined ? { signature: block.signature } : {}) },
    );
  }
  if (choice.reasoningSignature !== undefined) return [{ type: 'thinking', thinking: choice.reasoning ?? '', signature: choice.reasoningSignature }];
  return undefined;
}

/** Converts a neutral result into an OpenAI `chat.completion` object that validates against the spec. */
export function toChatCompletion(result: GenerateResult, requestedModel: string): Record<string, unknown> {
  const identity = toResponseIdentity(result, requestedModel);
  const completion: Record<string, unknown> = {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: result.choices.map((choice) => {
      const message: Record<string, unknown> = { role: 'assistant', content: choice.text ?? null, refusal: choice.refusal ?? null };
      if (choice.toolCalls.length > 0) {
        message['tool_calls'] = choice.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
      }
      if (choice.reasoning !== undefined) message['reasoning_content'] = choice.reasoning;
      const blocks = toThinkingBlocks(choice);
      if (blocks) message['thinking_blocks'] = blocks;
      return { index: choice.index, message, logprobs: choice.logprobs ?? null, finish_reason: choice.finishReason };
    }),
  };
  if (result.usage) completion['usage'] = toOpenAIUsage(result.usage);
  if (identity.systemFingerprint !== undefined) completion['system_fingerprint'] = identity.systemFingerprint;
  if (identity.serviceTier !== undefined) completion['service_tier'] = identity.serviceTier;
  return completion;
}
