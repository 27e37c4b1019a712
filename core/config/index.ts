// Public surface of host configuration loading, for the CLI and the composition root.
export { loadConfig, CONFIG_FILE_NAMES } from './load-config.js';
export { parseConfigText } from './parse-config-text.js';
export type { HostConfig, DeploymentConfig, ConfiguredProviderSettings, LoadConfigOptions, ParseConfigOptions } from './host-config.js';
export { interpolateEnv, type EnvInterpolation } from './interpolate-env.js';
export { LITELLM_KEYS, lookupLitellmKey, type KeySupport, type LitellmSection } from './litellm-keys.js';
