#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { SwitchyardError } from '../../sdk/index.js';
import { CliUsageError, parseCliArguments, USAGE } from './parse-cli-arguments.js';

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
      const { runStartCommand } = await import('./run-start-command.js');
      const running = await runStartCommand(command.options, { ...environment, stdout });
      const stop = (signal: string): void => {
        stderr(`received ${signal}; finishing in-flight requests`);
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            stderr(describeFailure(error));
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
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
  },
);
