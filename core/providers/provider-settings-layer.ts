import type { ProviderManifestEntry, ProviderSettings } from '../../sdk/index.js';

/** A partial set of provider settings from one source (manifest defaults, env, config, deployment). */
export interface ProviderSettingsLayer {
  readonly apiKey?: string;
  readonly baseURL?: string;
  readonly apiVersion?: string;
  readonly organization?: string;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** The manifest's defaults for a provider name. */
export function defaultsLayer(entry: ProviderManifestEntry): ProviderSettingsLayer {
  const defaults = entry.defaults ?? {};
  return { baseURL: defaults.baseURL, apiVersion: defaults.apiVersion, headers: defaults.headers, options: defaults.options };
}

/**
 * Reads the provider's declared environment variables. `enabled` is true when a variable
 * marked `enables` is set (non-empty): that is how providers switch on with no config file.
 */
export function environmentLayer(entry: ProviderManifestEntry, env: Readonly<Record<string, string | undefined>>): { enabled: boolean; layer: ProviderSettingsLayer } {
  let enabled = false;
  const layer: { -readonly [K in keyof ProviderSettingsLayer]: ProviderSettingsLayer[K] } = {};
  const headers: Record<string, string> = {};
  const options: Record<string, unknown> = {};
  for (const variable of entry.envVars ?? []) {
    const value = env[variable.name];
    if (value === undefined || value === '') continue;
    if (variable.enables) enabled = true;
    const [head, ...rest] = variable.setting.split('.');
    if (head === 'headers') headers[rest.join('.')] = value;
    else if (head === 'options') options[rest.join('.')] = value;
    else if (head === 'apiKey' || head === 'baseURL' || head === 'apiVersion' || head === 'organization') layer[head] = value;
  }
  if (Object.keys(headers).length > 0) layer.headers = headers;
  if (Object.keys(options).length > 0) layer.options = options;
  return { enabled, layer };
}

/** Merges layers, later ones winning field by field; headers and options merge key by key. */
export function mergeProviderSettings(name: string, layers: readonly (ProviderSettingsLayer | undefined)[]): ProviderSettings {
  let apiKey: string | undefined;
  let baseURL: string | undefined;
  let apiVersion: string | undefined;
  let organization: string | undefined;
  let timeoutMs: number | undefined;
  let headers: Record<string, string> = {};
  let options: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    apiKey = layer.apiKey ?? apiKey;
    baseURL = layer.baseURL ?? baseURL;
    apiVersion = layer.apiVersion ?? apiVersion;
    organization = layer.organization ?? organization;
    timeoutMs = layer.timeoutMs ?? timeoutMs;
    if (layer.headers) headers = { ...headers, ...layer.headers };
    if (layer.options) options = { ...options, ...layer.options };
  }
  return {
    name,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(baseURL !== undefined ? { baseURL } : {}),
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(organization !== undefined ? { organization } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    options,
  };
}
