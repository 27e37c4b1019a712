import { SwitchyardError } from '../../sdk/index.js';

/** The `@anthropic-ai/sdk` module namespace. */
export type AnthropicSdk = typeof import('@anthropic-ai/sdk');

let loading: Promise<AnthropicSdk> | undefined;

/**
 * Imports `@anthropic-ai/sdk` on first call and shares that import afterwards, so loading the
 * plugin stays cheap. A failed import is a gateway fault (GATEWAY_INTERNAL), never a provider error.
 */
export async function loadAnthropicSdk(): Promise<AnthropicSdk> {
  try {
    return await (loading ??= import('@anthropic-ai/sdk'));
  } catch (cause) {
    throw new SwitchyardError('GATEWAY_INTERNAL', { message: `Could not load @anthropic-ai/sdk: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
}
