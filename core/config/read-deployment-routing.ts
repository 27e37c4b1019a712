import type { ConfigReader } from './config-reader.js';
import { readAmount, readCount, readSeconds } from './read-routing-values.js';
import type { DeploymentRoutingConfig } from './router-config.js';

type Draft = { -readonly [K in keyof DeploymentRoutingConfig]: DeploymentRoutingConfig[K] };

/** `litellm_params` keys that tune routing; they stay in `params` but never reach the provider plugin. */
export const DEPLOYMENT_ROUTING_KEYS = [
  'rpm', 'tpm', 'weight', 'order', 'max_parallel_requests', 'num_retries', 'cooldown_time', 'stream_timeout', 'stream_idle_timeout',
  'input_cost_per_token', 'output_cost_per_token',
] as const;

/** True when `key` is one of {@link DEPLOYMENT_ROUTING_KEYS}. */
export function isDeploymentRoutingKey(key: string): boolean {
  return (DEPLOYMENT_ROUTING_KEYS as readonly string[]).includes(key);
}

/** Reads one routing key into `into`; returns the value as written (seconds, counts), or `undefined` after a problem. */
export function readDeploymentRoutingKey(reader: ConfigReader, key: string, raw: unknown, path: string, into: Draft): number | undefined {
  switch (key) {
    case 'rpm':
      return (into.rpm = readAmount(reader, raw, path, true));
    case 'tpm':
      return (into.tpm = readAmount(reader, raw, path, true));
    case 'weight':
      return (into.weight = readAmount(reader, raw, path));
    case 'order':
      return (into.order = readCount(reader, raw, path));
    case 'max_parallel_requests':
      return (into.maxParallelRequests = readCount(reader, raw, path, 1));
    case 'num_retries':
      return (into.numRetries = readCount(reader, raw, path));
    case 'input_cost_per_token':
      return (into.inputCostPerToken = readAmount(reader, raw, path));
    case 'output_cost_per_token':
      return (into.outputCostPerToken = readAmount(reader, raw, path));
    case 'cooldown_time':
      return seconds(into.cooldownTimeMs = readSeconds(reader, raw, path, true));
    case 'stream_timeout':
      return seconds(into.streamTimeoutMs = readSeconds(reader, raw, path));
    case 'stream_idle_timeout':
      return seconds(into.streamIdleTimeoutMs = readSeconds(reader, raw, path));
    default:
      return undefined;
  }
}

function seconds(milliseconds: number | undefined): number | undefined {
  return milliseconds === undefined ? undefined : milliseconds / 1000;
}

/** Copies the defined fields of a routing draft. */
export function compactRouting(draft: Draft): DeploymentRoutingConfig {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined)) as DeploymentRoutingConfig;
}
