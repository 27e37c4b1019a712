import { resolve } from 'node:path';
import { childPath, describeValue, isConfigMap, type ConfigReader } from './config-reader.js';

/** Switchyard's plugin keys, read from the top level of the config file. */
export interface PluginSettings {
  pluginDirs: string[];
  plugins: string[];
  pluginConfig: Record<string, Record<string, unknown>>;
}

// npm's rules for package names (lower case, optional @scope/), so a typo fails here, not at install time.
const NPM_PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;
// Same rule as the manifest's `id`.
const PLUGIN_ID = /^(provider|sandbox|mcp-transport)-[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads `plugin_dirs` (resolved against `baseDir`), `plugins` and `plugin_config`. */
export function readPluginSettings(reader: ConfigReader, root: Record<string, unknown>, baseDir: string): PluginSettings {
  const pluginDirs = reader
    .stringList(root.plugin_dirs, 'plugin_dirs', 'a list of plugin folders')
    .map((dir) => resolve(baseDir, dir));
  const plugins = reader.stringList(root.plugins, 'plugins', 'a list of npm package names', (name) =>
    NPM_PACKAGE_NAME.test(name) ? undefined : `expected an npm package name such as switchyard-provider-foo or @scope/name, got ${describeValue(name)}`,
  );
  const pluginConfig: Record<string, Record<string, unknown>> = {};
  const map = reader.map(root.plugin_config, 'plugin_config', 'a mapping of plugin id to options');
  for (const [id, options] of Object.entries(map ?? {})) {
    const at = childPath('plugin_config', id);
    if (!PLUGIN_ID.test(id)) {
      reader.fail(at, 'expected a plugin id such as provider-openai, sandbox-local or mcp-transport-stdio');
      continue;
    }
    if (options === null || options === undefined) {
      pluginConfig[id] = {};
      continue;
    }
    if (!isConfigMap(options)) {
      reader.fail(at, `expected a mapping of plugin options, got ${describeValue(options)}`);
      continue;
    }
    const resolved = reader.resolve(options, at);
    if (isConfigMap(resolved)) pluginConfig[id] = resolved;
  }
  return { pluginDirs, plugins, pluginConfig };
}
