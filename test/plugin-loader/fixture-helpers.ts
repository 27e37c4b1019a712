import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger, PluginContext, PluginManifest } from '../../sdk/index.js';
import { httpRequestFromFetch } from '../../sdk/index.js';
import type { LoadPluginsOptions, PluginSource } from '../../core/plugin-loader/index.js';

/** Root of the loader's fixture plugin folders. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/plugins');

/** One log call captured by {@link createRecordingLogger}. */
export interface LogRecord {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** A logger that keeps every record in `records` (children share the list). */
export function createRecordingLogger(records: LogRecord[] = [], base: Record<string, unknown> = {}): Logger & { records: LogRecord[] } {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => void records.push({ level, message, fields: { ...base, ...fields } });
  return {
    records,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createRecordingLogger(records, { ...base, ...fields }),
  };
}

/** A fixture case folder as a `directory` source. */
export const fixtureSource = (name: string): PluginSource => ({ kind: 'directory', path: path.join(FIXTURES, name) });

/**
 * Loader options over fixture folders. Fixture plugins log `setup` and `dispose` through their
 * context logger; `events` receives them as `setup:<id>` / `dispose:<id>` in call order; `configs` the config
 * each plugin's context was built with.
 */
export function fixtureOptions(sources: readonly PluginSource[], overrides: Partial<LoadPluginsOptions> = {}) {
  const events: string[] = [];
  const configs: Record<string, Record<string, unknown>> = {};
  const logger = createRecordingLogger();
  const createContext = (manifest: PluginManifest, config: Record<string, unknown>): PluginContext => {
    configs[manifest.id] = config;
    const record = (message: string): void => void events.push(`${message}:${manifest.id}`);
    const pluginLogger: Logger = { debug: record, info: record, warn: record, error: record, child: () => pluginLogger };
    return { manifest, config, logger: pluginLogger, fetch, httpRequest: httpRequestFromFetch(fetch), signal: new AbortController().signal };
  };
  const options: LoadPluginsOptions = { sources, cwd: FIXTURES, pluginConfig: {}, createContext, logger, initTimeoutMs: 1000, ...overrides };
  return { options, events, configs, logger };
}

/** The three fixture plugins in `good/`, in dependency order. */
export const GOOD_IDS = ['provider-good-echo', 'sandbox-good-local', 'mcp-transport-good-memory'] as const;
