import { ConfigError } from '../../sdk/index.js';
import { childPath, describeValue, isConfigMap, ConfigReader } from './config-reader.js';
import type { DeploymentConfig, HostConfig } from './host-config.js';
import { readGeneralSettings, readLitellmSection } from './read-general-settings.js';
import { readModelList } from './read-model-list.js';
import { readPluginSettings } from './read-plugin-settings.js';
import { readProviders } from './read-providers.js';
import { readRouterSettings } from './read-router-settings.js';
import { deploymentIdOf } from './deployment-id.js';

/** Top-level keys that are Switchyard's own (not LiteLLM's). */
export const SWITCHYARD_ROOT_KEYS: readonly string[] = ['providers', 'plugins', 'plugin_dirs', 'plugin_config'];

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options of {@link buildHostConfig}. */
export interface BuildHostConfigOptions {
  /** Absolute path recorded in {@link HostConfig.file}, if the document came from a file. */
  readonly file?: string;
  /** How messages name the file. */
  readonly displayName: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly baseDir: string;
}

/**
 * Validates a parsed config document and turns it into a {@link HostConfig}. `undefined` or
 * `null` (no file, or an empty one) gives the empty config. Throws one {@link ConfigError}
 * listing every problem found.
 */
export function buildHostConfig(document: unknown, options: BuildHostConfigOptions): HostConfig {
  const root = document ?? {};
  if (!isConfigMap(root)) {
    throw new ConfigError({
      file: options.displayName,
      problems: [{ path: '', message: `expected a mapping of top-level settings (model_list, general_settings, ...), got ${describeValue(root)}` }],
    });
  }
  const reader = new ConfigReader(options.displayName, options.env);
  // Read first: the file's own variables are visible to interpolation everywhere else.
  const env = { ...options.env, ...readEnvironmentVariables(reader, root.environment_variables) };
  reader.env = env;

  for (const key of Object.keys(root)) reader.classifyKey('root', key, '', SWITCHYARD_ROOT_KEYS);
  const modelList = readModelList(reader, root.model_list);
  const general = readGeneralSettings(reader, root.general_settings);
  const routerSettings = readLitellmSection(reader, root.router_settings, 'router_settings');
  const litellmSettings = readLitellmSection(reader, root.litellm_settings, 'litellm_settings');
  const router = readRouterSettings(
    reader,
    { routerSettings: root.router_settings, litellmSettings: root.litellm_settings, generalSettings: root.general_settings },
    { groups: new Set(modelList.map((deployment) => deployment.modelName)), deploymentIds: checkDeploymentIds(reader, modelList) },
  );
  const providers = readProviders(reader, root.providers);
  const plugins = readPluginSettings(reader, root, options.baseDir);
  reader.throwIfProblems();

  return {
    ...(options.file === undefined ? {} : { file: options.file }),
    modelList,
    providers,
    ...(general.masterKey === undefined ? {} : { masterKey: general.masterKey }),
    ...(general.databaseUrl === undefined ? {} : { databaseUrl: general.databaseUrl }),
    ...(general.maxRequestBodyBytes === undefined ? {} : { maxRequestBodyBytes: general.maxRequestBodyBytes }),
    pluginDirs: plugins.pluginDirs,
    plugins: plugins.plugins,
    pluginConfig: plugins.pluginConfig,
    router,
    routerSettings,
    litellmSettings,
    env,
    warnings: [...reader.warnings],
  };
}

/** Collects explicit deployment ids (`model_info.id`), failing on duplicates: an id must name one deployment. */
function checkDeploymentIds(reader: ConfigReader, modelList: readonly DeploymentConfig[]): Set<string> {
  const ids = new Map<string, string>();
  for (const deployment of modelList) {
    if (typeof deployment.modelInfo['id'] !== 'string') continue;
    const id = deploymentIdOf(deployment);
    const first = ids.get(id);
    if (first === undefined) ids.set(id, deployment.path);
    else reader.fail(childPath(childPath(deployment.path, 'model_info'), 'id'), `duplicate deployment id '${id}' (also used by ${first}); each model_info.id must be unique`);
  }
  return new Set(ids.keys());
}

/**
 * Reads LiteLLM's `environment_variables`: NAME → value, taken literally (no interpolation).
 * Numbers and booleans are written as strings since that is all an environment holds.
 */
function readEnvironmentVariables(reader: ConfigReader, raw: unknown): Record<string, string> {
  const path = 'environment_variables';
  const map = reader.map(raw, path, 'a mapping of variable name to value');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map ?? {})) {
    const at = childPath(path, name);
    if (!VARIABLE_NAME.test(name)) reader.fail(at, 'expected an environment variable name (letters, digits and _, not starting with a digit)');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else reader.fail(at, `expected a string, got ${describeValue(value)}`);
  }
  return out;
}
