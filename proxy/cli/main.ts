#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { SwitchyardError } from '../../sdk/index.js';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { CliUsageError, parseCliArguments, parseWorkers, USAGE } from './parse-cli-arguments.js';
import type { WorkerListeningMessage } from './supervise-workers.js';

const stdout = (line: string): void => void process.stdout.write(`${line}\n`);
const stderr = (line: string): void => void process.stderr.write(`${line}\n`);

function packageVersion(): string {
  // Source and dist/ sit at different depths: walk up to Switchyard's package.json.
  for (let url = new URL('./', import.meta.url); url.pathname !== '/'; url = new URL('../', url)) {
    const candidate = new URL('package.json', url);
    if (!existsSync(candidate)) continue;
    const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === 'switchyard') return manifest.version ?? 'unknown';
  }
  return 'unknown';
}

function describeFailure(error: unknown): string {
  if (error instanceof CliUsageError) return `switchyard: ${error.message}\nRun 'switchyard --help' for usage.`;
  if (SwitchyardError.isInstance(error)) return `switchyard: ${error.code}\n${error.message}`;
  return `switchyard: ${(error as Error)?.message ?? String(error)}`;
}

/** Worker processes for `start`: `--workers`, else `SWITCHYARD_WORKERS`, else 1; `auto` is one per CPU. */
function resolveWorkers(option: number | 'auto' | undefined, env: string | undefined): number {
  const value = option ?? (env === undefined || env.trim() === '' ? 1 : parseWorkers(env, 'SWITCHYARD_WORKERS'));
  return value === 'auto' ? availableParallelism() : value;
}

async function main(argv: string[]): Promise<number> {
  const command = parseCliArguments(argv);
  const environment = { cwd: process.cwd(), env: process.env };
  switch (command.command) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      stdout(packageVersion());
      return 0;
    // Commands import their modules on demand so that --help and argument errors stay instant.
    case 'plugins-validate': {
      const { runPluginsValidateCommand } = await import('./run-plugins-commands.js');
      return runPluginsValidateCommand(command.path, { stdout, stderr });
    }
    case 'plugins-list': {
      const { runPluginsListCommand } = await import('./run-plugins-commands.js');
      return runPluginsListCommand(command.options, { ...environment, stdout });
    }
    case 'start': {
      const workers = resolveWorkers(command.options.workers, process.env['SWITCHYARD_WORKERS']);
      if (workers > 1 && cluster.isPrimary) {
        const { superviseWorkers } = await import('./supervise-workers.js');
        const supervised = superviseWorkers({ workers, stdout, stderr });
        process.once('SIGTERM', () => supervised.stop('SIGTERM'));
        process.once('SIGINT', () => supervised.stop('SIGINT'));
        return supervised.done;
      }
      const { runStartCommand } = await import('./run-start-command.js');
      // A worker reports to its primary, which prints one line for all of them.
      const running = await runStartCommand(command.options, { ...environment, stdout: cluster.isWorker ? () => undefined : stdout });
      let stopping = false;
      const stop = (reason: string): void => {
        // Idempotent: a terminal's Ctrl-C reaches a worker twice (from the terminal and from its primary).
        if (stopping) return;
        stopping = true;
        stderr(`${reason}; finishing in-flight requests`);
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            stderr(describeFailure(error));
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('received SIGTERM'));
      process.on('SIGINT', () => stop('received SIGINT'));
      if (cluster.isWorker) {
        process.send?.({ type: 'switchyard:listening', url: running.url, startupMs: Math.round(performance.now()) } satisfies WorkerListeningMessage);
        // The primary is gone (killed): stop like on SIGTERM rather than serve on unsupervised.
        process.once('disconnect', () => stop('the primary process exited'));
      }
      return -1;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    stderr(describeFailure(error));
    process.exitCode = error instanceof CliUsageError ? 2 : 1;
    // A cluster worker's channel to its primary would keep it alive.
    if (cluster.isWorker) process.exit();
  },
);
