/**
 * Sets up the Google plugin the way the loader does and points its providers at a fake
 * upstream, with credentials that never reach Google (an API key for `gemini`, a static access
 * token for `vertex_ai`).
 */
import type { CallOptions, Provider, ProviderSettings } from '../../../sdk/index.js';
import googlePlugin from '../../../plugins/provider-google/index.js';
import { testPluginContext } from '../provider-harness.js';

/** The Vertex AI project the tests use. */
export const TEST_PROJECT = 'test-project';
/** The Vertex AI location the tests use. */
export const TEST_LOCATION = 'us-central1';

/** Creates a provider of the Google plugin from `settings`. */
export async function createGoogleTestProvider(settings: Partial<ProviderSettings> & { name: string }): Promise<Provider> {
  const factory = await googlePlugin.setup(testPluginContext('provider-google'));
  return factory.createProvider({ options: {}, ...settings });
}

/** The Gemini API provider pointed at `baseURL`. */
export function geminiAt(baseURL: string, extra: Partial<ProviderSettings> = {}): Promise<Provider> {
  return createGoogleTestProvider({ name: 'gemini', apiKey: 'gemini-test-key', baseURL, ...extra });
}

/** The Vertex AI provider pointed at `baseURL`, authenticating with a static bearer token. */
export function vertexAt(baseURL: string, extra: Partial<ProviderSettings> = {}): Promise<Provider> {
  return createGoogleTestProvider({ name: 'vertex_ai', apiKey: 'vertex-test-token', baseURL, options: { vertex_project: TEST_PROJECT, vertex_location: TEST_LOCATION }, ...extra });
}

/** A one-message user prompt. */
export function userSays(text: string, extra: Partial<CallOptions> = {}): CallOptions {
  return { messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra };
}
