import path from 'node:path';
import semver from 'semver';
import { PLUGIN_API_VERSION } from '../../sdk/index.js';
import type { ValidatedPlugin } from './order-plugins.js';
import type { PluginFailure } from './plugin-failure.js';
import type { DiscoveredPlugin } from './plugin-source.js';
import { readManifest } from './read-manifest.js';
import { validateManifest } from './validate-manifest.js';

/** Plugins whose manifests passed, the failures, and the ids (or folder names) of plugins that failed. */
export interface PreparedManifests {
  readonly valid: ValidatedPlugin[];
  readonly failures: PluginFailure[];
  readonly failedIds: Set<string>;
}

const stringField = (value: unknown, key: string): string | undefined => {
  const field = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === 'string' ? field : undefined;
};

/**
 * Manifest steps, before any plugin code runs: read `plugin.json` (`PLUGIN_MANIFEST_UNREADABLE`),
 * validate it (`PLUGIN_MANIFEST_INVALID`, every problem with its path), reject a second plugin with
 * an id already seen (`PLUGIN_ID_DUPLICATE`; the first wins), and check `engine` against
 * {@link PLUGIN_API_VERSION} (`PLUGIN_ENGINE_MISMATCH`).
 */
export async function prepareManifests(discovered: readonly DiscoveredPlugin[], apiVersion: string = PLUGIN_API_VERSION): Promise<PreparedManifests> {
  const valid: ValidatedPlugin[] = [];
  const failures: PluginFailure[] = [];
  const failedIds = new Set<string>();
  const byId = new Map<string, ValidatedPlugin>();
  for (const plugin of discovered) {
    const read = await readManifest(plugin.dir);
    const base = { pluginDir: plugin.dir, source: plugin.source };
    if ('error' in read) {
      failures.push({ ...base, code: 'PLUGIN_MANIFEST_UNREADABLE', message: read.error });
      failedIds.add(path.basename(plugin.dir));
      continue;
    }
    const { manifest, errors } = validateManifest(read.value, plugin.dir);
    if (manifest === undefined) {
      const pluginId = stringField(read.value, 'id');
      const described = { ...base, pluginId, kind: stringField(read.value, 'kind'), version: stringField(read.value, 'version') };
      failures.push({ ...described, code: 'PLUGIN_MANIFEST_INVALID', message: `plugin.json has ${errors.length} problem(s)`, errors });
      failedIds.add(pluginId ?? path.basename(plugin.dir)).add(path.basename(plugin.dir));
      continue;
    }
    const described = { ...base, pluginId: manifest.id, kind: manifest.kind, version: manifest.version };
    const first = byId.get(manifest.id);
    if (first !== undefined) {
      failures.push({ ...described, code: 'PLUGIN_ID_DUPLICATE', message: `plugin id ${manifest.id} is already provided by ${first.dir}` });
      continue;
    }
    if (!semver.satisfies(apiVersion, manifest.engine, { includePrerelease: true })) {
      failures.push({ ...described, code: 'PLUGIN_ENGINE_MISMATCH', message: `engine ${manifest.engine} does not accept plugin API ${apiVersion}` });
      failedIds.add(manifest.id);
      continue;
    }
    const validated = { ...plugin, manifest };
    byId.set(manifest.id, validated);
    valid.push(validated);
  }
  return { valid, failures, failedIds };
}
