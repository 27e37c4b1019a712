import type { ConfigReader } from './config-reader.js';

/** The connection fields a config file can set, in `ProviderSettings` spelling. */
export interface ConnectionSettings {
  apiKey?: string;
  baseURL?: string;
  apiVersion?: string;
  organization?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** Config keys (LiteLLM spelling) that map onto {@link ConnectionSettings}. */
export const CONNECTION_KEYS = ['api_key', 'api_base', 'api_version', 'organization', 'timeout', 'extra_headers', 'headers'] as const;

/** One of {@link CONNECTION_KEYS}. */
export type ConnectionKey = (typeof CONNECTION_KEYS)[number];

/** True when `key` is one of {@link CONNECTION_KEYS}. */
export function isConnectionKey(key: string): key is ConnectionKey {
  return (CONNECTION_KEYS as readonly string[]).includes(key);
}

/**
 * Reads one connection key into `into` and returns the resolved value (what `params` keeps),
 * or `undefined` after recording a problem. Shared by `litellm_params` and `providers.<name>`
 * so both spell and check these fields the same way.
 */
export function readConnectionSetting(reader: ConfigReader, key: ConnectionKey, raw: unknown, path: string, into: ConnectionSettings): unknown {
  switch (key) {
    case 'api_key':
      return (into.apiKey = reader.string(raw, path, { secret: true }));
    case 'api_base':
      return (into.baseURL = reader.url(raw, path));
    case 'api_version':
      return (into.apiVersion = reader.string(raw, path, { expected: 'a string (quote dates such as "2024-10-21")' }));
    case 'organization':
      return (into.organization = reader.string(raw, path));
    case 'timeout': {
      const seconds = reader.number(raw, path, 'a number of seconds', (n) => n > 0);
      if (seconds !== undefined) into.timeoutMs = Math.round(seconds * 1000);
      return seconds;
    }
    case 'extra_headers':
    case 'headers':
      return (into.headers = reader.stringMap(raw, path, 'a mapping of header name to value'));
  }
}

/** Copies the defined fields of a draft, so results carry no `undefined` members. */
export function compactSettings<T extends object>(draft: T): T {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined)) as T;
}
