import type Anthropic from '@anthropic-ai/sdk';
import { ProviderError, toVendorSdkLogger, type Logger, type PluginContext, type ProviderSettings } from '../../sdk/index.js';
import type { AnthropicSdk } from './load-anthropic-sdk.js';

/** Where the Messages API lives when no `api_base` is configured. */
export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** The `anthropic-version` sent when none is configured: the version SDK 1.x is written for. */
export const DEFAULT_API_VERSION = '2026-10-21';

/** How the credential travels: Anthropic's own `x-api-key` header, or `Authorization: Bearer`. */
export type AuthHeader = 'x-api-key' | 'bearer';

/** The connection as the plugin resolved it from settings (exposed for logs and tests). */
export interface AnthropicConnection {
  readonly baseURL: string;
  readonly apiVersion: string;
  readonly authHeader: AuthHeader;
}

/**
 * Resolves base URL, API version and auth style from settings. A trailing `/v1` on `api_base` is
 * removed because the SDK appends `/v1/messages` itself. `options.auth_header: bearer` (or a
 * credential given only as `options.auth_token`, the `ANTHROPIC_AUTH_TOKEN` variable) sends
 * `Authorization: Bearer`; otherwise the key goes in `x-api-key`.
 */
export function resolveAnthropicConnection(settings: ProviderSettings, logger: Logger): AnthropicConnection {
  const configured = settings.options['auth_header'];
  let authHeader: AuthHeader = settings.apiKey === undefined && typeof settings.options['auth_token'] === 'string' ? 'bearer' : 'x-api-key';
  if (typeof configured === 'string' && /^(bearer|authorization)$/i.test(configured)) authHeader = 'bearer';
  else if (typeof configured === 'string' && /^x-api-key$/i.test(configured)) authHeader = 'x-api-key';
  else if (configured !== undefined) logger.warn("ignoring provider option 'auth_header': expected 'x-api-key' or 'bearer'", { provider: settings.name });
  const baseURL = (settings.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v1$/, '');
  return { baseURL, apiVersion: settings.apiVersion ?? DEFAULT_API_VERSION, authHeader };
}

/**
 * Builds the client from the loaded `sdk`. Every setting is explicit so the SDK never reads
 * ANTHROPIC_* variables behind the gateway's back; retries are off (the router owns them); requests
 * go through the gateway's pooled fetch. Fails with PROVIDER_NOT_CONFIGURED when there is no credential.
 */
export function createAnthropicClient(settings: ProviderSettings, context: PluginContext, sdk: AnthropicSdk): Anthropic {
  const token = settings.options['auth_token'];
  const credential = settings.apiKey !== undefined && settings.apiKey !== '' ? settings.apiKey : typeof token === 'string' && token !== '' ? token : undefined;
  if (credential === undefined) {
    throw new ProviderError('PROVIDER_NOT_CONFIGURED', {
      message: `Provider '${settings.name}' has no API key: set ANTHROPIC_API_KEY or providers.${settings.name}.api_key.`,
      provider: settings.name,
    });
  }
  const connection = resolveAnthropicConnection(settings, context.logger);
  // SDK 1.x sends every credential as a Bearer token; x-api-key mode swaps it for Anthropic's header.
  const auth = connection.authHeader === 'x-api-key' ? { 'x-api-key': credential, Authorization: null } : {};
  return new sdk.Anthropic({
    apiKey: credential,
    baseURL: connection.baseURL,
    fetch: context.fetch,
    maxRetries: 0,
    ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
    // Configured headers come last: an explicit `Authorization` in extra_headers is kept as given.
    defaultHeaders: { 'anthropic-version': connection.apiVersion, ...auth, ...settings.headers },
    logger: toVendorSdkLogger(context.logger, 'anthropic sdk'),
    logLevel: 'warn',
    openTelemetry: false,
  });
}

