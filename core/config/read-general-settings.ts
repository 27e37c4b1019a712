import { childPath, type ConfigMap, type ConfigReader } from './config-reader.js';

/** The `general_settings` Switchyard reads. */
export interface GeneralSettings {
  masterKey?: string;
  databaseUrl?: string;
  maxRequestBodyBytes?: number;
}

const BYTES_PER_MB = 1024 * 1024;

/** Reads `general_settings`: supported keys are checked, the other LiteLLM keys only warned about. */
export function readGeneralSettings(reader: ConfigReader, raw: unknown, path = 'general_settings'): GeneralSettings {
  const map = reader.map(raw, path, 'a mapping of settings');
  const out: GeneralSettings = {};
  if (!map) return out;
  for (const [key, value] of Object.entries(map)) {
    if (reader.classifyKey('general_settings', key, path) !== 'supported') continue;
    const at = childPath(path, key);
    if (key === 'master_key') out.masterKey = reader.string(value, at, { secret: true });
    else if (key === 'database_url') out.databaseUrl = reader.string(value, at, { secret: true, expected: 'a database URL string' });
    else if (key === 'max_request_size_mb') {
      const mb = reader.number(value, at, 'a positive number of megabytes', (n) => n > 0);
      if (mb !== undefined) out.maxRequestBodyBytes = Math.floor(mb * BYTES_PER_MB);
    }
  }
  return out;
}

/**
 * Reads `router_settings` or `litellm_settings` as written (after interpolation): every key is
 * classified (unknown keys fail, unsupported ones warn). Interpolation is lenient, so an ignored
 * setting cannot block start-up; the supported keys are validated by `readRouterSettings`.
 */
export function readLitellmSection(reader: ConfigReader, raw: unknown, section: 'router_settings' | 'litellm_settings'): ConfigMap {
  const map = reader.map(raw, section, 'a mapping of settings');
  const out: ConfigMap = {};
  if (!map) return out;
  for (const [key, value] of Object.entries(map)) {
    const kind = reader.classifyKey(section, key, section);
    if (kind === 'unknown') continue;
    // Lenient even for supported keys: readRouterSettings validates those (and reports missing variables) once.
    const resolved = reader.resolve(value, childPath(section, key), true);
    if (resolved !== undefined) out[key] = resolved;
  }
  return out;
}
