// Public surface of host configuration loading, for the CLI and the composition root.
export { loadConfig, CONFIG_FILE_NAMES } from './load-config.js';
export { parseConfigText } from './parse-config-text.js';
export type { HostConfig, DeploymentConfig, ConfiguredProviderSettings, LoadConfigOptions, ParseConfigOptions } from './host-config.js';
export { interpolateEnv, type EnvInterpolation } from './interpolate-env.js';
export { LITELLM_KEYS, lookupLitellmKey, type KeySupport, type LitellmSection } from './litellm-keys.js';
export { deploymentIdOf } from './deployment-id.js';
export { DEFAULT_ROUTER_CONFIG, ROUTING_STRATEGIES, POLICY_ERROR_CLASSES } from './router-config.js';
export type { RouterConfig, DeploymentRoutingConfig, RoutingStrategyName, PolicyErrorClass, FallbackTable } from './router-config.js';
