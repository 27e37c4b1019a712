/**
 * Sets up the Bedrock plugin the way the loader does and points it at a fake upstream, always
 * with explicit credentials and region so no test reaches the AWS credential chain (IMDS, SSO).
 */
import type { CallOptions, Provider, ProviderSettings } from '../../../sdk/index.js';
import bedrockPlugin from '../../../plugins/provider-bedrock/index.js';
import { testPluginContext } from '../provider-harness.js';

/** Test credentials: enough for SigV4 signing, never valid anywhere. */
export const TEST_AWS_OPTIONS = { aws_access_key_id: 'AKIDTEST', aws_secret_access_key: 'secret', aws_region_name: 'us-east-1' } as const;

/** The Bedrock provider pointed at `baseURL`. */
export async function bedrockAt(baseURL: string, extra: Partial<ProviderSettings> = {}): Promise<Provider> {
  const factory = await bedrockPlugin.setup(testPluginContext('provider-bedrock'));
  const { options, ...rest } = extra;
  return factory.createProvider({ name: 'bedrock', baseURL, ...rest, options: { ...TEST_AWS_OPTIONS, ...options } });
}

/** A one-turn user prompt. */
export function userSays(text: string, extra: Partial<CallOptions> = {}): CallOptions {
  return { messages: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra };
}
