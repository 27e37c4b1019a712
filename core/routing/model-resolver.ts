import type { Logger, Provider, ProviderFactory, ProviderManifestEntry } from '../../sdk/index.js';
import type { LoadedPlugin } from '../plugin-loader/loaded-plugin.js';
import { ModelNotFoundError, SwitchyardError } from '../../sdk/index.js';
import { deploymentIdOf } from '../config/deployment-id.js';
import type { DeploymentConfig, HostConfig } from '../config/host-config.js';
import { defaultsLayer, environmentLayer, mergeProviderSettings, type ProviderSettingsLayer } from '../providers/provider-settings-layer.js';
import type { ProviderRegistry } from '../registries/provider-registry.js';

/** A model request resolved to one provider instance and upstream model id. */
export interface ResolvedModel {
  readonly requestedModel: string;
  readonly provider: string;
  readonly modelId: string;
  /** Set when the model came from a `model_list` entry. */
  readonly deploymentId?: string;
  readonly modelName?: string;
  readonly instance: Provider;
  readonly entry: ProviderManifestEntry;
  readonly modelInfo: Readonly<Record<string, unknown>>;
}

export { deploymentIdOf };

/** One row of `GET /v1/models`. */
export interface ListedModel { readonly id: string; readonly ownedBy: string }

/** Dependencies of {@link ModelResolver}. */
export interface ModelResolverDependencies {
  readonly config: HostConfig;
  readonly providerRegistry: ProviderRegistry;
  readonly logger: Logger;
}

/**
 * Resolves `model` strings (a `model_name` alias or a `provider/model` handle) to provider
 * instances, creating each instance once per distinct settings and caching it.
 */
export class ModelResolver {
  private readonly instances = new Map<string, Provider>();
  private readonly byAlias = new Map<string, DeploymentConfig[]>();
  private readonly byHandle = new Map<string, DeploymentConfig>();

  constructor(private readonly deps: ModelResolverDependencies) {
    for (const deployment of deps.config.modelList) {
      const group = this.byAlias.get(deployment.modelName) ?? [];
      group.push(deployment);
      this.byAlias.set(deployment.modelName, group);
      const handle = `${deployment.provider}/${deployment.model}`;
      if (!this.byHandle.has(handle)) this.byHandle.set(handle, deployment);
    }
  }

  /**
   * Resolves a model string or throws MODEL_NOT_FOUND / PROVIDER_NOT_CONFIGURED. An alias gives
   * the group's first deployment: load balancing across a group is the DeploymentRouter's job.
   */
  resolve(model: string): ResolvedModel {
    // Not cached here: the DeploymentRouter keeps what it resolves (bounded), provider
    // instances are cached below, and only `GET /v1/models/{id}` calls this directly.
    const group = this.byAlias.get(model);
    if (group) return this.resolveDeployment(model, group[0]!);
    const deployment = this.byHandle.get(model);
    if (deployment) return this.resolveDeployment(model, deployment);
    const slash = model.indexOf('/');
    if (slash <= 0 || slash === model.length - 1) {
      throw new ModelNotFoundError({ model, reason: "Use a 'provider/model' handle or a model_name from the config.", available: [...this.byAlias.keys()] });
    }
    const providerName = model.slice(0, slash);
    const modelId = model.slice(slash + 1);
    const found = this.deps.providerRegistry.findProvider(providerName);
    if (!found) {
      throw new ModelNotFoundError({ model, reason: `No provider named '${providerName}' is loaded (known: ${this.deps.providerRegistry.providerNames().join(', ') || 'none'}).` });
    }
    const env = environmentLayer(found.entry, this.deps.config.env);
    const configured = this.deps.config.providers[providerName];
    if (!env.enabled && !configured && found.entry.requiresApiKey !== false) {
      const variables = (found.entry.envVars ?? []).filter((variable) => variable.enables).map((variable) => variable.name);
      throw new SwitchyardError('PROVIDER_NOT_CONFIGURED', {
        param: 'model',
        message: `Provider '${providerName}' is not configured: set ${variables.join(' or ') || 'its API key'} or add it under 'providers:' in the config file.`,
        details: { provider: providerName },
      });
    }
    const settings = mergeProviderSettings(providerName, [defaultsLayer(found.entry), env.layer, configured as ProviderSettingsLayer | undefined]);
    return { requestedModel: model, provider: providerName, modelId, instance: this.instanceFor(found, settings), entry: found.entry, modelInfo: {} };
  }

  /**
   * The plugins serving a provider this gateway is set up for: named by a `model_list` entry or
   * under `providers:`, or enabled from the environment. (Keyless providers such as Ollama can
   * also be reached ad hoc; their plugins load what they need on first use.)
   */
  pluginsInUse(): LoadedPlugin<ProviderFactory>[] {
    const used = new Set<LoadedPlugin<ProviderFactory>>();
    const listed = new Set(this.deps.config.modelList.map((deployment) => deployment.provider));
    for (const { plugin, entry } of this.deps.providerRegistry.providers()) {
      const reachable = listed.has(entry.name) || this.deps.config.providers[entry.name] !== undefined || environmentLayer(entry, this.deps.config.env).enabled;
      if (reachable) used.add(plugin);
    }
    return [...used];
  }

  /** Names a client may use in `model`: aliases and the handles they point at. */
  listModels(): ListedModel[] {
    const listed: ListedModel[] = [];
    for (const [alias, group] of this.byAlias) listed.push({ id: alias, ownedBy: group[0]!.provider });
    return listed;
  }

  /** Disposes every provider instance created so far. */
  async dispose(): Promise<void> {
    const instances = [...this.instances.values()].reverse();
    this.instances.clear();
    for (const instance of instances) {
      try {
        await instance.dispose?.();
      } catch (error) {
        this.deps.logger.warn('provider dispose failed', { error });
      }
    }
  }

  /** Resolves one `model_list` entry to its provider instance; throws MODEL_NOT_FOUND when no plugin serves its provider. */
  resolveDeployment(requestedModel: string, deployment: DeploymentConfig): ResolvedModel {
    const found = this.deps.providerRegistry.findProvider(deployment.provider);
    if (!found) {
      throw new ModelNotFoundError({ model: requestedModel, reason: `${deployment.path} names provider '${deployment.provider}', which no loaded plugin serves.` });
    }
    const settings = mergeProviderSettings(deployment.provider, [
      defaultsLayer(found.entry),
      environmentLayer(found.entry, this.deps.config.env).layer,
      this.deps.config.providers[deployment.provider] as ProviderSettingsLayer | undefined,
      deployment.settings as ProviderSettingsLayer,
    ]);
    return {
      requestedModel,
      provider: deployment.provider,
      modelId: deployment.model,
      deploymentId: deploymentIdOf(deployment),
      modelName: deployment.modelName,
      instance: this.instanceFor(found, settings),
      entry: found.entry,
      modelInfo: deployment.modelInfo,
    };
  }

  private instanceFor(found: NonNullable<ReturnType<ProviderRegistry['findProvider']>>, settings: Parameters<typeof found.plugin.factory.createProvider>[0]): Provider {
    const key = `${found.plugin.manifest.id}\n${JSON.stringify(settings)}`;
    let instance = this.instances.get(key);
    if (!instance) {
      instance = found.plugin.factory.createProvider(settings);
      this.instances.set(key, instance);
    }
    return instance;
  }
}
