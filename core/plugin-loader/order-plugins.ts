import type { PluginManifest } from '../../sdk/index.js';
import type { PluginFailure } from './plugin-failure.js';
import type { DiscoveredPlugin } from './plugin-source.js';

/** A discovered plugin whose manifest has been read and validated. */
export type ValidatedPlugin = DiscoveredPlugin & { manifest: PluginManifest };

/** Plugins in load order (every dependency before its dependents) and those that cannot be ordered. */
export interface OrderResult {
  readonly ordered: ValidatedPlugin[];
  readonly failures: PluginFailure[];
}

const dependenciesOf = (plugin: ValidatedPlugin): readonly string[] => plugin.manifest.dependencies ?? [];

function failure(plugin: ValidatedPlugin, code: PluginFailure['code'], message: string): PluginFailure {
  const { id, kind, version } = plugin.manifest;
  return { code, pluginDir: plugin.dir, pluginId: id, message, kind, version, source: plugin.source };
}

/** Tarjan's strongly connected components; returns the ids that sit on a dependency cycle. */
function findCycleMembers(byId: ReadonlyMap<string, ValidatedPlugin>): Map<string, string[]> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles = new Map<string, string[]>();
  const connect = (id: string): void => {
    index.set(id, index.size);
    low.set(id, index.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const dependency of dependenciesOf(byId.get(id)!)) {
      if (!byId.has(dependency)) continue;
      if (!index.has(dependency)) {
        connect(dependency);
        low.set(id, Math.min(low.get(id)!, low.get(dependency)!));
      } else if (onStack.has(dependency)) {
        low.set(id, Math.min(low.get(id)!, index.get(dependency)!));
      }
    }
    if (low.get(id) !== index.get(id)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== id);
    const selfLoop = dependenciesOf(byId.get(id)!).includes(id);
    if (component.length > 1 || selfLoop) for (const m of component) cycles.set(m, [...component].reverse());
  };
  for (const id of byId.keys()) if (!index.has(id)) connect(id);
  return cycles;
}

/**
 * Dependency step: orders plugins so every dependency loads first (otherwise keeping discovery
 * order). Plugins on a cycle fail with `PLUGIN_DEPENDENCY_CYCLE`; a dependency nobody provides is
 * `PLUGIN_DEPENDENCY_MISSING`, one that already failed (`failedIds`) is `PLUGIN_DEPENDENCY_FAILED`.
 * Dependents of plugins excluded here are left in order; the loader fails them with
 * `PLUGIN_DEPENDENCY_FAILED` when their dependency is not loaded.
 */
export function orderPlugins(plugins: readonly ValidatedPlugin[], failedIds: ReadonlySet<string>): OrderResult {
  const byId = new Map(plugins.map((plugin) => [plugin.manifest.id, plugin] as const));
  const cycles = findCycleMembers(byId);
  const failures: PluginFailure[] = [];
  const excluded = new Set<string>();
  for (const plugin of plugins) {
    const { id } = plugin.manifest;
    const cycle = cycles.get(id);
    const missing = dependenciesOf(plugin).filter((dependency) => !byId.has(dependency));
    if (cycle !== undefined) {
      failures.push(failure(plugin, 'PLUGIN_DEPENDENCY_CYCLE', `dependency cycle: ${[...cycle, cycle[0]].join(' -> ')}`));
    } else if (missing.some((dependency) => !failedIds.has(dependency))) {
      const absent = missing.filter((dependency) => !failedIds.has(dependency));
      failures.push(failure(plugin, 'PLUGIN_DEPENDENCY_MISSING', `depends on ${absent.join(', ')}, which no plugin source provides`));
    } else if (missing.length > 0) {
      failures.push(failure(plugin, 'PLUGIN_DEPENDENCY_FAILED', `depends on ${missing.join(', ')}, which failed to load`));
    } else {
      continue;
    }
    excluded.add(id);
  }
  const ordered: ValidatedPlugin[] = [];
  const placed = new Set<string>();
  const place = (plugin: ValidatedPlugin): void => {
    if (placed.has(plugin.manifest.id) || excluded.has(plugin.manifest.id)) return;
    placed.add(plugin.manifest.id);
    for (const dependency of dependenciesOf(plugin)) {
      const target = byId.get(dependency);
      if (target !== undefined) place(target);
    }
    ordered.push(plugin);
  };
  plugins.forEach(place);
  return { ordered, failures };
}
