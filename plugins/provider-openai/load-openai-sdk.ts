import { SwitchyardError } from '../../sdk/index.js';

/** The `openai` module namespace. */
export type OpenAISdk = typeof import('openai');

let loading: Promise<OpenAISdk> | undefined;

/**
 * Imports the `openai` package on first call and shares that import afterwards, so loading the
 * plugin stays cheap. A failed import is a gateway fault (GATEWAY_INTERNAL), never a provider error.
 */
export async function loadOpenAISdk(): Promise<OpenAISdk> {
  try {
    return await (loading ??= import('openai'));
  } catch (cause) {
    throw new SwitchyardError('GATEWAY_INTERNAL', { message: `Could not load the openai package: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
}
