import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listPluginFolders } from './discover-plugins.js';
import { resolvePluginEntry, RUNNING_FROM_SOURCE } from './import-plugin-entry.js';
import type { ValidationProblem } from './plugin-failure.js';
import { readManifest } from './read-manifest.js';
import { validateManifest } from './validate-manifest.js';

/** The outcome for one plugin folder; no `errors` means it is valid. */
export interface PluginPathResult {
  readonly dir: string;
  readonly id?: string;
  readonly errors: ValidationProblem[];
}

/** What `plugins validate PATH` reports: how many plugin folders were checked and each result. */
export interface PluginPathValidation {
  readonly checked: number;
  readonly results: PluginPathResult[];
}

async function checkFolder(dir: string): Promise<PluginPathResult> {
  const read = await readManifest(dir);
  if ('error' in read) return { dir, errors: [{ path: '/', message: read.error }] };
  const { manifest, errors } = validateManifest(read.value, dir);
  const raw = read.value as { id?: unknown; main?: unknown };
  const id = typeof raw?.id === 'string' ? raw.id : undefined;
  const main = manifest?.main ?? raw?.main;
  if (typeof main === 'string' && !errors.some((problem) => problem.path === '/main')) {
    const entry = await resolvePluginEntry(dir, main, RUNNING_FROM_SOURCE).catch((error: unknown) => ({ error: String(error) }));
    if ('error' in entry) errors.push({ path: '/main', message: entry.error });
  }
  return { dir, id, errors };
}

/**
 * Validates plugin folders without importing them, for `plugins validate PATH`: PATH is one plugin
 * folder (it holds `plugin.json`) or a folder of plugin folders. Checks each manifest (schema and
 * semantic rules, every error with its JSON path), that `main` exists (its `.ts` source counts when
 * running from source), and that ids are unique among the checked folders. The CLI exits 1 when any
 * result has errors.
 */
export async function validatePluginPath(target: string): Promise<PluginPathValidation> {
  const folder = path.resolve(target);
  const isFolder = await stat(folder).then((info) => info.isDirectory(), () => false);
  if (!isFolder) return { checked: 0, results: [{ dir: folder, errors: [{ path: '/', message: `${folder} is not a folder` }] }] };
  const dirs = await listPluginFolders(folder);
  if (dirs.length === 0) {
    return { checked: 0, results: [{ dir: folder, errors: [{ path: '/', message: 'no plugin.json in this folder or its subfolders' }] }] };
  }
  const results: PluginPathResult[] = [];
  const firstDirById = new Map<string, string>();
  for (const dir of dirs) {
    const result = await checkFolder(dir);
    if (result.id !== undefined) {
      const first = firstDirById.get(result.id);
      if (first !== undefined) result.errors.push({ path: '/id', message: `duplicate id, also used by ${first}` });
      else firstDirById.set(result.id, dir);
    }
    results.push(result);
  }
  return { checked: dirs.length, results };
}
