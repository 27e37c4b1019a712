import { childPath, describeValue, isConfigMap, type ConfigReader } from './config-reader.js';
import type { ConfiguredProviderSettings } from './host-config.js';
import { compactSettings, readConnectionSetting, type ConnectionKey, type ConnectionSettings } from './read-connection-setting.js';

const PROVIDER_KEYS: readonly string[] = ['api_key', 'api_base', 'api_version', 'organization', 'timeout', 'headers', 'options'];

/** Same rule as a manifest's provider `name`, so a typo here cannot name a provider that can never exist. */
const PROVIDER_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Reads Switchyard's `providers:` map (not a LiteLLM key): provider name → connection settings,
 * spelled like `litellm_params` (`api_key`, `api_base`, ...) plus `headers` and free-form `options`.
 */
export function readProviders(reader: ConfigReader, raw: unknown, path = 'providers'): Record<string, ConfiguredProviderSettings> {
  const map = reader.map(raw, path, 'a mapping of provider name to settings');
  const out: Record<string, ConfiguredProviderSettings> = {};
  if (!map) return out;
  for (const [name, entry] of Object.entries(map)) {
    const at = childPath(path, name);
    if (!PROVIDER_NAME.test(name)) {
      reader.fail(at, 'expected a provider name in lower case (letters, digits, "_", "." or "-"), as used in provider/model handles');
      continue;
    }
    const settings = reader.map(entry, at, 'a mapping of settings (api_key, api_base, api_version, organization, timeout, headers, options)');
    if (!settings) continue;
    const draft: ConnectionSettings & { options?: Record<string, unknown> } = {};
    for (const [key, value] of Object.entries(settings)) {
      if (reader.classifyKey(undefined, key, at, PROVIDER_KEYS) === 'unknown') continue;
      const keyPath = childPath(at, key);
      if (key !== 'options') readConnectionSetting(reader, key as ConnectionKey, value, keyPath, draft);
      else if (!isConfigMap(value)) reader.fail(keyPath, `expected a mapping of provider-specific options, got ${describeValue(value)}`);
      else {
        const options = reader.resolve(value, keyPath);
        if (isConfigMap(options)) draft.options = options;
      }
    }
    out[name] = compactSettings(draft);
  }
  return out;
}
