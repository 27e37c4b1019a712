import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { ConfigError } from '../../sdk/index.js';
import { buildHostConfig } from './build-host-config.js';
import type { HostConfig, LoadConfigOptions } from './host-config.js';
import { parseConfigText } from './parse-config-text.js';

/** Files looked for in the working folder when no config file is named, first match wins. */
export const CONFIG_FILE_NAMES: readonly string[] = ['switchyard.yaml', 'switchyard.yml', 'switchyard.json'];

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, expected a file',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** `.json` is JSON; everything else is read as YAML, which also accepts JSON. */
function formatOf(path: string): 'yaml' | 'json' {
  return extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
}

/**
 * Loads the host configuration. With `file`, reads that file (relative to `cwd`); otherwise uses
 * the first of {@link CONFIG_FILE_NAMES} found in `cwd`, and with none of them returns the empty
 * config (providers are then enabled from the environment). Throws a `ConfigError`:
 * `CONFIG_UNREADABLE` when the file cannot be read, `CONFIG_INVALID` for syntax and schema
 * problems, `CONFIG_ENV_MISSING` when the only problems are unset environment variables.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<HostConfig> {
  let absolute: string | undefined;
  let displayName: string | undefined;
  if (options.file !== undefined) {
    absolute = resolve(options.cwd, options.file);
    displayName = options.file;
  } else {
    for (const name of CONFIG_FILE_NAMES) {
      if (await isFile(join(options.cwd, name))) {
        absolute = join(resolve(options.cwd), name);
        displayName = name;
        break;
      }
    }
  }
  if (absolute === undefined || displayName === undefined) {
    return buildHostConfig(undefined, { displayName: '(no config file)', env: options.env, baseDir: resolve(options.cwd) });
  }

  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (error as Error).message;
    throw new ConfigError({ file: displayName, code: 'CONFIG_UNREADABLE', problems: [{ path: '', message: `cannot read ${absolute}: ${reason}` }], cause: error });
  }
  return parseConfigText(text, { file: absolute, displayName, format: formatOf(absolute), env: options.env, baseDir: dirname(absolute) });
}
