import { loadConfig } from '../../core/config/index.js';
import { BUILTIN_PLUGINS_DIR } from '../../core/create-gateway.js';
import { createLogger } from '../../core/logging/create-logger.js';
import { loadPlugins, validatePluginPath, type PluginSource } from '../../core/plugin-loader/index.js';
import { createPluginRegistries, describePlugins } from '../../core/registries/index.js';
import { httpRequestFromFetch } from '../../sdk/index.js';
import type { StartOptions } from './parse-cli-arguments.js';

type Print = (line: string) => void;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

/** `switchyard plugins list`: loads every plugin as `start` would and prints one row each. Returns the exit code. */
export async function runPluginsListCommand(options: StartOptions, environment: { cwd: string; env: Readonly<Record<string, string | undefined>>; stdout: Print }): Promise<number> {
  const logger = createLogger({ level: 'silent' });
  const config = await loadConfig({ file: options.config, cwd: environment.cwd, env: environment.env });
  const sources: PluginSource[] = [
    { kind: 'builtin', path: BUILTIN_PLUGINS_DIR },
    ...options.pluginDirs.map((dir) => ({ kind: 'directory' as const, path: dir })),
    ...config.pluginDirs.map((dir) => ({ kind: 'directory' as const, path: dir })),
    ...config.plugins.map((name) => ({ kind: 'package' as const, path: name })),
  ];
  const shutdown = new AbortController();
  const result = await loadPlugins({
    sources,
    cwd: environment.cwd,
    pluginConfig: config.pluginConfig,
    logger,
    createContext: (manifest, pluginConfig) => ({ manifest, config: pluginConfig, logger, fetch: globalThis.fetch, httpRequest: httpRequestFromFetch(globalThis.fetch), signal: shutdown.signal }),
  });
  const rows = describePlugins(result).map((row) => [row.id, row.kind ?? '-', row.version ?? '-', row.source ?? '-', row.status, row.code ? `${row.code}: ${row.reason ?? ''}` : '']);
  for (const line of table([['ID', 'KIND', 'VERSION', 'SOURCE', 'STATUS', 'FAILURE'], ...rows])) environment.stdout(line);
  const registries = createPluginRegistries({ logger });
  registries.registerAll(result.plugins);
  shutdown.abort();
  await registries.disposeAll();
  return options.strictPlugins && result.failures.length > 0 ? 1 : 0;
}

/** `switchyard plugins validate PATH`: prints each error with its JSON path. Returns 0 when all are valid, else 1. */
export async function runPluginsValidateCommand(target: string, print: { stdout: Print; stderr: Print }): Promise<number> {
  const validation = await validatePluginPath(target);
  let invalid = 0;
  for (const result of validation.results) {
    const name = result.id ? `${result.id} (${result.dir})` : result.dir;
    if (result.errors.length === 0) {
      print.stdout(`ok      ${name}`);
      continue;
    }
    invalid++;
    print.stderr(`invalid ${name}`);
    for (const problem of result.errors) print.stderr(`  ${result.dir}/plugin.json ${problem.path}: ${problem.message}`);
  }
  print.stdout(`${validation.checked} plugin folder(s) checked, ${invalid} invalid`);
  return invalid === 0 && validation.checked > 0 ? 0 : 1;
}
