import { SwitchyardError } from '../../sdk/index.js';

/** The `@google/genai` module namespace. */
export type GoogleSdk = typeof import('@google/genai');

let loading: Promise<GoogleSdk> | undefined;

/**
 * Imports `@google/genai` on first call and shares that import afterwards, so loading the
 * plugin stays cheap. A failed import is a gateway fault (GATEWAY_INTERNAL), never a provider error.
 */
export async function loadGoogleSdk(): Promise<GoogleSdk> {
  try {
    return await (loading ??= import('@google/genai'));
  } catch (cause) {
    throw new SwitchyardError('GATEWAY_INTERNAL', { message: `Could not load @google/genai: ${cause instanceof Error ? cause.message : String(cause)}`, cause });
  }
}
