import type { ProviderSettings } from '../../sdk/index.js';
import type { DeploymentRoutingConfig, RouterConfig } from './router-config.js';

/** Connection settings a config file can give a provider (everything but the name). */
export type ConfiguredProviderSettings = Partial<Omit<ProviderSettings, 'name'>>;

/** One `model_list` entry: a deployment of a model behind a public alias. */
export interface DeploymentConfig {
  /** `model_name`: the alias clients ask for; entries sharing it form a group. */
  readonly modelName: string;
  /** Provider half of `litellm_params.model`, split on the first `/`. */
  readonly provider: string;
  /** Model half of `litellm_params.model` (may itself contain `/`). */
  readonly model: string;
  /** Connection settings taken from `litellm_params` (`api_key` → `apiKey`, `timeout` seconds → `timeoutMs`, ...). */
  readonly settings: Partial<Omit<ProviderSettings, 'name' | 'options'>> & { options?: Record<string, unknown> };
  /** `model_info` as written, after environment interpolation. */
  readonly modelInfo: Readonly<Record<string, unknown>>;
  /** The whole `litellm_params` after interpolation, including keys not supported yet. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Routing keys of `litellm_params` (`rpm`, `weight`, `order`, `stream_timeout`, ...); never handed to the provider. */
  readonly routing: DeploymentRoutingConfig;
  /** Where the entry sits in the file, e.g. `model_list[2]`, for messages. */
  readonly path: string;
}

/** The validated host configuration: one config file (or none) plus the environment. */
export interface HostConfig {
  /** Absolute path of the file read, if any. */
  readonly file?: string;
  readonly modelList: readonly DeploymentConfig[];
  /** Switchyard's `providers:` map: provider name → connection settings. */
  readonly providers: Readonly<Record<string, ConfiguredProviderSettings>>;
  /** `general_settings.master_key`. */
  readonly masterKey?: string;
  /** `general_settings.database_url`. */
  readonly databaseUrl?: string;
  /** `general_settings.max_request_size_mb`, converted to bytes. */
  readonly maxRequestBodyBytes?: number;
  /** `plugin_dirs`, resolved against the config file's folder. */
  readonly pluginDirs: readonly string[];
  /** `plugins`: npm package names. */
  readonly plugins: readonly string[];
  /** `plugin_config`: plugin id → options (validated later against the plugin's `configSchema`). */
  readonly pluginConfig: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The validated router settings (from `router_settings`, overlapping `litellm_settings` keys and health keys of `general_settings`). */
  readonly router: RouterConfig;
  /** `router_settings` as written (after interpolation); only supported keys are validated. */
  readonly routerSettings: Readonly<Record<string, unknown>>;
  /** `litellm_settings` as written (after interpolation); only supported keys are validated. */
  readonly litellmSettings: Readonly<Record<string, unknown>>;
  /** The process environment with `environment_variables` from the file laid over it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** One line per LiteLLM key that is recognised but not supported yet. */
  readonly warnings: readonly string[];
}

/** Options of `parseConfigText`. */
export interface ParseConfigOptions {
  /** The file the text came from; recorded in {@link HostConfig.file} resolved against `baseDir`. */
  readonly file: string;
  readonly format: 'yaml' | 'json';
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder relative paths in the file (such as `plugin_dirs`) are resolved against. */
  readonly baseDir: string;
  /** How messages name the file; defaults to `file`. */
  readonly displayName?: string;
}

/** Options of `loadConfig`. */
export interface LoadConfigOptions {
  /** Explicit config file (for example from `--config`); relative to `cwd`. */
  readonly file?: string;
  /** Folder searched for `switchyard.yaml`, `switchyard.yml` or `switchyard.json` when `file` is absent. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}
