import { createHash } from 'node:crypto';
import type { DeploymentConfig } from './host-config.js';

/** The stable id of a deployment: `model_info.id`, else a hash of its model name and params (as LiteLLM does). */
export function deploymentIdOf(deployment: Pick<DeploymentConfig, 'modelName' | 'modelInfo' | 'params'>): string {
  const explicit = deployment.modelInfo['id'];
  if (typeof explicit === 'string' && explicit !== '') return explicit;
  return createHash('sha256').update(`${deployment.modelName}\n${canonicalJson(deployment.params)}`).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every depth, so equal params hash equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
