import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SwitchyardPlugin } from '../../sdk/index.js';
import type { ValidatedPlugin } from './order-plugins.js';
import type { PluginFailure } from './plugin-failure.js';
import { describeReason, settleWithin } from './settle-within.js';

/** True when this module runs from TypeScript source (tests), where plugin entries may exist only as `.ts`. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

async function isFile(file: string): Promise<boolean> {
  return stat(file).then((info) => info.isFile(), () => false);
}

/**
 * Resolves a manifest's `main` to a file inside `dir`. Tries the `.js` path first; only when it is
 * missing and `allowTypeScript` is set, falls back to the sibling `.ts` (`.mjs` → `.mts`) source.
 * Refuses files that escape the plugin folder, also through symlinks.
 */
export async function resolvePluginEntry(dir: string, main: string, allowTypeScript = RUNNING_FROM_SOURCE): Promise<{ file: string } | { error: string }> {
  const candidate = path.resolve(dir, main);
  let file: string | undefined;
  if (await isFile(candidate)) file = candidate;
  else if (allowTypeScript) {
    const source = candidate.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
    if (source !== candidate && (await isFile(source))) file = source;
  }
  if (file === undefined) return { error: `entry ${main} not found in ${dir}` };
  const [realDir, realFile] = await Promise.all([realpath(dir), realpath(file)]);
  const relative = path.relative(realDir, realFile);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { error: `entry ${main} resolves outside the plugin folder` };
  return { file: realFile };
}

function failure(plugin: ValidatedPlugin, code: PluginFailure['code'], message: string): { failure: PluginFailure } {
  const { id, kind, version } = plugin.manifest;
  return { failure: { code, pluginDir: plugin.dir, pluginId: id, message, kind, version, source: plugin.source } };
}

/**
 * Checks a module's default export is a plugin object (`define*Plugin(...)`) of the manifest's kind:
 * `PLUGIN_ENTRY_INVALID` when it is not a plugin object, `PLUGIN_KIND_MISMATCH` when its kind differs.
 */
export function checkPluginExport(plugin: ValidatedPlugin, exported: unknown): { definition: SwitchyardPlugin } | { failure: PluginFailure } {
  const main = plugin.manifest.main;
  if (typeof exported !== 'object' || exported === null) {
    return failure(plugin, 'PLUGIN_ENTRY_INVALID', `${main} must default-export a plugin object made with define*Plugin()`);
  }
  const { kind, setup } = exported as { kind?: unknown; setup?: unknown };
  if (typeof kind !== 'string') return failure(plugin, 'PLUGIN_ENTRY_INVALID', `${main}'s default export has no kind; make it with define*Plugin()`);
  if (kind !== plugin.manifest.kind) {
    return failure(plugin, 'PLUGIN_KIND_MISMATCH', `${main} exports a ${kind} plugin but the manifest says kind ${plugin.manifest.kind}`);
  }
  if (typeof setup !== 'function') return failure(plugin, 'PLUGIN_ENTRY_INVALID', `${main}'s default export has no setup function`);
  return { definition: exported as SwitchyardPlugin };
}

/**
 * Import step: imports the plugin's `main` under `timeoutMs` and checks its default export.
 * A missing file, an import error or a throw at top level is `PLUGIN_ENTRY_INVALID`; an import that
 * does not finish in time (top-level await) is `PLUGIN_INIT_TIMEOUT`.
 */
export async function importPluginEntry(plugin: ValidatedPlugin, timeoutMs: number): Promise<{ definition: SwitchyardPlugin } | { failure: PluginFailure }> {
  const { main } = plugin.manifest;
  const entry = await resolvePluginEntry(plugin.dir, main).catch((error: unknown) => ({ error: describeReason(error) }));
  if ('error' in entry) return failure(plugin, 'PLUGIN_ENTRY_INVALID', entry.error);
  const outcome = await settleWithin(() => import(pathToFileURL(entry.file).href) as Promise<{ default?: unknown }>, timeoutMs);
  if (outcome.status === 'timeout') return failure(plugin, 'PLUGIN_INIT_TIMEOUT', `importing ${main} did not finish within ${timeoutMs} ms`);
  if (outcome.status === 'rejected') return failure(plugin, 'PLUGIN_ENTRY_INVALID', `importing ${main} failed: ${describeReason(outcome.reason)}`);
  return checkPluginExport(plugin, outcome.value.default);
}
