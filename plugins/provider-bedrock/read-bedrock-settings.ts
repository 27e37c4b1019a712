import { ProviderError, type ProviderSettings } from '../../sdk/index.js';

/** How to reach and sign in to Bedrock, read from provider settings. */
export interface BedrockConnection {
  /** Undefined: the SDK's own chain (AWS_REGION, the profile's region, instance metadata). */
  readonly region?: string;
  /** A custom endpoint (a proxy, a local fake, a VPC endpoint); undefined: the regional AWS one. */
  readonly endpoint?: string;
  /** Static keys; undefined: a profile, a bearer token or the default credential chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  readonly profile?: string;
  /** A Bedrock API key, sent as a bearer token instead of SigV4. */
  readonly bearerToken?: string;
  /** `native`, `tool` or `auto` (native for models known to support it). */
  readonly structuredOutput: 'auto' | 'native' | 'tool';
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Reads LiteLLM's AWS fields from `settings.options` (`aws_access_key_id`, `aws_secret_access_key`,
 * `aws_session_token`, `aws_region_name`, `aws_profile_name`, `aws_bedrock_runtime_endpoint`; the
 * manifest maps the standard AWS variables onto them), `api_base` (wins over the runtime
 * endpoint) and `api_key` (a Bedrock API key). Static keys win over a profile, as in AWS's own
 * chain. A session token is dropped for long-term `AKIA…` keys: it belongs to temporary
 * `ASIA…` keys, and one left over from the environment would break a deployment's own keys.
 */
export function readBedrockSettings(settings: ProviderSettings): BedrockConnection {
  const options = settings.options;
  const accessKeyId = text(options['aws_access_key_id']);
  const secretAccessKey = text(options['aws_secret_access_key']);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const missing = accessKeyId === undefined ? 'aws_access_key_id (AWS_ACCESS_KEY_ID)' : 'aws_secret_access_key (AWS_SECRET_ACCESS_KEY)';
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', { message: `Provider '${settings.name}' has half a key pair: set ${missing} too.`, provider: settings.name });
  }
  const sessionToken = text(options['aws_session_token']);
  const endpoint = text(settings.baseURL) ?? text(options['aws_bedrock_runtime_endpoint']);
  const region = text(options['aws_region_name']) ?? regionOfEndpoint(endpoint);
  const profile = text(options['aws_profile_name']);
  const bearerToken = text(settings.apiKey);
  const mode = options['structuredOutput'] ?? options['structured_output'];
  return {
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint: endpoint.replace(/\/+$/, '') } : {}),
    ...(accessKeyId !== undefined && secretAccessKey !== undefined
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined && !accessKeyId.startsWith('AKIA') ? { sessionToken } : {}) } }
      : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(bearerToken !== undefined ? { bearerToken } : {}),
    structuredOutput: mode === 'native' || mode === 'tool' ? mode : 'auto',
  };
}

/** `https://bedrock-runtime.eu-west-1.amazonaws.com` → `eu-west-1`; signing needs the region. */
function regionOfEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  try {
    return /^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(new URL(endpoint).hostname)?.[1];
  } catch {
    return undefined;
  }
}
