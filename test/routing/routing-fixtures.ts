import type { DeploymentConfig } from '../../core/config/host-config.js';
import { DEFAULT_ROUTER_CONFIG, type DeploymentRoutingConfig, type RouterConfig } from '../../core/config/router-config.js';
import { Deployment } from '../../core/routing/deployment.js';
import { ModelGroup } from '../../core/routing/model-group.js';
import type { ResolvedModel } from '../../core/routing/model-resolver.js';

/** A router config: the defaults with `overrides`. */
export function routerConfig(overrides: Partial<RouterConfig> = {}): RouterConfig {
  return { ...DEFAULT_ROUTER_CONFIG, ...overrides };
}

/** A provider instance that knows nothing about its models (no metadata, no calls). */
function unknownModel(id: string): ResolvedModel {
  const instance = { name: 'fake', languageModel: () => { throw new Error('no calls in unit tests'); } };
  return { requestedModel: id, provider: 'fake', modelId: id, instance, entry: { name: 'fake' }, modelInfo: {} } as unknown as ResolvedModel;
}

/** A deployment built from routing keys and `model_info`; its provider knows nothing about it. */
export function deployment(id: string, routing: DeploymentRoutingConfig = {}, modelInfo: Record<string, unknown> = {}, config: RouterConfig = routerConfig()): Deployment {
  const entry: DeploymentConfig = { modelName: 'group', provider: 'fake', model: id, settings: {}, modelInfo: { id, ...modelInfo }, params: { model: `fake/${id}` }, routing, path: `model_list[${id}]` };
  return new Deployment({ id, modelName: 'group', provider: 'fake', model: id, config: entry, resolve: () => unknownModel(id) }, config);
}

/** A group of deployments. */
export function group(...deployments: Deployment[]): ModelGroup {
  return new ModelGroup('group', deployments);
}

/** A deterministic "random" source cycling through `values`. */
export function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length]!;
}

/** How often each deployment id was picked in `runs` picks. */
export function tally(runs: number, pick: () => Deployment | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let run = 0; run < runs; run++) {
    const chosen = pick();
    const key = chosen?.id ?? 'none';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
