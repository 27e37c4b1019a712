import type { PromptMessage } from '../../sdk/index.js';

/** Tokens an image is counted as (OpenAI's low-detail cost); enough for a pre-call estimate. */
const IMAGE_TOKENS = 85;
/** Per-message overhead of chat formats (role markers). */
const MESSAGE_TOKENS = 4;

/**
 * A cheap estimate of a prompt's size in tokens (about four characters a token), used by
 * `enable_pre_call_checks` to skip deployments whose context window cannot hold the prompt.
 * Deliberately approximate: no tokenizer runs on the hot path.
 */
export function estimatePromptTokens(messages: readonly PromptMessage[]): number {
  let characters = 0;
  let tokens = 0;
  for (const message of messages) {
    tokens += MESSAGE_TOKENS;
    if (typeof message.content === 'string') {
      characters += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
      else if (part.type === 'tool-call') characters += part.name.length + part.arguments.length;
      else if (part.type === 'image') tokens += IMAGE_TOKENS;
      else if (part.type === 'file' || part.type === 'audio') characters += (part.data?.length ?? 0) * 0.75;
    }
  }
  return tokens + Math.ceil(characters / 4);
}
