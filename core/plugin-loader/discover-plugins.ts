import { readdir, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Logger } from '../../sdk/index.js';
import type { PluginFailure } from './plugin-failure.js';
import type { DiscoveredPlugin, PluginSource } from './plugin-source.js';
import { MANIFEST_FILE } from './read-manifest.js';

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i;

/** Plugin folders found in every source, in source order, plus sources that could not be searched. */
export interface DiscoveryResult {
  readonly discovered: DiscoveredPlugin[];
  readonly failures: PluginFailure[];
}

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then((info) => info.isDirectory(), () => false);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((info) => info.isFile(), () => false);
}

/** Finds an npm package's root folder the way Node would from `cwd` (`node_modules` up the tree). */
export async function resolvePluginPackage(name: string, cwd: string): Promise<string | undefined> {
  if (!PACKAGE_NAME.test(name)) return undefined;
  const lookups = createRequire(path.join(path.resolve(cwd), 'noop.js')).resolve.paths(name) ?? [];
  for (const base of lookups) {
    const dir = path.join(base, name);
    if ((await isFile(path.join(dir, 'package.json'))) || (await isFile(path.join(dir, MANIFEST_FILE)))) return dir;
  }
  return undefined;
}

/** Plugin folders in a folder of plugin folders (or the folder itself when it holds a `plugin.json`), sorted by name. */
export async function listPluginFolders(folder: string): Promise<string[]> {
  if (await isFile(path.join(folder, MANIFEST_FILE))) return [folder];
  const entries = await readdir(folder, { withFileTypes: true });
  const names = entries
    .filter((entry) => (entry.isDirectory() || entry.isSymbolicLink()) && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort();
  const folders: string[] = [];
  for (const name of names) {
    const dir = path.join(folder, name);
    if ((await isDirectory(dir)) && (await isFile(path.join(dir, MANIFEST_FILE)))) folders.push(dir);
  }
  return folders;
}

async function discoverSource(source: PluginSource, cwd: string, logger: Logger): Promise<DiscoveryResult> {
  if (source.kind === 'package') {
    const dir = await resolvePluginPackage(source.path, cwd);
    if (dir !== undefined) return { discovered: [{ dir, source: 'package' }], failures: [] };
    const message = `npm package "${source.path}" was not found from ${cwd}`;
    return { discovered: [], failures: [{ code: 'PLUGIN_NOT_FOUND', pluginDir: source.path, message, source: 'package' }] };
  }
  const folder = path.resolve(cwd, source.path);
  if (!(await isDirectory(folder))) {
    if (source.kind === 'builtin') {
      logger.debug('built-in plugin folder not found', { folder });
      return { discovered: [], failures: [] };
    }
    const message = `plugin folder ${folder} does not exist`;
    return { discovered: [], failures: [{ code: 'PLUGIN_NOT_FOUND', pluginDir: folder, message, source: source.kind }] };
  }
  let dirs: string[];
  try {
    dirs = await listPluginFolders(folder);
  } catch (error) {
    const message = `cannot list plugin folder ${folder}: ${error instanceof Error ? error.message : String(error)}`;
    return { discovered: [], failures: [{ code: 'PLUGIN_NOT_FOUND', pluginDir: folder, message, source: source.kind }] };
  }
  return { discovered: dirs.map((dir) => ({ dir, source: source.kind })), failures: [] };
}

/**
 * Step 1 of loading: finds every plugin folder (a subfolder holding `plugin.json`) in the sources.
 * A missing built-in folder is ignored; a missing extra folder or npm package is a `PLUGIN_NOT_FOUND`
 * failure. The same folder reached twice (for example through a symlink) is kept once.
 */
export async function discoverPlugins(sources: readonly PluginSource[], cwd: string, logger: Logger): Promise<DiscoveryResult> {
  const discovered: DiscoveredPlugin[] = [];
  const failures: PluginFailure[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const found = await discoverSource(source, cwd, logger);
    failures.push(...found.failures);
    for (const plugin of found.discovered) {
      const real = await realpath(plugin.dir).catch(() => plugin.dir);
      if (seen.has(real)) continue;
      seen.add(real);
      discovered.push(plugin);
    }
  }
  return { discovered, failures };
}
