import { parseArgs } from 'node:util';

/** A parsed command line. */
export type CliCommand =
  | { readonly command: 'help' }
  | { readonly command: 'version' }
  | { readonly command: 'start'; readonly options: StartOptions }
  | { readonly command: 'plugins-list'; readonly options: StartOptions }
  | { readonly command: 'plugins-validate'; readonly path: string };

/** Options of `switchyard start` (also read by `plugins list`). */
export interface StartOptions {
  readonly config?: string;
  readonly port?: number;
  readonly host?: string;
  readonly pluginDirs: readonly string[];
  readonly strictPlugins: boolean;
  readonly db?: string;
  /** `--workers N|auto`: gateway processes sharing the port (`auto`: one per CPU). */
  readonly workers?: number | 'auto';
}

/** A command line that cannot be run; the message says what was expected. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const USAGE = `Usage: switchyard <command> [options]

Commands:
  start                      Start the gateway (default: http://127.0.0.1:4000)
  plugins list               List plugins with kind, version, source, status and failure reason
  plugins validate PATH      Validate one plugin folder, or a folder of plugin folders

Options of start and plugins list (--workers: start only):
  --config FILE              Config file (YAML or JSON); default ./switchyard.yaml if present
  --port PORT                Port to listen on (default 4000)
  --host HOST                Address to listen on (default 127.0.0.1)
  --plugins-dir DIR          Extra folder of plugin folders (repeatable)
  --strict-plugins           Exit if any plugin fails to load
  --db URL                   Database: a postgres:// URL, or an SQLite file path (default ./.switchyard/switchyard.db)
  --workers N|auto           Gateway processes sharing the port (default 1; auto: one per CPU)

  -h, --help                 Show this help
  -v, --version              Show the version
`;

const START_OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'plugins-dir': { type: 'string', multiple: true },
  'strict-plugins': { type: 'boolean' },
  db: { type: 'string' },
  workers: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) throw new CliUsageError(`--port: expected an integer from 0 to 65535, got '${value}'`);
  return port;
}

/** Most worker processes `--workers` accepts. */
export const MAX_WORKERS = 64;

/** Reads `--workers` (or `SWITCHYARD_WORKERS`): a whole number from 1 to {@link MAX_WORKERS}, or `auto`. */
export function parseWorkers(value: string, source = '--workers'): number | 'auto' {
  if (value.trim() === 'auto') return 'auto';
  const workers = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || workers < 1 || workers > MAX_WORKERS) throw new CliUsageError(`${source}: expected a whole number from 1 to ${MAX_WORKERS}, or 'auto', got '${value}'`);
  return workers;
}

function parseStartOptions(args: string[], command: string): { options: StartOptions; positionals: string[]; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: START_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(`${command}: ${(error as Error).message}`);
  }
  const values = parsed.values;
  for (const [flag, value] of [['--config', values.config], ['--host', values.host], ['--db', values.db]] as const) {
    if (value !== undefined && value.trim() === '') throw new CliUsageError(`${flag}: expected a value, got an empty string`);
  }
  return {
    options: {
      config: values.config,
      port: values.port === undefined ? undefined : parsePort(values.port),
      host: values.host,
      pluginDirs: values['plugins-dir'] ?? [],
      strictPlugins: values['strict-plugins'] ?? false,
      db: values.db,
      workers: values.workers === undefined ? undefined : parseWorkers(values.workers),
    },
    positionals: parsed.positionals,
    help: values.help ?? false,
  };
}

/** Parses `argv` (without node and the script). Throws {@link CliUsageError} with a clear message. */
export function parseCliArguments(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help' };
  if (first === '--version' || first === '-v' || first === 'version') return { command: 'version' };
  if (first === 'start') {
    const { options, positionals, help } = parseStartOptions(rest, 'start');
    if (help) return { command: 'help' };
    if (positionals.length > 0) throw new CliUsageError(`start: unexpected argument '${positionals[0]}'`);
    return { command: 'start', options };
  }
  if (first === 'plugins') {
    const [sub, ...subRest] = rest;
    if (sub === 'list') {
      const { options, positionals, help } = parseStartOptions(subRest, 'plugins list');
      if (help) return { command: 'help' };
      if (positionals.length > 0) throw new CliUsageError(`plugins list: unexpected argument '${positionals[0]}'`);
      if (options.workers !== undefined) throw new CliUsageError('plugins list: --workers applies to start only');
      return { command: 'plugins-list', options };
    }
    if (sub === 'validate') {
      const positionals = subRest.filter((arg) => !arg.startsWith('-'));
      const flags = subRest.filter((arg) => arg.startsWith('-'));
      if (flags.some((flag) => flag === '--help' || flag === '-h')) return { command: 'help' };
      if (flags.length > 0) throw new CliUsageError(`plugins validate: unknown option '${flags[0]}'`);
      if (positionals.length !== 1) throw new CliUsageError('plugins validate: expected exactly one PATH (a plugin folder or a folder of plugin folders)');
      return { command: 'plugins-validate', path: positionals[0]! };
    }
    throw new CliUsageError(`plugins: expected 'list' or 'validate', got ${sub === undefined ? 'nothing' : `'${sub}'`}`);
  }
  throw new CliUsageError(`unknown command '${first}'; run 'switchyard --help'`);
}
